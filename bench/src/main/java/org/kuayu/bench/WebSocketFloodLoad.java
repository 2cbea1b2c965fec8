package org.kuayu.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.kuayu.core.Json;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.server.FloodClient;
import org.kuayu.server.KuayuSession;
import org.kuayu.server.KuayuWebSocketHandler;
import org.kuayu.server.KuayuWebSocketListener;
import org.kuayu.server.KuayuWebSocketStats;
import org.kuayu.server.SafeErrorHandler;
import org.kuayu.server.WireClient;

/**
 * A {@link KuayuWebSocketHandler} at its default bounds while some clients flood it: good clients do chat round
 * trips (a {@code MSG} out, the {@code hello: …} answer back, as the demo's chat) while flooding clients, at the same
 * time, send {@value #FLOOD_BYTES}-byte messages and never read the answers, reconnecting each time the server
 * closes them. The good clients' latency and the server's accounting ({@link KuayuWebSocketStats}) are the result,
 * and the heap after a full collection at the end.
 *
 * <p>The endpoint is the bench's own, on a free loopback port in this process (the demo's chat answers the same
 * way), so the heap measured holds the clients too: it shows that nothing the flood sent stays behind.
 *
 * <pre>{@code
 * try (WebSocketFloodLoad flood = WebSocketFloodLoad.start()) {
 *     List<LoadDriver.Outcome> rows = LoadDriver.run(flood.groups(64, 8), 3000, 30000);
 *     KuayuWebSocketStats stats = flood.stats();
 * }
 * }</pre>
 */
final class WebSocketFloodLoad implements AutoCloseable {

    /** The size of one flooding message (UTF-8 bytes of its JSON), under the endpoint's 64 KiB limit: {@value}. */
    static final int FLOOD_BYTES = 60 * 1024;
    private static final String ORIGIN = "http://www.domain1.localhost:8081";

    private final Server server;
    private final KuayuWebSocketHandler chat;
    private final URI uri;

    private WebSocketFloodLoad(Server server, KuayuWebSocketHandler chat, URI uri) {
        this.server = server;
        this.chat = chat;
        this.uri = uri;
    }

    static WebSocketFloodLoad start() throws Exception {
        KuayuWebSocketHandler chat = KuayuWebSocketHandler.builder().path("/ws/chat").allowOrigin(ORIGIN)
                .allowMissingOrigin().listener(new KuayuWebSocketListener() {
                    @Override
                    public void onMessage(KuayuSession session, String json) {
                        session.send("{\"text\":" + Json.quote("hello: " + Json.field(json, "text")) + "}");
                    }
                }).build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setErrorHandler(new SafeErrorHandler());
        server.setHandler(new ContextHandler(chat, "/"));
        server.start();
        return new WebSocketFloodLoad(server, chat, URI.create("ws://127.0.0.1:" + connector.getLocalPort()
                + "/ws/chat"));
    }

    /** The good clients' row and the flooders' row, to run at once. */
    List<LoadDriver.Group> groups(int good, int flooding) {
        String big = "{\"text\":\"" + "x".repeat(FLOOD_BYTES - 11) + "\"}";
        return List.of(
                new LoadDriver.Group("good clients: chat round trips", "MSG, then its answer", good, client -> {
                    WireClient page = WireClient.connect(uri, ORIGIN);
                    page.handshake();
                    return new LoadDriver.Call() {
                        @Override
                        public String call(long n) throws Exception {
                            String text = "client " + client + " says " + n;
                            page.send(MessageKind.MESSAGE, 0, "{\"text\":" + Json.quote(text) + "}");
                            String answer = page.expect(MessageKind.MESSAGE).body();
                            if (!answer.equals("{\"text\":" + Json.quote("hello: " + text) + "}")) {
                                throw new IOException("the chat answered " + answer + " to " + text);
                            }
                            return "answer";
                        }

                        @Override
                        public void close() {
                            page.close();
                        }
                    };
                }),
                new LoadDriver.Group("flooding clients: " + FLOOD_BYTES / 1024 + " KiB messages, never reading",
                        "MSG after MSG", flooding, client -> new LoadDriver.Call() {
                            private FloodClient socket;

                            @Override
                            public String call(long n) throws Exception {
                                String label = "sent";
                                if (socket == null) {
                                    socket = FloodClient.connect(uri, ORIGIN);
                                    socket.handshake();
                                    label = "connected and sent";
                                }
                                try {
                                    socket.send(MessageKind.MESSAGE, 0, big);
                                    return label;
                                } catch (IOException closedByTheServer) {
                                    socket.close();
                                    socket = null;
                                    return "found closed";
                                }
                            }

                            @Override
                            public void close() throws IOException {
                                if (socket != null) {
                                    socket.close();
                                }
                            }
                        }));
    }

    /** The endpoint's accounting so far. */
    KuayuWebSocketStats stats() {
        return chat.stats();
    }

    /** The heap in use after a full collection, in bytes (this process: server and clients). */
    static long heapAfterFullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
