package org.kuayu.websocket;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;

/**
 * The WebSocket transport: a host page's channel to a server endpoint ({@code ws://} or {@code wss://}), such as
 * {@code KuayuWebSocketHandler} of kuayu-server. Each Kuayu frame is one text message, so the usual stack runs over
 * it: the page is the host of the handshake, the server plays the remote's part (it says {@code HEL} when a socket
 * opens, answers {@code SYN} with {@code ACK} and {@code RDY} with {@code RDY}).
 *
 * <ol>
 * <li>Requirement: only the server the page named. Protocol: frames go to the one socket; they pass up as from the
 * URL's origin in its http(s) form ({@code ws://h:p} is {@code http://h:p}), which the origin check compares with the
 * remote origin. The server decides who may connect by the browser's {@code Origin} header at the upgrade.</li>
 * <li>Requirement: a server that is down or refuses the page fails the channel at once. Protocol: a first socket that
 * closes before it opened fails it with TRANSPORT_UNAVAILABLE (the browser hides whether the server was down or
 * refused the origin: the message names both); a socket that opens but never answers fails it with the handshake's
 * TIMEOUT.</li>
 * <li>Requirement: a dropped connection comes back, and the page knows. Protocol: a socket that closes after it had
 * opened, unless the page closed it, is reported with {@code onDropped} (TRANSMISSION_FAILED, with the close code):
 * requests in flight fail, the channel is connecting, {@code onError} hears it. The transport reconnects after a
 * {@link ReconnectBackoff} wait, again and again while the channel is open; the server's {@code HEL} on the new
 * socket re-runs the handshake, and {@code onReady} fires again.</li>
 * <li>Requirement: close ends it. Protocol: the handshake's {@code CLS} goes out, then the socket closes with 1000;
 * nothing reconnects.</li>
 * </ol>
 *
 * <pre>{@code
 * ConnectOptions.builder().remote("ws://www.domain2.localhost:8082/ws/chat").transport(WebSocketTransport.FACTORY)
 * }</pre>
 *
 * <p>Host only: a page never accepts over a WebSocket ({@code accept} throws INVALID_ARGUMENT). No private path, no
 * frame limit (the server has one: {@code maxMessageChars}), no reliable layer (TCP is).
 */
public final class WebSocketTransport implements Transport {
    /** The transport's name, as users force it. */
    public static final String NAME = "websocket";

    /** Makes WebSocket transports; host side only. */
    public static final TransportFactory FACTORY = new TransportFactory() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean isSupported(Platform platform, Role role) {
            return true;
        }

        @Override
        public Transport create(TransportSetup setup) {
            if (setup.role() != Role.HOST) {
                throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the websocket transport cannot accept channels:"
                        + " a page connects to a server over it (kuayu.connect with a ws:// remote), never the reverse");
            }
            return new WebSocketTransport(setup.platform(), setup.log(), setup.remoteUrl());
        }

        @Override
        public boolean connectsToWebSocket() {
            return true;
        }
    };

    private final ReconnectingSocket socket;

    private WebSocketTransport(Platform platform, DebugLog log, String url) {
        this.socket = new ReconnectingSocket(platform, log, url, Origin.parse(url).httpEquivalent().toString());
    }

    @Override
    public void open(TransportListener listener) {
        if (!socket.open(listener)) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "this browser has no WebSocket");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean seesSenderOrigin() {
        return true;
    }

    @Override
    public boolean needsReliableDelivery() {
        return false;
    }

    @Override
    public int reliableWindow() {
        return 0;
    }

    @Override
    public int maxFrameLength() {
        return 0;
    }

    @Override
    public boolean isRequestOnly() {
        return false;
    }

    @Override
    public void send(String frame, String targetOrigin) {
        socket.send(frame);
    }

    @Override
    public void close() {
        socket.close();
    }
}
