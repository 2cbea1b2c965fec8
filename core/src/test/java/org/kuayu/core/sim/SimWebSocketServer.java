package org.kuayu.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.kuayu.core.platform.WebSocketListener;

/**
 * A WebSocket server of the {@link SimBrowser} at one URL, which a test scripts: which origins it accepts at the
 * upgrade (by the {@code Origin} header a browser sends: the page's origin), what it does with each text, and when it
 * goes down (connections dropped, new ones refused) or comes back.
 *
 * <pre>{@code
 * SimWebSocketServer server = browser.webSocketServer("ws://server.test/ws", new SimWebSocketServer.Handler() {
 *     public void onOpen(SimWebSocket socket) { socket.sendToPage("hello"); }
 *     public void onText(SimWebSocket socket, String text) { socket.sendToPage("echo " + text); }
 * }).allowOrigin("http://host.test");
 * server.stop();     // every connection drops (1006), new ones are refused like a server that is down
 * server.start();    // accepts again
 * }</pre>
 *
 * <p>Defaults: no origin allowed (every upgrade refused) until {@link #allowOrigin} or {@link #allowAnyOrigin}; up.
 * A refused or failed upgrade is, for the page, {@code onError} then {@code onClose(1006)} in a later task, as in
 * browsers, which hide the reason.
 */
public final class SimWebSocketServer {
    /** What the scripted server does. */
    public interface Handler {
        /** A page's upgrade was accepted. */
        void onOpen(SimWebSocket socket);

        /** A text from a page. */
        void onText(SimWebSocket socket, String text);
    }

    private final SimBrowser browser;
    private final String url;
    private final Handler handler;
    private final List<String> allowed = new ArrayList<String>();
    private final List<SimWebSocket> open = new ArrayList<SimWebSocket>();
    private final List<String> refusedOrigins = new ArrayList<String>();
    private boolean anyOrigin;
    private boolean up = true;
    private int accepted;

    SimWebSocketServer(SimBrowser browser, String url, Handler handler) {
        this.browser = browser;
        this.url = url;
        this.handler = handler;
    }

    /** Accepts upgrades whose {@code Origin} is exactly {@code origin}. */
    public SimWebSocketServer allowOrigin(String origin) {
        allowed.add(origin);
        return this;
    }

    /** Accepts upgrades from every origin. */
    public SimWebSocketServer allowAnyOrigin() {
        anyOrigin = true;
        return this;
    }

    /** The URL it serves. */
    public String url() {
        return url;
    }

    /** The server goes down: every open connection drops without a close frame (1006); new upgrades fail. */
    public void stop() {
        up = false;
        for (SimWebSocket s : new ArrayList<SimWebSocket>(open)) {
            s.drop();
        }
    }

    /** The server is up again (a restart on the same URL). */
    public void start() {
        up = true;
    }

    /** The connections open now, oldest first. */
    public List<SimWebSocket> connections() {
        return Collections.unmodifiableList(new ArrayList<SimWebSocket>(open));
    }

    /** How many upgrades it accepted so far. */
    public int acceptedCount() {
        return accepted;
    }

    /** The origins of the upgrades it refused (by origin or while down), in order. */
    public List<String> refusedOrigins() {
        return Collections.unmodifiableList(refusedOrigins);
    }

    /** A page asks to connect; it hears the outcome in a later task. */
    SimWebSocket connect(SimWindow page, WebSocketListener listener) {
        final SimWebSocket socket = new SimWebSocket(this, page, listener);
        browser.schedule(page, 0, false, () -> {
            if (!socket.isClientListening()) {
                return;
            }
            if (!up || !(anyOrigin || allowed.contains(page.origin()))) {
                refusedOrigins.add(page.origin());
                browser.recordConsole("WebSocket connection to '" + url + "' failed");
                socket.refused();
                return;
            }
            accepted++;
            open.add(socket);
            socket.opened();
            handler.onOpen(socket);
        });
        return socket;
    }

    void deliver(SimWebSocket socket, String text) {
        if (open.contains(socket)) {
            handler.onText(socket, text);
        }
    }

    void closed(SimWebSocket socket) {
        open.remove(socket);
    }

    SimBrowser browser() {
        return browser;
    }
}
