package org.kuayu.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.kuayu.server.ReverseProxyHandler;
import org.kuayu.server.SafeErrorHandler;

/**
 * The reverse proxy while its upstream fails: good requests flow through one {@link ReverseProxyHandler} while
 * other clients of the same proxy hit paths where the upstream hangs past the proxy's timeout
 * ({@value #TIMEOUT_MILLIS} ms), answers 500, or resets the connection, and a second route of the same proxy
 * server whose upstream is down (a closed port: connection refused). The good ones must all succeed; each failing
 * kind must get its one clean answer (504, the upstream's 500 passed on, 502, 502), anything else is an error.
 *
 * <p>The demo server has no failing upstream, and its public sites should not grow one, so both servers are the
 * bench's own, on free loopback ports in this process: an upstream ({@code /ok}, {@code /hang}, {@code /error},
 * {@code /reset}) and a proxy server with the route {@code /} to it and {@code /down} to the closed port.
 *
 * <pre>{@code
 * try (ProxyFailureLoad proxy = ProxyFailureLoad.start()) {
 *     List<LoadDriver.Outcome> rows = LoadDriver.run(proxy.groups(64), 3000, 30000);
 * }
 * }</pre>
 */
final class ProxyFailureLoad implements AutoCloseable {

    /** How long the upstream has to answer before the proxy answers 504, in ms: {@value}. */
    static final int TIMEOUT_MILLIS = 1000;
    /** The hanging path answers this much later than the proxy waits (the proxy has closed its connection then). */
    private static final int HANG_MILLIS = TIMEOUT_MILLIS * 10;

    private final Server upstream;
    private final Server proxy;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ProxyFailureLoad(Server upstream, Server proxy) {
        this.upstream = upstream;
        this.proxy = proxy;
    }

    static ProxyFailureLoad start() throws Exception {
        Server upstream = server(new FailingUpstream());
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ContextHandlerCollection routes = new ContextHandlerCollection();
        routes.addHandler(new ContextHandler(ReverseProxyHandler.builder()
                .upstream(URI.create("http://127.0.0.1:" + port(upstream)))
                .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build(), "/"));
        routes.addHandler(new ContextHandler(ReverseProxyHandler.builder()
                .upstream(URI.create("http://127.0.0.1:" + closed))
                .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build(), "/down"));
        try {
            return new ProxyFailureLoad(upstream, server(routes));
        } catch (Exception e) {
            upstream.stop();
            throw e;
        }
    }

    /**
     * Three quarters of the clients send good requests; the others are shared by the four failing kinds (at
     * least one each).
     */
    List<LoadDriver.Group> groups(int clients) {
        int failing = Math.max(1, clients / 16);
        int good = Math.max(1, clients - 4 * failing);
        return List.of(
                group("good requests, expect 200 and their own body", "/ok?n=…", good, 200),
                group("upstream down (connection refused), expect 502", "/down/ok", failing, 502),
                group("upstream hangs past the proxy's timeout, expect 504", "/hang", failing, 504),
                group("upstream answers 500, expect it passed on", "/error", failing, 500),
                group("upstream resets the connection, expect 502", "/reset", failing, 502));
    }

    /** Clients that each send the path again and again and expect this status (and, for /ok, their own body). */
    private LoadDriver.Group group(String title, String target, int clients, int status) {
        String path = target.replace("…", "");
        return new LoadDriver.Group(title, target, clients, client -> n -> {
            String id = path.endsWith("=") ? client + "-" + n : "";
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(proxy)
                    + path + id)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != status || status == 200 && !answer.body().equals("ok " + id)) {
                throw new IOException(target + " answered " + answer.statusCode() + " " + answer.body().strip()
                        + ", not " + status);
            }
            return String.valueOf(status);
        });
    }

    private static Server server(Handler handler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setErrorHandler(new SafeErrorHandler());
        server.setHandler(handler);
        server.start();
        return server;
    }

    private static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            upstream.stop();
        }
    }

    /** {@code /ok?n=X} answers {@code ok X}; {@code /hang} late; {@code /error} 500; {@code /reset} an RST. */
    private static final class FailingUpstream extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            switch (Request.getPathInContext(request)) {
                case "/ok" -> {
                    String n = Request.extractQueryParameters(request).getValue("n");
                    text(response, callback, 200, "ok " + n);
                }
                case "/hang" -> request.getComponents().getScheduler().schedule(
                        () -> text(response, callback, 200, "too late"), HANG_MILLIS, TimeUnit.MILLISECONDS);
                case "/error" -> text(response, callback, 500, "the upstream failed");
                case "/reset" -> {
                    // SO_LINGER 0: the close sends RST, as a crashing upstream's kernel does, not a polite FIN.
                    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
                    if (endPoint.getTransport() instanceof NetworkChannel channel) {
                        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                    endPoint.close();
                    // Nothing more to write; failing the callback would only log the reset as a server error.
                    callback.succeeded();
                }
                default -> text(response, callback, 404, "no such path");
            }
            return true;
        }

        private static void text(Response response, Callback callback, int status, String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
