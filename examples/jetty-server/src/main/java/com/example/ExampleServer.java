package com.example;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.kuayu.core.Json;
import org.kuayu.server.CorsHandler;
import org.kuayu.server.JsonpHandler;
import org.kuayu.server.KuayuAssetsHandler;
import org.kuayu.server.SafeErrorHandler;

/**
 * A Jetty 12 server with Kuayu's pieces: the kuayu folder under {@code /kuayu/} (compressed for browsers that accept
 * gzip), and {@code GET /api/hello?name=...}, a JSON answer that the page origin given to {@link #start} may read
 * with CORS and any page may load as JSONP ({@code &callback=fn}).
 */
public final class ExampleServer {
    private ExampleServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = start(8080, "http://localhost:8081");
        System.out.println("http://localhost:8080/kuayu/kuayu.js and http://localhost:8080/api/hello?name=you");
        server.join();
    }

    /** Starts the server on {@code port} (0: a free one), letting {@code pageOrigin} read the API with CORS. */
    public static Server start(int port, String pageOrigin) throws Exception {
        JsonpHandler jsonp = JsonpHandler.builder().build();          // JSONP for requests with ?callback=
        jsonp.setHandler(new HelloHandler());

        CorsHandler cors = CorsHandler.builder().allowOrigin(pageOrigin).build();
        cors.setHandler(jsonp);

        KuayuAssetsHandler assets = KuayuAssetsHandler.builder().build();  // GET /kuayu/kuayu.js, /kuayu/proxy.html, ...
        assets.setHandler(cors);                                         // everything else: the API

        Server server = new Server(port);
        server.setHandler(assets);
        server.setErrorHandler(new SafeErrorHandler());                   // no stack trace ever reaches a client
        server.start();
        return server;
    }

    /** {@code GET /api/hello?name=x} answers {@code {"hello":"x"}}. */
    private static final class HelloHandler extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/api/hello".equals(Request.getPathInContext(request))) {
                return false;
            }
            Fields query = Request.extractQueryParameters(request);
            String name = query.getValue("name") == null ? "world" : query.getValue("name");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            String json = "{\"hello\":" + Json.quote(name) + "}";
            response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
