package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a browser gets from the example server: the bundle compressed, the API as JSONP and with CORS. */
class ExampleServerTest {
    private static final String PAGE = "http://localhost:8081";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Server server;

    @BeforeAll
    static void start() throws Exception {
        server = ExampleServer.start(0, PAGE);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void kuayuJsIsServedCompressedToBrowsers() throws Exception {
        HttpResponse<byte[]> response = get("/kuayu/kuayu.js", "Accept-Encoding", "gzip, deflate, br");

        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        String script = gunzip(response.body());
        assertTrue(script.startsWith("/*! Kuayu "), script.substring(0, 40));
        assertTrue(response.body().length < script.length() / 2, response.body().length + " bytes");
    }

    @Test
    void theApiAnswersJsonp() throws Exception {
        HttpResponse<byte[]> response = get("/api/hello?name=kuayu&callback=onHello");

        assertEquals(200, response.statusCode());
        assertEquals("text/javascript; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("/**/onHello({\"hello\":\"kuayu\"});", text(response));
    }

    @Test
    void theApiIsReadableByThePageOriginOnly() throws Exception {
        HttpResponse<byte[]> allowed = get("/api/hello", "Origin", PAGE);
        HttpResponse<byte[]> other = get("/api/hello", "Origin", "http://evil.example");

        assertEquals(PAGE, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("{\"hello\":\"world\"}", text(allowed));
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS header for others");
    }

    /** The SLF4J provider of the pom is found: Jetty and Kuayu log through it. */
    @Test
    void logsGoThroughJettysSlf4jProvider() {
        assertEquals("org.eclipse.jetty.logging.JettyLoggerFactory",
            LoggerFactory.getILoggerFactory().getClass().getName());
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
