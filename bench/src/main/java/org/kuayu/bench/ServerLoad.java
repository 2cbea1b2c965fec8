package org.kuayu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.kuayu.demo.DemoServer;
import org.kuayu.demo.Site;

/**
 * The demo server's cross-domain endpoints under a bounded loopback load, as domain1's pages use them: domain2's
 * JSONP echo, its CORS API (a credentialed GET, the preflight of a PUT, the PUT), domain2's API through the
 * {@code proxy} site (the reverse proxy, its cookies rewritten to domain1's host) and domain2's raw chat
 * WebSocket. Each endpoint in turn gets the same number of clients ({@link LoadDriver}), each one request (or one
 * WebSocket round trip) at a time; every answer's status, CORS headers, cookies and body are checked, and each
 * request carries its own numbers so that no answer passes for another's.
 *
 * <p>The clients are the JDK's {@link HttpClient} and {@link WebSocket}, HTTP/1.1 with kept-alive connections.
 * The demo's host names ({@code www.domain2.localhost}) resolve only in browsers, so the clients connect to the
 * sites' loopback address and send the site's name in {@code Host}: the JVM must allow that header
 * ({@value #ALLOW_HOST}, which {@link Benchmarks#main} sets before any HTTP client starts).
 *
 * <pre>{@code
 * ServerLoad load = new ServerLoad(demo);
 * for (LoadDriver.Group endpoint : load.endpoints(64)) {
 *     LoadDriver.Outcome outcome = LoadDriver.run(List.of(endpoint), 3000, 30000).get(0);
 * }
 * }</pre>
 */
final class ServerLoad {

    /** The system property and value that let the JDK's HTTP client send a {@code Host} header of its own. */
    static final String ALLOW_HOST = "jdk.httpclient.allowRestrictedHeaders=host";
    /** Bound of one request or round trip: far above any answer's time, so only a stuck server reaches it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final DemoServer demo;
    private final String domain1;

    ServerLoad(DemoServer demo) {
        this.demo = demo;
        this.domain1 = demo.baseUrl(Site.DOMAIN1).toString();
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "x");
        } catch (IllegalArgumentException restricted) {
            throw new IllegalStateException("The JDK's HTTP client refuses a Host header: start the JVM with -D"
                    + ALLOW_HOST + " (Benchmarks.main sets it first thing)", restricted);
        }
    }

    /** The endpoints, each a group of {@code clients} clients, in the order they are measured. */
    List<LoadDriver.Group> endpoints(int clients) {
        String domain1Host = demo.baseUrl(Site.DOMAIN1).getHost();
        List<LoadDriver.Group> endpoints = new ArrayList<>();
        endpoints.add(new LoadDriver.Group("JSONP, domain2's echo through `JsonpHandler`",
                "GET /test/jsonp/echo?n=…&callback=cb", clients, client -> n -> {
                    String id = client + "-" + n;
                    HttpResponse<String> answer = send(get(Site.DOMAIN2, "/test/jsonp/echo?n=" + id + "&callback=cb")
                            .build());
                    expect(answer, 200, "/**/cb({\"params\": {\"n\": \"" + id + "\"}});");
                    return "200";
                }));
        endpoints.add(new LoadDriver.Group("CORS, a credentialed GET of domain2's API from domain1",
                "GET /api/cors/hello, Origin and Cookie", clients, client -> n -> {
                    HttpResponse<String> answer = send(get(Site.DOMAIN2, "/api/cors/hello").header("Origin", domain1)
                            .header("Cookie", "l=a123456").build());
                    expect(answer, 200, "{\"site\": \"domain2\", \"method\": \"GET\", \"origin\": \"" + domain1
                            + "\"}");
                    expectCors(answer);
                    return "200";
                }));
        endpoints.add(new LoadDriver.Group("CORS, the preflight of that PUT", "OPTIONS /api/cors/item", clients,
                client -> n -> {
                    HttpResponse<String> answer = send(request(Site.DOMAIN2, "/api/cors/item")
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", domain1)
                            .header("Access-Control-Request-Method", "PUT")
                            .header("Access-Control-Request-Headers", "content-type,x-custom-header").build());
                    if (answer.statusCode() != 200 && answer.statusCode() != 204) {
                        throw new IOException("the preflight answered " + answer.statusCode() + " " + answer.body());
                    }
                    expectCors(answer);
                    String methods = answer.headers().firstValue("Access-Control-Allow-Methods").orElse("");
                    if (!methods.contains("PUT")) {
                        throw new IOException("the preflight allows methods \"" + methods + "\", not PUT");
                    }
                    return String.valueOf(answer.statusCode());
                }));
        endpoints.add(new LoadDriver.Group("CORS, a credentialed PUT with `X-Custom-Header` (preflighted)",
                "PUT /api/cors/item", clients, client -> n -> {
                    String id = client + "-" + n;
                    HttpResponse<String> answer = send(request(Site.DOMAIN2, "/api/cors/item")
                            .PUT(HttpRequest.BodyPublishers.ofString("body " + id)).header("Origin", domain1)
                            .header("Cookie", "l=a123456").header("Content-Type", "text/plain")
                            .header("X-Custom-Header", "value " + id).build());
                    expect(answer, 200, "{\"method\": \"PUT\", \"customHeader\": \"value " + id
                            + "\", \"body\": \"body " + id + "\"}");
                    expectCors(answer);
                    return "200";
                }));
        endpoints.add(new LoadDriver.Group("Reverse proxy, domain2's login through the `proxy` site",
                "GET /api/proxy/login?user=…", clients, client -> n -> {
                    String user = "u" + client + "_" + n;
                    HttpResponse<String> answer = send(get(Site.PROXY, "/api/proxy/login?user=" + user)
                            .header("Origin", domain1).build());
                    expect(answer, 200, "{\"status\": true, \"user\": \"" + user + "\", \"site\": \"domain2\"}");
                    expectCors(answer);
                    List<String> cookies = answer.headers().allValues("Set-Cookie");
                    String session = "l=a123456; Path=/; Domain=" + domain1Host + "; HttpOnly";
                    String name = "user=" + user + "; Path=/; Domain=" + domain1Host;
                    if (!cookies.equals(List.of(session, name))) {
                        throw new IOException("the proxy's cookies are " + cookies + ", not [" + session + ", " + name
                                + "] (rewritten to domain1's host)");
                    }
                    return "200";
                }));
        endpoints.add(new LoadDriver.Group("WebSocket, domain2's raw chat (one socket per client, Origin domain1)",
                "text round trips on /ws/raw", clients, this::chatClient));
        return endpoints;
    }

    /** One WebSocket of domain1's origin to domain2's raw chat; each call sends a text and checks the answer. */
    private LoadDriver.Call chatClient(int client) throws Exception {
        URI base = demo.baseUrl(Site.DOMAIN2);
        Texts texts = new Texts();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("Host", base.getAuthority()).header("Origin", domain1)
                .buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/ws/raw"), texts)
                .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return new LoadDriver.Call() {
            @Override
            public String call(long n) throws Exception {
                String text = "client " + client + " says " + n;
                socket.sendText(text, true).get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                String answer = texts.queue.poll(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (!("hello: " + text).equals(answer)) {
                    throw new IOException("the chat answered " + (answer == null ? "nothing within "
                            + REQUEST_TIMEOUT.toSeconds() + " s" : "\"" + answer + "\"") + " to \"" + text + "\"");
                }
                return "answer";
            }

            /** A normal close, answered by the server's (an abort would log a closed channel on the server). */
            @Override
            public void close() throws Exception {
                try {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                            .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    texts.closed.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } finally {
                    socket.abort();
                }
            }
        };
    }

    /** Collects a socket's texts, one message (maybe in parts) at a time. */
    private static final class Texts implements WebSocket.Listener {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    private HttpRequest.Builder get(Site site, String path) {
        return request(site, path).GET();
    }

    /** A request to the site's loopback port with the site's name in {@code Host}. */
    private HttpRequest.Builder request(Site site, String path) {
        URI base = demo.baseUrl(site);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort() + path))
                .header("Host", base.getAuthority()).timeout(REQUEST_TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> answer, int status, String body) throws IOException {
        if (answer.statusCode() != status || !answer.body().equals(body)) {
            throw new IOException(answer.request().method() + " " + answer.uri().getRawPath() + " answered "
                    + answer.statusCode() + " " + answer.body() + ", not " + status + " " + body);
        }
    }

    /** domain1's origin allowed, with credentials: the browser would let domain1's page read the answer. */
    private void expectCors(HttpResponse<String> answer) throws IOException {
        String origin = answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
        String withCredentials = answer.headers().firstValue("Access-Control-Allow-Credentials").orElse(null);
        if (!domain1.equals(origin) || !"true".equals(withCredentials)) {
            throw new IOException(answer.request().method() + " " + answer.uri().getRawPath()
                    + ": Access-Control-Allow-Origin " + origin + ", -Credentials " + withCredentials
                    + "; domain1's page could not read it");
        }
    }
}
