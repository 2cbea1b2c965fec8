package org.kuayu.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Two loopback pages for the engine tests: {@code /} titled "outer", with an iframe {@code #child} showing
 * {@code /inner} (titled "inner", plus {@code innerScript}) under another host name, so of another origin.
 *
 * <pre>{@code
 * try (FramedPages pages = FramedPages.start("other.localhost", "")) { driver.get(pages.url("www.site.localhost")); }
 * }</pre>
 */
final class FramedPages implements AutoCloseable {
    private final HttpServer server;

    private FramedPages(HttpServer server) {
        this.server = server;
    }

    /** Serves the pages on a free loopback port; the iframe names {@code innerHost}. */
    static FramedPages start(String innerHost, String innerScript) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int port = server.getAddress().getPort();
            String body = exchange.getRequestURI().getPath().equals("/inner")
                    ? "<!doctype html><title>inner</title>" + innerScript
                    : "<!doctype html><title>outer</title><iframe id='child' src='http://" + innerHost + ":" + port
                            + "/inner'></iframe>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new FramedPages(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
