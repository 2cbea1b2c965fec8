package org.kuayu.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.kuayu.core.platform.WebSocketHandle;
import org.kuayu.core.platform.WebSocketListener;

/**
 * One WebSocket connection of the {@link SimBrowser}: the page's handle ({@link WebSocketHandle}) and the scripted
 * server's view of it ({@link #sendToPage}, {@link #drop}, {@link #close(int, String)}). Every event reaches the other side in
 * a later task; a page that closed hears nothing more, and a page's document that unloads closes its sockets.
 */
public final class SimWebSocket implements WebSocketHandle {
    private final SimWebSocketServer server;
    private final SimWindow page;
    private WebSocketListener listener;
    private final List<String> received = new ArrayList<String>();
    private boolean open;
    private boolean closing;
    private int closeCode;

    SimWebSocket(SimWebSocketServer server, SimWindow page, WebSocketListener listener) {
        this.server = server;
        this.page = page;
        this.listener = listener;
    }

    /** The page's origin, which its browser sent in the upgrade's {@code Origin} header. */
    public String origin() {
        return page.origin();
    }

    /** True while the connection is open. */
    public boolean isOpen() {
        return open && page.isAlive();
    }

    /** Every text the page sent over it, in order. */
    public List<String> received() {
        return Collections.unmodifiableList(received);
    }

    /** How the page closed it (1000), or 0 while open or when the server ended it. */
    public int closeCode() {
        return closeCode;
    }

    // ---- the server's side ----

    /** Sends a text to the page. */
    public void sendToPage(final String text) {
        if (!isOpen()) {
            return;
        }
        server.browser().schedule(page, 0, false, () -> {
            if (listener != null && open) {
                listener.onText(text);
            }
        });
    }

    /** The connection breaks without a close frame: the page gets {@code onError} and {@code onClose(1006, "")}. */
    public void drop() {
        end(1006, "", true);
    }

    /** The server closes it with a close frame: the page gets {@code onClose(code, reason)}. */
    public void close(int code, String reason) {
        end(code, reason, false);
    }

    // ---- the page's side (WebSocketHandle) ----

    @Override
    public void send(final String text) {
        if (!isOpen() || closing) {
            return;
        }
        server.browser().schedule(null, 0, false, () -> {
            if (open) {
                received.add(text);
                server.deliver(this, text);
            }
        });
    }

    @Override
    public void close() {
        listener = null;
        if (open && !closing) {
            // What the page sent before still arrives, then the close frame (tasks run in order).
            closing = true;
            closeCode = 1000;
            server.browser().schedule(null, 0, false, () -> {
                open = false;
                server.closed(this);
            });
        }
    }

    boolean isClientListening() {
        return listener != null && page.isAlive();
    }

    void opened() {
        open = true;
        final WebSocketListener l = listener;
        if (l != null) {
            l.onOpen();
        }
    }

    void refused() {
        final WebSocketListener l = listener;
        listener = null;
        if (l != null) {
            l.onError();
            l.onClose(1006, "");
        }
    }

    private void end(final int code, final String reason, final boolean error) {
        if (!open) {
            return;
        }
        open = false;
        server.closed(this);
        server.browser().schedule(page, 0, false, () -> {
            WebSocketListener l = listener;
            listener = null;
            if (l != null) {
                if (error) {
                    l.onError();
                }
                l.onClose(code, reason);
            }
        });
    }
}
