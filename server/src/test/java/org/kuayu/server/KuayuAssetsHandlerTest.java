package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KuayuAssetsHandlerTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        KuayuAssetsHandler assets = KuayuAssetsHandler.builder().build();
        assets.setHandler(new OtherHandler());
        server = TestServer.start(assets);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /**
     * Remote pages pin {@code /kuayu/proxy.html} and write frames to it: it and its script are always revalidated
     * and never transformed, whatever the handler's own Cache-Control, and no request near them is ever redirected
     * (a redirect would carry a fragment or a frame's name to wherever it points).
     */
    @Test
    void theProxyPageIsNeverCachedLongNorRedirected() throws Exception {
        KuayuAssetsHandler assets = KuayuAssetsHandler.builder().cacheControl("public, max-age=3600").build();
        try (TestServer cached = TestServer.start(assets)) {
            for (String path : new String[] {"/kuayu/proxy.html", "/kuayu/proxy.js", "/kuayu/proxy.html?to=http://evil"}) {
                HttpResponse<String> response = cached.get(path);
                assertEquals(200, response.statusCode(), path);
                assertEquals(KuayuAssetsHandler.PROXY_CACHE_CONTROL, header(response, "Cache-Control"), path);
                assertEquals("nosniff", header(response, "X-Content-Type-Options"), path);
            }
            assertEquals("public, max-age=3600", header(cached.get("/kuayu/test.js"), "Cache-Control"),
                "other files keep the configured value");
            for (String path : new String[] {"/kuayu/proxy.html/", "/kuayu//proxy.html", "/kuayu/./proxy.html",
                "/kuayu/sub/../proxy.html", "/kuayu/proxy.html%2F", "/kuayu/proxy", "/kuayu", "/kuayu/"}) {
                int status = cached.get(path).statusCode();
                assertTrue(status < 300 || status >= 400, path + " answered " + status);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "/kuayu/test.js,      text/javascript;charset=utf-8,      kuayuTest = \"served\"",
        "/kuayu/test.mjs,     text/javascript;charset=utf-8,      export var kuayuTest",
        "/kuayu/test.d.ts,    application/typescript;charset=utf-8, export declare const version",
        "/kuayu/test.d.mts,   application/typescript;charset=utf-8, export declare const connect",
        "/kuayu/page.html,    text/html;charset=utf-8,            <title>test page</title>",
        "/kuayu/sub/nested.js, text/javascript;charset=utf-8,     var nested = true",
    })
    void servesBundleFilesWithTheirContentTypeAndSafeHeaders(String path, String contentType, String bodyPart)
        throws Exception {
        HttpResponse<String> response = server.get(path);

        assertAll(
            () -> assertEquals(200, response.statusCode()),
            () -> assertEquals(contentType, header(response, "Content-Type")),
            () -> assertEquals("nosniff", header(response, "X-Content-Type-Options")),
            () -> assertEquals("no-cache", header(response, "Cache-Control")),
            () -> assertTrue(response.headers().firstValue("ETag").isPresent(), "ETag"),
            () -> assertTrue(response.body().contains(bodyPart), response.body()));
    }

    @Test
    void revalidationWithTheEtagAnswers304() throws Exception {
        String etag = header(server.get("/kuayu/test.js"), "ETag");

        HttpResponse<String> response = server.get("/kuayu/test.js", "If-None-Match", etag);

        assertEquals(304, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void headHasTheHeadersAndNoBody() throws Exception {
        HttpResponse<String> response = server.send("HEAD", "/kuayu/test.js");

        assertEquals(200, response.statusCode());
        assertEquals("text/javascript;charset=utf-8", header(response, "Content-Type"));
        assertEquals("", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kuayu/missing.js", "/kuayu/sub/missing.js", "/kuayu/test.js.bak"})
    void aMissingFileIs404WithAShortBody(String path) throws Exception {
        HttpResponse<String> response = server.get(path);

        assertEquals(404, response.statusCode());
        assertEquals("404 Not Found\n", response.body());
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kuayu/", "/kuayu/sub/", "/kuayu/sub"})
    void foldersAreNeverListed(String path) throws Exception {
        HttpResponse<String> response = server.get(path);

        assertEquals(404, response.statusCode());
        assertFalse(response.body().contains("nested.js"), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/kuayu/../secret.txt",
        "/kuayu/sub/../../secret.txt",
        "/kuayu//../secret.txt",
        "/kuayu/%2e%2e/secret.txt",
        "/kuayu/%2E%2E/secret.txt",
        "/kuayu/.%2e/secret.txt",
        "/kuayu/..%2fsecret.txt",
        "/kuayu/%2e%2e%2fsecret.txt",
        "/kuayu/..%5csecret.txt",
        "/kuayu/..\\secret.txt",
        "/kuayu/%252e%252e/secret.txt",
        "/kuayu/..;/secret.txt",
        "/kuayu/%00/../secret.txt",
        "/kuayu/../../../../etc/passwd",
    })
    void traversalNeverLeavesTheFolder(String target) throws Exception {
        String answer = server.raw(target);

        int status = TestServer.statusOf(answer);
        assertTrue(status >= 400 && status < 500, "status " + status + " for " + target);
        assertFalse(answer.contains("SECRET-OUTSIDE-THE-BUNDLE"), answer);
        assertFalse(answer.contains("root:"), answer);
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        HttpResponse<String> response = server.send("POST", "/kuayu/test.js");

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", header(response, "Allow"));
        assertEquals("405 Method Not Allowed\n", response.body());
    }

    @Test
    void pathsOutsideThePrefixGoToTheWrappedHandler() throws Exception {
        assertEquals("other", server.get("/other").body());
        assertEquals("other", server.get("/kuayu").body());
        assertEquals(404, server.get("/nothing").statusCode());
    }

    @Test
    void servesAnyFolderUnderAnyPrefixWithWelcomeFiles() throws Exception {
        KuayuAssetsHandler site = KuayuAssetsHandler.builder()
            .resourceFolder("site/").pathPrefix("/").welcomeFiles("index.html").cacheControl("").build();
        try (TestServer siteServer = TestServer.start(site)) {
            HttpResponse<String> index = siteServer.get("/");
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("site index"), index.body());
            assertEquals("text/html;charset=utf-8", header(index, "Content-Type"));
            assertTrue(index.headers().firstValue("Cache-Control").isEmpty(), "no Cache-Control");

            assertTrue(siteServer.get("/sub/").body().contains("sub index"));
            HttpResponse<String> redirect = siteServer.get("/sub");
            assertEquals(302, redirect.statusCode());
            assertTrue(header(redirect, "Location").endsWith("/sub/"), header(redirect, "Location"));

            assertEquals(404, siteServer.get("/nowelcome/").statusCode());
            assertEquals(200, siteServer.get("/nowelcome/readme.txt").statusCode());
            assertEquals(404, siteServer.get("/secret.txt").statusCode(), "only the folder is served");
        }
    }

    /**
     * The bundle's files come from several jars ({@code kuayu.js} from kuayu-teavm, {@code kuayu-gwt.js} from
     * kuayu-gwt): every class path root holding the folder is served, here a directory and a jar.
     */
    @Test
    void servesTheFolderFromEveryClassPathRootThatHasIt(@TempDir Path temp) throws Exception {
        Path directoryRoot = temp.resolve("classes");
        Files.createDirectories(directoryRoot.resolve("bundle"));
        Files.writeString(directoryRoot.resolve("bundle/from-directory.js"), "var fromDirectory = true;");
        Path jarRoot = temp.resolve("other.jar");
        try (OutputStream file = Files.newOutputStream(jarRoot); JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("bundle/"));
            jar.putNextEntry(new JarEntry("bundle/from-jar.js"));
            jar.write("var fromJar = true;".getBytes(StandardCharsets.UTF_8));
        }
        KuayuAssetsHandler handler = KuayuAssetsHandler.builder().resourceFolder("bundle/").build();

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader roots = new URLClassLoader(
                new URL[] {directoryRoot.toUri().toURL(), jarRoot.toUri().toURL()}, previous)) {
            // The folder is looked up when the handler starts, through the context class loader among others.
            thread.setContextClassLoader(roots);
            try (TestServer twoRoots = TestServer.start(handler)) {
                thread.setContextClassLoader(previous);
                HttpResponse<String> fromDirectory = twoRoots.get("/kuayu/from-directory.js");
                HttpResponse<String> fromJar = twoRoots.get("/kuayu/from-jar.js");

                assertAll(
                    () -> assertEquals(200, fromDirectory.statusCode()),
                    () -> assertEquals("var fromDirectory = true;", fromDirectory.body()),
                    () -> assertEquals(200, fromJar.statusCode()),
                    () -> assertEquals("var fromJar = true;", fromJar.body()),
                    () -> assertEquals("text/javascript;charset=utf-8", header(fromJar, "Content-Type")),
                    () -> assertEquals(404, twoRoots.get("/kuayu/").statusCode(), "still no listing"));
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void aMissingFolderFailsAtStartWithTheFix() {
        KuayuAssetsHandler handler = KuayuAssetsHandler.builder().resourceFolder("no-such-folder/").build();
        Server jetty = new Server();
        jetty.setHandler(handler);

        Exception failure = assertThrows(IllegalStateException.class, jetty::start);

        assertTrue(failure.getMessage().contains("no-such-folder/"), failure.getMessage());
        assertTrue(failure.getMessage().contains("kuayu-teavm"), failure.getMessage());
    }

    @Test
    void badOptionsFailFast() {
        KuayuAssetsHandler.Builder builder = KuayuAssetsHandler.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.pathPrefix("kuayu/"));
        assertThrows(IllegalArgumentException.class, () -> builder.pathPrefix("/kuayu"));
        assertThrows(IllegalArgumentException.class, () -> builder.resourceFolder("/kuayu/"));
        assertThrows(IllegalArgumentException.class, () -> builder.resourceFolder("kuayu"));
        assertThrows(IllegalArgumentException.class, () -> builder.welcomeFiles("a/index.html"));
    }

    /** Two folders layered under one prefix: the first that has the file serves it, the rest goes on. */
    @Test
    void withPassMissingWhatTheFolderLacksGoesToTheWrappedHandler() throws Exception {
        KuayuAssetsHandler site = KuayuAssetsHandler.builder().resourceFolder("site/").pathPrefix("/kuayu/").build();
        site.setHandler(new OtherHandler());
        KuayuAssetsHandler bundle = KuayuAssetsHandler.builder().passMissing(true).build();
        bundle.setHandler(site);
        try (TestServer layered = TestServer.start(bundle)) {
            HttpResponse<String> first = layered.get("/kuayu/test.js");
            assertEquals(200, first.statusCode());
            assertTrue(first.body().contains("kuayuTest"), first.body());
            HttpResponse<String> second = layered.get("/kuayu/sub/index.html");
            assertEquals(200, second.statusCode(), "the second folder's file");
            assertEquals("nosniff", header(second, "X-Content-Type-Options"));
            assertEquals(404, layered.get("/kuayu/in-neither.js").statusCode(), "the last folder answers 404");
            assertEquals(405, layered.send("POST", "/kuayu/test.js").statusCode(), "and 405");
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Stands for the application behind the assets handler. */
    private static final class OtherHandler extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (!path.equals("/other") && !path.equals("/kuayu")) {
                return false;
            }
            response.write(true, ByteBuffer.wrap("other".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
