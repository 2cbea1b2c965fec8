package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kuayu.demo.Site;

/**
 * Neither proxy in front of domain2, the Jetty one of the demo's proxy port nor nginx with the shipped
 * configuration, can be made to reach another host: whatever a request names (an absolute target, its
 * {@code Host}, {@code X-Forwarded-Host}, a {@code //host} path, {@code CONNECT}), it reaches domain2 or is refused,
 * and a listening socket standing for "another host" never gets a connection.
 */
@ExtendWith({BrowserExtension.class, NginxExtension.class})
class ProxyBoundaryTest {

    @Test
    void theJettyProxyReachesOnlyDomain2(DemoSites sites) throws IOException {
        URI proxy = URI.create(sites.origin(Site.PROXY));
        assertOnlyDomain2IsReached(proxy.getPort(), proxy.getAuthority());
    }

    @Test
    void nginxReachesOnlyDomain2(DemoSites sites, NginxServer nginx) throws IOException {
        assertOnlyDomain2IsReached(nginx.port(), URI.create(nginx.origin()).getAuthority());
    }

    @Test
    void bothProxiesMoveTheSameCookiesTheSameWay(DemoSites sites, NginxServer nginx) throws IOException {
        URI proxy = URI.create(sites.origin(Site.PROXY));
        String jetty = send(proxy.getPort(), "GET /api/proxy/login?user=admin HTTP/1.1\r\nHost: "
                + proxy.getAuthority() + "\r\n\r\n");
        String viaNginx = send(nginx.port(), "GET /api/proxy/login?user=admin HTTP/1.1\r\nHost: "
                + URI.create(nginx.origin()).getAuthority() + "\r\n\r\n");
        List<String> expected = List.of("Set-Cookie: l=a123456; Path=/; Domain=www.domain1.localhost; HttpOnly",
                "Set-Cookie: user=admin; Path=/; Domain=www.domain1.localhost");
        assertEquals(expected, setCookies(jetty), jetty);
        assertEquals(expected, setCookies(viaNginx), viaNginx + "\n" + nginx.errorLog());
    }

    private static void assertOnlyDomain2IsReached(int port, String authority) throws IOException {
        try (Canary canary = new Canary()) {
            String other = "127.0.0.1:" + canary.port();
            String path = "/api/proxy/hello";
            List<String> attempts = List.of(
                    "GET http://" + other + path + " HTTP/1.1\r\nHost: " + other + "\r\n\r\n",
                    "GET " + path + " HTTP/1.1\r\nHost: " + other + "\r\n\r\n",
                    "GET //" + other + path + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n",
                    "GET " + path + " HTTP/1.1\r\nHost: " + authority + "\r\nX-Forwarded-Host: " + other
                            + "\r\nForwarded: host=\"" + other + "\"\r\n\r\n",
                    "CONNECT " + other + " HTTP/1.1\r\nHost: " + other + "\r\n\r\n",
                    "GET @" + other + path + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n",
                    "GET http://" + authority + "@" + other + path + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
            for (String attempt : attempts) {
                String answer = send(port, attempt);
                int status = answer.startsWith("HTTP/1.") ? Integer.parseInt(answer.substring(9, 12)) : 0;
                assertTrue(answer.contains("\"site\": \"domain2\"") || (status >= 400 && status < 500),
                        attempt + "\n->\n" + answer);
            }
            assertEquals(0, canary.connections(), "connections offered to the other host");
        }
    }

    private static List<String> setCookies(String answer) {
        Matcher matcher = Pattern.compile("(?im)^set-cookie: .*$").matcher(answer.substring(0,
                answer.indexOf("\r\n\r\n")));
        List<String> cookies = new java.util.ArrayList<>();
        while (matcher.find()) {
            cookies.add("Set-Cookie: " + matcher.group().substring("set-cookie: ".length()));
        }
        return cookies;
    }

    /** Sends the bytes as they are and reads one answer: its head, then its Content-Length of body. */
    private static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.replaceFirst("\r\n\r\n$", "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                answer.write(b);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
                    answer.write(in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0));
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** A listening socket standing for another host: counts the connections it is offered, never answers. */
    private static final class Canary implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();

        Canary() throws IOException {
            Thread acceptor = new Thread(this::accept, "canary");
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
}
