package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script with a gzip twin in the folder ({@code big.js} and {@code big.js.gz}, as the Kuayu jars carry
 * {@code kuayu.js.gz}) reaches a browser that accepts gzip compressed, and every other client as it is.
 */
class KuayuAssetsCompressionTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path folder;
    private static byte[] script;
    private static URLClassLoader roots;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path bundle = Files.createDirectories(folder.resolve("bundle"));
        script = "var big = [];\n".concat("big.push('a line that compresses well');\n".repeat(2000))
            .getBytes(StandardCharsets.UTF_8);
        Files.write(bundle.resolve("big.js"), script);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(bundle.resolve("big.js.gz")))) {
            gz.write(script);
        }
        Files.writeString(bundle.resolve("plain.js"), "var plain = true;");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        roots = new URLClassLoader(new URL[] {folder.toUri().toURL()}, previous);
        thread.setContextClassLoader(roots);
        try {
            server = TestServer.start(KuayuAssetsHandler.builder().resourceFolder("bundle/").build());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        roots.close();
    }

    @Test
    void aBrowserThatAcceptsGzipGetsTheScriptCompressed() throws Exception {
        HttpResponse<byte[]> response = get("/kuayu/big.js", "Accept-Encoding", "gzip, deflate, br");

        assertAll(
            () -> assertEquals(200, response.statusCode()),
            () -> assertEquals("gzip", header(response, "Content-Encoding")),
            () -> assertEquals("text/javascript;charset=utf-8", header(response, "Content-Type")),
            () -> assertTrue(header(response, "Vary").contains("Accept-Encoding"), header(response, "Vary")),
            () -> assertEquals("nosniff", header(response, "X-Content-Type-Options")),
            () -> assertTrue(response.body().length < script.length / 10, response.body().length + " bytes"),
            () -> assertArrayEquals(script, gunzip(response.body())));
    }

    @Test
    void aClientWithoutGzipGetsTheScriptAsItIs() throws Exception {
        HttpResponse<byte[]> response = get("/kuayu/big.js");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), "no Content-Encoding");
        assertArrayEquals(script, response.body());
    }

    @Test
    void theCompressedCopyHasItsOwnEtagAndRevalidatesWith304() throws Exception {
        String plainEtag = header(get("/kuayu/big.js"), "ETag");
        String gzipEtag = header(get("/kuayu/big.js", "Accept-Encoding", "gzip"), "ETag");

        HttpResponse<byte[]> revalidated = get("/kuayu/big.js", "Accept-Encoding", "gzip", "If-None-Match", gzipEtag);

        assertNotEquals(plainEtag, gzipEtag);
        assertEquals(304, revalidated.statusCode());
    }

    @Test
    void aFileWithoutATwinIsSentAsItIsEvenToGzipClients() throws Exception {
        HttpResponse<byte[]> response = get("/kuayu/plain.js", "Accept-Encoding", "gzip");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), "no Content-Encoding");
        assertEquals("var plain = true;", new String(response.body(), StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
