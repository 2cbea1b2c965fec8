package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kuayu.server.ReverseProxyHandler;

/**
 * What an upstream receives for a client that lies in its forwarding headers ({@code Forwarded},
 * {@code X-Forwarded-For}/{@code -Host}/{@code -Proto}/{@code -Port}, {@code X-Real-IP}), side by side through
 * {@link ReverseProxyHandler} with its defaults and through nginx with the shipped configuration
 * ({@code docs/nginx/kuayu-demo.conf}): both in front of one upstream that echoes the request head it got. Neither
 * passes a claimed address or host on; both tell the upstream the client's real address, the {@code Host} it asked
 * for and its scheme.
 */
@ExtendWith(BrowserExtension.class)
class ForwardingHeadersTest {

    private static final String SPOOFED = "Forwarded: for=6.6.6.6;host=evil.test;proto=https\r\n"
            + "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Host: evil.test\r\nX-Forwarded-Proto: https\r\n"
            + "X-Forwarded-Port: 443\r\nX-Forwarded-Server: evil.test\r\nX-Real-IP: 6.6.6.6\r\n";

    @Test
    void bothProxiesReplaceSpoofedForwardingHeadersWithWhatTheySaw(DemoSites sites) throws Exception {
        try (EchoUpstream echo = new EchoUpstream()) {
            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty, 1, 1);
            connector.setHost("127.0.0.1");
            jetty.addConnector(connector);
            jetty.setHandler(new ContextHandler(ReverseProxyHandler.builder()
                    .upstream(URI.create("http://127.0.0.1:" + echo.port()))
                    .hostHeader(URI.create(sites.domain2()).getAuthority()).build(), "/"));
            jetty.start();
            NginxServer nginx = NginxServer.start(sites, echo.port());
            try {
                String host = "www.domain1.localhost:81";
                String viaJetty = send(connector.getLocalPort(), "GET /who HTTP/1.1\r\nHost: " + host + "\r\n"
                        + SPOOFED + "\r\n");
                String viaNginx = send(nginx.port(), "GET /who HTTP/1.1\r\nHost: " + host + "\r\n" + SPOOFED
                        + "\r\n");
                String sideBySide = "\nthrough ReverseProxyHandler the upstream got:\n" + viaJetty
                        + "\nthrough nginx (shipped configuration):\n" + viaNginx + "\n" + nginx.errorLog();
                Map<String, String> expected = new TreeMap<>(Map.of(
                        "forwarded for", "127.0.0.1", "forwarded host", host, "forwarded proto", "http",
                        "x-forwarded-for", "127.0.0.1", "x-forwarded-host", host, "x-forwarded-proto", "http"));
                for (String received : new String[] {viaJetty, viaNginx}) {
                    assertTrue(received.startsWith("GET /who "), sideBySide);
                    assertFalse(received.contains("6.6.6.6"), sideBySide);
                    assertFalse(received.contains("evil.test"), sideBySide);
                    assertFalse(received.toLowerCase(Locale.ROOT).contains("x-real-ip"), sideBySide);
                    assertFalse(received.toLowerCase(Locale.ROOT).contains("x-forwarded-port"), sideBySide);
                }
                assertEquals(expected, forwardingView(viaJetty), sideBySide);
                assertEquals(expected, forwardingView(viaNginx), sideBySide);
            } finally {
                nginx.close();
                jetty.stop();
            }
        }
    }

    /** The client as the upstream's forwarding headers describe it, one value per header and parameter. */
    private static Map<String, String> forwardingView(String head) {
        Map<String, String> view = new TreeMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.startsWith("x-forwarded-")) {
                view.put(name, value);
            } else if (name.equals("forwarded")) {
                Matcher parameter = Pattern.compile("(for|host|proto)=(\"[^\"]*\"|[^;,]*)").matcher(value);
                while (parameter.find()) {
                    view.put("forwarded " + parameter.group(1), parameter.group(2).replace("\"", ""));
                }
            }
        }
        return view;
    }

    /** Sends the bytes as they are and returns the body of the one answer (Connection: close). */
    private static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.replaceFirst("\r\n\r\n$", "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    /** An upstream that answers every request with the request head it received, as text. */
    private static final class EchoUpstream implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        EchoUpstream() throws IOException {
            Thread acceptor = new Thread(this::serve, "echo-upstream");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (true) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(20_000);
                    InputStream in = client.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.write(b);
                    }
                    byte[] body = head.toByteArray();
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    // One broken exchange; the next one is served.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
