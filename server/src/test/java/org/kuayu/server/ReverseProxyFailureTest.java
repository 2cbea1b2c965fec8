package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The proxy keeps serving while its upstream fails on other requests: some requests hang at the upstream (past the
 * proxy's timeout), some have their connection reset by it, and a second route of the same proxy server goes to an
 * upstream that is down (a closed port); good requests sent while all of them are in flight are answered 200, and
 * each failing one gets its clean 502 or 504. No timing is asserted: the waits are on conditions, with bounds.
 */
class ReverseProxyFailureTest {

    private static final int HANGING = 4;
    private static final int RESETS = 4;
    private static final int DOWN = 4;
    private static final int GOOD = 20;
    private static final long BOUND_SECONDS = 30;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void goodRequestsAreAnsweredWhileOthersHangAreResetOrFindTheUpstreamDown() throws Exception {
        FailingUpstream failing = new FailingUpstream();
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (TestServer upstream = TestServer.start(failing);
             TestServer proxy = TestServer.start(routes(upstream, closed))) {
            List<CompletableFuture<HttpResponse<String>>> hanging = send(proxy, "/hang", HANGING);
            assertTrue(failing.hanging.await(BOUND_SECONDS, TimeUnit.SECONDS),
                "the upstream got the " + HANGING + " requests that hang");

            // While the proxy waits for those: resets, a route whose upstream is down, and the good ones, all at once.
            List<CompletableFuture<HttpResponse<String>>> resets = send(proxy, "/reset", RESETS);
            List<CompletableFuture<HttpResponse<String>>> down = send(proxy, "/down/anything", DOWN);
            List<CompletableFuture<HttpResponse<String>>> good = new ArrayList<>();
            for (int i = 0; i < GOOD; i++) {
                good.add(send(proxy, "/ok?n=" + i));
            }

            for (int i = 0; i < GOOD; i++) {
                HttpResponse<String> answer = good.get(i).get(BOUND_SECONDS, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals("ok " + i, answer.body());
            }
            assertAll(
                () -> assertStatuses(502, resets, "the upstream reset the connection"),
                () -> assertStatuses(502, down, "the upstream is down"),
                () -> assertStatuses(504, hanging, "the upstream hung past the timeout"));
            assertEquals(GOOD, failing.answered.size(), "every good request reached the upstream once");
            assertTrue(failing.answered.stream().allMatch(held -> held == HANGING),
                "each good request reached the upstream while it held the hanging ones: " + failing.answered);
            HttpResponse<String> after = send(proxy, "/ok?n=after").get(BOUND_SECONDS, TimeUnit.SECONDS);
            assertEquals(200, after.statusCode(), "the proxy still answers after the failures: " + after.body());
        } finally {
            failing.releaseHanging();
        }
    }

    /** {@code /down/} to the closed port, everything else to the upstream; one proxy server, one timeout. */
    private static Handler routes(TestServer upstream, int closedPort) {
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from("/down/*"), ReverseProxyHandler.builder()
            .upstream(URI.create("http://127.0.0.1:" + closedPort)).build());
        routes.addMapping(PathSpec.from("/"), ReverseProxyHandler.builder()
            .upstream(upstream.uri("")).timeout(Duration.ofSeconds(2)).build());
        return routes;
    }

    private static void assertStatuses(int status, List<CompletableFuture<HttpResponse<String>>> answers,
                                       String why) throws Exception {
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(BOUND_SECONDS, TimeUnit.SECONDS);
            assertEquals(status, response.statusCode(), why + ": " + response.body());
            assertEquals("text/plain;charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
        }
    }

    private List<CompletableFuture<HttpResponse<String>>> send(TestServer server, String path, int count) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(send(server, path));
        }
        return answers;
    }

    private CompletableFuture<HttpResponse<String>> send(TestServer server, String path) {
        return client.sendAsync(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(BOUND_SECONDS))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code /ok?n=X} answers {@code ok X} (and notes how many hanging requests it holds then); {@code /hang} holds
     * the request until the test releases it; {@code /reset} closes the connection with an RST, answering nothing.
     */
    private static final class FailingUpstream extends Handler.Abstract.NonBlocking {
        final CountDownLatch hanging = new CountDownLatch(HANGING);
        final Queue<Long> answered = new ConcurrentLinkedQueue<>();
        private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            switch (Request.getPathInContext(request)) {
                case "/ok" -> {
                    answered.add(HANGING - hanging.getCount());
                    text(response, callback, "ok " + Request.extractQueryParameters(request).getValue("n"));
                }
                case "/hang" -> {
                    held.add(() -> text(response, callback, "too late"));
                    hanging.countDown();
                }
                case "/reset" -> {
                    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
                    if (endPoint.getTransport() instanceof NetworkChannel channel) {
                        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                    endPoint.close();
                    callback.succeeded();
                }
                default -> throw new IllegalArgumentException("no such path in this test");
            }
            return true;
        }

        /** Answers what it held (the proxy gave up on them long ago), so that nothing stays pending. */
        void releaseHanging() {
            for (Runnable answer = held.poll(); answer != null; answer = held.poll()) {
                answer.run();
            }
        }

        private static void text(Response response, Callback callback, String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
