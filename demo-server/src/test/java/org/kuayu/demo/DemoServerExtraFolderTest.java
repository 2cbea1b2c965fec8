package org.kuayu.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DemoServer.Builder#extraFolder}: a folder of the file system served under a path on every site. */
class DemoServerExtraFolderTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everySiteButTheProxyServesTheFolderUnderItsPath(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("peers"));
        Files.writeString(Files.createDirectories(folder.resolve("lib")).resolve("peer.js"), "var peer = 1;\n");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        try (DemoServer demo = DemoServer.builder().freePorts().extraFolder("/bench/peers/", folder).build().start()) {
            for (Site site : Site.values()) {
                if (site == Site.PROXY) {
                    continue;
                }
                HttpResponse<String> script = get(demo, site, "/bench/peers/lib/peer.js");
                assertAll(site.siteName(),
                    () -> assertEquals(200, script.statusCode()),
                    () -> assertEquals("var peer = 1;\n", script.body()),
                    () -> assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
                        script.headers().toString()));
            }
            assertAll("no listing, nothing outside, the site's own pages as before",
                () -> assertEquals(403, get(demo, Site.DOMAIN1, "/bench/peers/lib/").statusCode()),
                () -> assertEquals(404, get(demo, Site.DOMAIN1, "/bench/peers/missing.js").statusCode()),
                () -> assertEquals(400, get(demo, Site.DOMAIN1, "/bench/peers/%2e%2e/secret.txt").statusCode()),
                () -> assertEquals(200, get(demo, Site.DOMAIN1, "/postmessage.html").statusCode()),
                () -> assertEquals(200, get(demo, Site.DOMAIN1, "/").statusCode()));
        }
    }

    @Test
    void misuseFailsFastWithTheFix(@TempDir Path dir) {
        DemoServer.Builder builder = DemoServer.builder();
        IllegalArgumentException root = assertThrows(IllegalArgumentException.class, () -> builder.extraFolder("/", dir));
        assertTrue(root.getMessage().contains("/bench/peers/"), root.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.extraFolder("bench/", dir));
        assertThrows(IllegalArgumentException.class, () -> builder.extraFolder("/bench", dir));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> builder.extraFolder("/bench/", dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("not a folder"), missing.getMessage());
    }

    private static HttpResponse<String> get(DemoServer demo, Site site, String path) throws Exception {
        URI url = demo.baseUrl(site);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + url.getPort() + path))
            .timeout(Duration.ofSeconds(10)).header("Host", url.getAuthority()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
