package org.kuayu.websocket;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.WebSocketHandle;
import org.kuayu.core.platform.WebSocketListener;
import org.kuayu.core.stack.TransportListener;

/**
 * The socket under a {@link WebSocketTransport}, and the rules of its life: the first socket that closes before it
 * opened fails the channel; one that closes after it opened is reported as dropped and replaced after a
 * {@link ReconnectBackoff} wait, again and again until {@link #close()}; texts pass up as from the server's origin.
 *
 * <pre>{@code
 * ReconnectingSocket socket = new ReconnectingSocket(platform, log, "ws://b.example/ws", "http://b.example");
 * socket.open(listener);     // false: the browser has no WebSocket
 * socket.send(frame);        // dropped while not open
 * socket.close();            // no reconnect after this
 * }</pre>
 */
final class ReconnectingSocket {
    private final Platform platform;
    private final DebugLog log;
    private final String url;
    private final String origin;
    private final ReconnectBackoff backoff;
    private TransportListener listener;
    private WebSocketHandle socket;
    private Cancellable retry;
    private boolean connected;
    private boolean everOpened;
    private boolean heard;
    private boolean closed;

    ReconnectingSocket(Platform platform, DebugLog log, String url, String origin) {
        this.platform = platform;
        this.log = log;
        this.url = url;
        this.origin = origin;
        this.backoff = new ReconnectBackoff(platform);
    }

    /** Opens the first socket; false when the browser has no WebSocket. */
    boolean open(TransportListener transportListener) {
        listener = transportListener;
        return connect();
    }

    /** Sends one frame if the socket is open; else drops it (the server's {@code HEL} restarts the handshake). */
    void send(String frame) {
        if (connected) {
            socket.send(frame);
        } else {
            log.log("dropped a frame: the WebSocket to " + url + " is not open (the server's HEL restarts the handshake)");
        }
    }

    /** Closes the socket (1000) and stops reconnecting, for good. */
    void close() {
        closed = true;
        connected = false;
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    private boolean connect() {
        retry = null;
        final WebSocketHandle[] self = new WebSocketHandle[1];
        self[0] = platform.openWebSocket(url, new WebSocketListener() {
            @Override
            public void onOpen() {
                if (self[0] == socket) {
                    opened();
                }
            }

            @Override
            public void onText(String text) {
                if (self[0] == socket && !closed) {
                    // A text proves the socket open, even if its open event is still queued (HtmlUnit can deliver
                    // the server's first message first): the handshake's answer to it must not be dropped.
                    opened();
                    if (!heard) {
                        heard = true;
                        backoff.reset();
                    }
                    listener.onFrame(text, origin, null);
                }
            }

            @Override
            public void onError() {
                log.log("WebSocket error on " + url);
            }

            @Override
            public void onClose(int code, String reason) {
                if (self[0] == socket) {
                    closedByServer(code, reason);
                }
            }
        });
        socket = self[0];
        return socket != null;
    }

    private void opened() {
        if (!connected) {
            connected = true;
            everOpened = true;
            heard = false;
            log.log("WebSocket open to " + url);
            // Like a frame's load: the handshake sends SYN now, and again on the server's HEL, so a HEL that is
            // late or lost does not stall it (the server answers every SYN of its channel).
            listener.onRemoteLoaded();
        }
    }

    private void closedByServer(int code, String reason) {
        boolean wasOpen = connected;
        connected = false;
        socket = null;
        if (closed) {
            return;
        }
        String why = "code " + code + (reason.isEmpty() ? "" : " " + reason) + (code == 1009
                ? ": a message was larger than the server allows" : "");
        if (!everOpened) {
            listener.onFailed(ErrorCode.TRANSPORT_UNAVAILABLE, "could not open a WebSocket to " + url + " (" + why
                    + "): the server is down, or it refused this page's origin " + platform.selfOrigin()
                    + " (it must be in the allowed origins of the server's endpoint)");
            return;
        }
        int wait = backoff.next();
        if (wasOpen) {
            listener.onDropped(ErrorCode.TRANSMISSION_FAILED, "the WebSocket connection to " + url + " dropped (" + why
                    + "); reconnecting in " + wait + " ms");
        } else {
            log.log("reconnecting to " + url + " failed (" + why + "); next try in " + wait + " ms");
        }
        retry = platform.schedule(wait, new Runnable() {
            @Override
            public void run() {
                if (!closed && !connect()) {
                    listener.onFailed(ErrorCode.TRANSPORT_UNAVAILABLE, "this browser has no WebSocket");
                }
            }
        });
    }
}
