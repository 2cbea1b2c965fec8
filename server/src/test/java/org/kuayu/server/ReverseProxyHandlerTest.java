package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReverseProxyHandlerTest {

    private static TestServer upstream;
    private static TestServer proxy;

    @BeforeAll
    static void start() throws Exception {
        upstream = TestServer.start(new Upstream());
        proxy = TestServer.start(ReverseProxyHandler.builder()
            .upstream(upstream.uri(""))
            .hostHeader("www.domain2.com:8080")
            .cookies(CookieRewrite.builder().domain("www.domain2.com", "www.domain1.com").path("/api/", "/").build())
            .timeout(Duration.ofMillis(500))
            .build());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    @Test
    void pathAndQueryGoToTheUpstreamUnderItsOwnHost() throws Exception {
        HttpResponse<String> answer = proxy.get("/echo/a%20b/c?x=1&y=%C3%A9");
        assertAll(
            () -> assertEquals(200, answer.statusCode()),
            () -> assertTrue(answer.body().contains("path=/echo/a%20b/c\n"), answer.body()),
            () -> assertTrue(answer.body().contains("query=x=1&y=%C3%A9\n"), answer.body()),
            () -> assertTrue(answer.body().contains("host=www.domain2.com:8080\n"), answer.body()),
            () -> assertTrue(answer.body().contains("forwarded=by="), answer.body()),
            () -> assertTrue(answer.body().contains(";for=\"127.0.0.1"), answer.body()),
            () -> assertTrue(answer.body().contains("via=1.1 kuayu\n"), answer.body()));
    }

    /** What a client claims about itself in forwarding headers, as an attacker would send it. */
    static final String SPOOFED = "Forwarded: for=6.6.6.6;host=evil.test;proto=https\r\n"
        + "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Host: evil.test\r\nX-Forwarded-Proto: https\r\n"
        + "X-Forwarded-Port: 443\r\nX-Forwarded-Server: evil.test\r\nX-Real-IP: 6.6.6.6\r\n";

    @Test
    void spoofedForwardingHeadersAreReplacedWithWhatTheProxySaw() throws Exception {
        String answer = rawRequest(proxy, "GET /echo HTTP/1.1\r\nHost: proxy.test:81\r\n" + SPOOFED + "\r\n");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertAll(
            () -> assertTrue(answer.contains("\r\nX-Upstream: yes\r\n"), answer),
            () -> assertFalse(body.contains("6.6.6.6"), body),
            () -> assertFalse(body.contains("evil.test"), body),
            () -> assertFalse(body.contains("x-forwarded-port="), body),
            () -> assertFalse(body.contains("x-real-ip="), body),
            () -> assertTrue(body.contains("\nx-forwarded-for=127.0.0.1\n"), body),
            () -> assertTrue(body.contains("\nx-forwarded-host=proxy.test:81\n"), body),
            () -> assertTrue(body.contains("\nx-forwarded-proto=http\n"), body),
            () -> assertTrue(body.matches("(?s).*\nforwarded=by=[^,\n]*;for=\"127\\.0\\.0\\.1[^,\n]*;host=\"proxy\\.test:81\";"
                + "proto=http\n.*"), body));
    }

    @Test
    void aTrustedPeersForwardingHeadersAreKeptAndExtended() throws Exception {
        try (TestServer trusting = TestServer.start(ReverseProxyHandler.builder().upstream(upstream.uri(""))
            .trustForwardedFrom("127.0.0.0/8").build())) {
            String answer = rawRequest(trusting, "GET /echo HTTP/1.1\r\nHost: lb.test\r\n" + SPOOFED + "\r\n");
            assertAll(
                () -> assertTrue(answer.contains("\nx-forwarded-for=6.6.6.6, 127.0.0.1\n"), answer),
                () -> assertTrue(answer.contains("\nx-forwarded-host=evil.test\n"), answer),
                () -> assertTrue(answer.contains("\nx-forwarded-proto=https\n"), answer),
                () -> assertTrue(answer.contains("\nforwarded=for=6.6.6.6;host=evil.test;proto=https, by="), answer));
        }
        assertThrows(IllegalArgumentException.class, () -> ReverseProxyHandler.builder().trustForwardedFrom("lb"));
    }

    @Test
    void severalCookiesAreEachRewrittenWithTheirAttributes() throws Exception {
        HttpResponse<String> answer = proxy.get("/login");
        assertEquals(List.of(
                "l=a123456; Path=/; Domain=www.domain1.com; HttpOnly",
                "user=admin; Path=/v1; DOMAIN=www.domain1.com; Max-Age=600; SameSite=Lax",
                "theme=dark; Path=/",
                "other=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT",
                "wide=1; Path=/; Secure",
                "__Host-id=7; Path=/; Secure; HttpOnly",
                "dotted=1; Domain=www.domain1.com; Path=/"),
            answer.headers().allValues("Set-Cookie"));
    }

    @Test
    void redirectsToTheUpstreamBecomePathsOfTheProxy() throws Exception {
        assertEquals("/echo/here?a=1", proxy.get("/redirect?to=http://www.domain2.com:8080/echo/here?a=1")
            .headers().firstValue("Location").orElse(null));
        assertEquals("/x", proxy.get("/redirect?to=" + upstream.uri("/x")).headers().firstValue("Location")
            .orElse(null));
        assertEquals("http://www.domain3.com/x", proxy.get("/redirect?to=http://www.domain3.com/x").headers()
            .firstValue("Location").orElse(null));
        assertEquals("http://www.domain2.com:80801/x", proxy.get("/redirect?to=http://www.domain2.com:80801/x")
            .headers().firstValue("Location").orElse(null));
    }

    @Test
    void hopByHopHeadersStopAtTheProxy() throws Exception {
        String answer = rawRequest(proxy, "GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close, X-Hop\r\n"
            + "X-Hop: secret\r\nTE: trailers\r\nProxy-Authorization: Basic eDp5\r\nX-Kept: yes\r\n\r\n");
        assertTrue(answer.contains("x-kept=yes"), answer);
        assertFalse(answer.contains("x-hop="), answer);
        assertFalse(answer.contains("te="), answer);
        assertFalse(answer.contains("proxy-authorization="), answer);
        HttpResponse<String> hops = proxy.get("/hops");
        assertNull(hops.headers().firstValue("X-Upstream-Hop").orElse(null), hops.headers().toString());
        assertEquals("yes", hops.headers().firstValue("X-Upstream-Kept").orElse(null));
        assertEquals(1, hops.headers().allValues("Date").size(), "one Date, the proxy's: " + hops.headers());
        assertTrue(hops.headers().allValues("Server").size() <= 1, "the proxy's own Server only: " + hops.headers());
    }

    @Test
    void aSlowUpstreamIs504AfterTheTimeout() throws Exception {
        HttpResponse<String> answer = proxy.get("/slow");
        assertEquals(504, answer.statusCode());
        assertEquals("504 Gateway Timeout: the upstream server did not answer within 500 ms\n", answer.body());
        assertEquals("text/plain;charset=utf-8", answer.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void anUpstreamThatIsDownIs502() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (TestServer down = TestServer.start(ReverseProxyHandler.builder()
            .upstream(URI.create("http://127.0.0.1:" + closed)).build())) {
            HttpResponse<String> answer = down.get("/anything");
            assertEquals(502, answer.statusCode());
            assertEquals("502 Bad Gateway: the upstream server could not be reached or broke the connection\n",
                answer.body());
            assertFalse(answer.body().contains(String.valueOf(closed)));
        }
    }

    @Test
    void noRequestReachesAnotherHost() throws Exception {
        try (Canary canary = new Canary()) {
            String other = "127.0.0.1:" + canary.port();
            List<String> attempts = List.of(
                "GET http://" + other + "/echo HTTP/1.1\r\nHost: " + other + "\r\n\r\n",
                "GET /echo HTTP/1.1\r\nHost: " + other + "\r\n\r\n",
                "GET //" + other + "/echo HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /echo HTTP/1.1\r\nHost: x\r\nX-Forwarded-Host: " + other + "\r\nForwarded: host=" + other
                    + "\r\n\r\n",
                "CONNECT " + other + " HTTP/1.1\r\nHost: " + other + "\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\nHost: " + other + "\r\n\r\n",
                "GET @" + other + "/echo HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /echo/..%2F..%2F" + other + " HTTP/1.1\r\nHost: x\r\n\r\n");
            for (String attempt : attempts) {
                String answer = rawRequest(proxy, attempt);
                int status = TestServer.statusOf(answer);
                assertTrue(answer.contains("\r\nX-Upstream: yes\r\n") || (status >= 400 && status < 500),
                    attempt + " -> " + answer);
            }
            assertEquals(0, canary.connections(), "connections to the other host");
        }
    }

    @Test
    void theUpstreamIsRequiredAndChecked() {
        assertThrows(IllegalStateException.class, () -> ReverseProxyHandler.builder().build());
        assertThrows(IllegalArgumentException.class,
            () -> ReverseProxyHandler.builder().upstream(URI.create("ftp://a.com")));
        assertThrows(IllegalArgumentException.class,
            () -> ReverseProxyHandler.builder().upstream(URI.create("http://a.com/?q=1")));
        assertThrows(IllegalArgumentException.class,
            () -> ReverseProxyHandler.builder().upstream(URI.create("http://u:p@a.com/")));
        assertThrows(IllegalArgumentException.class, () -> ReverseProxyHandler.builder().hostHeader("a.com/x"));
        assertThrows(IllegalArgumentException.class, () -> ReverseProxyHandler.builder().timeout(Duration.ZERO));
    }

    @Test
    void locationsUnderABasePathLoseIt() {
        ReverseProxyHandler based = ReverseProxyHandler.builder().upstream(URI.create("http://10.0.0.1:8080/legacy/"))
            .build();
        assertEquals("/mw/a", based.rewriteLocation("http://10.0.0.1:8080/legacy/a", "/mw"));
        assertEquals("/", based.rewriteLocation("HTTP://10.0.0.1:8080/legacy", ""));
        assertEquals("/mw/?q=1", based.rewriteLocation("http://10.0.0.1:8080/legacy?q=1", "/mw"));
        assertEquals("http://10.0.0.1:8080/legacyx", based.rewriteLocation("http://10.0.0.1:8080/legacyx", ""));
        assertEquals("http://10.0.0.1:8080/other", based.rewriteLocation("http://10.0.0.1:8080/other", "/mw"));
    }

    /** Sends the bytes as they are, on their own connection, and returns the whole answer. */
    private static String rawRequest(TestServer server, String request) throws IOException {
        URI uri = server.uri("/");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String closing = request.contains("Connection:") ? request
                : request.replaceFirst("\r\n\r\n$", "\r\nConnection: close\r\n\r\n");
            out.write(closing.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** One answer: its head, then as many bytes as its Content-Length says (a server may keep the line open). */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int length = -1;
        int b;
        while ((b = in.read()) >= 0) {
            answer.write(b);
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (length < 0 && text.endsWith("\r\n\r\n")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                    .matcher(text);
                length = m.find() ? Integer.parseInt(m.group(1)) : 0;
                byte[] body = in.readNBytes(length);
                answer.write(body);
                return answer.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    /** A listening socket that counts the connections it is offered and never answers. */
    private static final class Canary implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor = new Thread(this::accept, "canary");

        Canary() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            try {
                while (true) {
                    socket.accept().close();
                    connections.incrementAndGet();
                }
            } catch (SocketException closed) {
                // close() ends the loop.
            } catch (IOException e) {
                connections.incrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The upstream: echoes what it got, sets cookies, redirects, answers late, names hop headers. */
    private static final class Upstream extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put("X-Upstream", "yes");
            String path = Request.getPathInContext(request);
            switch (path) {
                case "/login":
                    response.getHeaders().add(HttpHeader.SET_COOKIE,
                        "l=a123456; Path=/; Domain=www.domain2.com; HttpOnly");
                    response.getHeaders().add(HttpHeader.SET_COOKIE,
                        "user=admin; Path=/api/v1; DOMAIN=.WWW.domain2.com; Max-Age=600; SameSite=Lax");
                    response.getHeaders().add(HttpHeader.SET_COOKIE, "theme=dark; Path=/");
                    response.getHeaders().add(HttpHeader.SET_COOKIE,
                        "other=1; Domain=elsewhere.com; Expires=Wed, 09 Jun 2027 10:18:14 GMT");
                    // The proxy's parent domain: would reach every site under domain1.com.
                    response.getHeaders().add(HttpHeader.SET_COOKIE, "wide=1; Domain=.domain1.com; Path=/; Secure");
                    response.getHeaders().add(HttpHeader.SET_COOKIE,
                        "__Host-id=7; Domain=www.domain2.com; Path=/; Secure; HttpOnly");
                    response.getHeaders().add(HttpHeader.SET_COOKIE, "dotted=1; Domain=WWW.DOMAIN2.COM.; Path=/");
                    return text(response, callback, "logged in");
                case "/redirect":
                    response.setStatus(302);
                    response.getHeaders().put(HttpHeader.LOCATION, request.getHttpURI().getQuery().substring(3));
                    return text(response, callback, "");
                case "/slow":
                    request.getComponents().getScheduler().schedule(() -> text(response, callback, "late"), 5,
                        TimeUnit.SECONDS);
                    return true;
                case "/hops":
                    response.getHeaders().put(HttpHeader.CONNECTION, "X-Upstream-Hop");
                    response.getHeaders().put("X-Upstream-Hop", "secret");
                    response.getHeaders().put("X-Upstream-Kept", "yes");
                    return text(response, callback, "hops");
                default:
                    StringBuilder echo = new StringBuilder()
                        .append("path=").append(request.getHttpURI().getPath()).append('\n')
                        .append("query=").append(request.getHttpURI().getQuery()).append('\n');
                    for (HttpField field : request.getHeaders()) {
                        echo.append(field.getLowerCaseName()).append('=').append(field.getValue()).append('\n');
                    }
                    return text(response, callback, echo.toString());
            }
        }

        private static boolean text(Response response, Callback callback, String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
