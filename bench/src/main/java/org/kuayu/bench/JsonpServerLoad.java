package org.kuayu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.kuayu.server.JsonpHandler;

/**
 * The server side of JSONP: a bounded loopback load on one small JSON handler, straight ({@code /json}) and wrapped
 * in the server module's {@link JsonpHandler} ({@code /jsonp?callback=cb}), in one Jetty server on a free loopback
 * port. {@value #CLIENTS} clients of one {@link HttpClient} (HTTP/1.1, kept-alive connections), driven by
 * {@link LoadDriver}, each send one request at a time, for a warm-up and then a fixed time; every answer's status and
 * body are checked.
 *
 * <pre>{@code
 * try (JsonpServerLoad load = JsonpServerLoad.start()) {
 *     JsonpServerLoad.Outcome jsonp = load.run(JsonpServerLoad.Endpoint.JSONP, 500, 1000);
 * }
 * }</pre>
 */
final class JsonpServerLoad implements AutoCloseable {

    /** Concurrent clients: enough to keep two cores busy between the client and the server. */
    static final int CLIENTS = 8;
    /** The JSON both endpoints answer, as domain2's echo endpoint does for {@code ?n=1}. */
    static final String JSON = "{\"params\": {\"n\": \"1\"}}";

    /** The two endpoints: the same JSON handler without and with {@link JsonpHandler} in front. */
    enum Endpoint {
        PLAIN("/json?n=1", JSON, "the JSON handler alone"),
        JSONP("/jsonp?n=1&callback=cb", "/**/cb(" + JSON + ");", "the same handler in a `JsonpHandler`");

        final String path;
        final String body;
        final String title;

        Endpoint(String path, String body, String title) {
            this.path = path;
            this.body = body;
            this.title = title;
        }
    }

    /** One run: requests answered, per second, and the latency percentiles in microseconds. */
    record Outcome(long requests, double perSecond, double p50Micros, double p99Micros) {
    }

    private final Server server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private JsonpServerLoad(Server server) {
        this.server = server;
    }

    static JsonpServerLoad start() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        JsonpHandler jsonp = JsonpHandler.builder().build();
        jsonp.setHandler(new JsonAnswer());
        server.setHandler(new Handler.Wrapper(new JsonAnswer()) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return Request.getPathInContext(request).equals("/jsonp") ? jsonp.handle(request, response, callback)
                        : super.handle(request, response, callback);
            }
        });
        jsonp.setServer(server);
        server.addBean(jsonp);
        server.start();
        return new JsonpServerLoad(server);
    }

    /**
     * Loads the endpoint for {@code warmupMillis}, then for {@code millis} counted, through {@link LoadDriver};
     * an answer of another status or body fails the run.
     */
    Outcome run(Endpoint endpoint, int warmupMillis, int millis) throws Exception {
        URI url = URI.create(server.getURI().toString().replaceAll("/$", "") + endpoint.path);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build();
        LoadDriver.Outcome outcome = LoadDriver.run(List.of(new LoadDriver.Group(endpoint.title, endpoint.path,
                CLIENTS, index -> n -> {
                    HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200 || !answer.body().equals(endpoint.body)) {
                        throw new IOException(url + " answered " + answer.statusCode() + " " + answer.body());
                    }
                    return "200";
                })), warmupMillis, millis).get(0);
        if (outcome.errors() > 0) {
            throw new IOException(outcome.errors() + " wrong answers from " + url + ": " + outcome.errorMessages());
        }
        return new Outcome(outcome.requests(), outcome.perSecond(), outcome.p50Micros(), outcome.p99Micros());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Answers {@link #JSON} as {@code application/json}, whatever the request. */
    private static final class JsonAnswer extends Handler.Abstract.NonBlocking {
        private static final byte[] BODY = JSON.getBytes(StandardCharsets.UTF_8);

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
            response.write(true, ByteBuffer.wrap(BODY), callback);
            return true;
        }
    }
}
