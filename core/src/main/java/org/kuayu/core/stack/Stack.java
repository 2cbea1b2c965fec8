package org.kuayu.core.stack;

import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.core.wire.WireFormatException;

/**
 * A running stack: behaviours from top (next to the channel) to bottom, the wire codec, and a transport.
 *
 * <pre>
 *   channel ── up ──▲                 ▼── {@link #send}
 *   behaviour 0 (request/reply)
 *   behaviour 1 (handshake)
 *   ...
 *   codec: {@link WireCodec}   frames that do not decode are dropped with a debug line; the instructions for
 *                              the transport ({@code *_PATH}, {@code ABANDON}, {@code BIND}) become calls on it
 *   transport                  moves strings
 * </pre>
 *
 * <p>Built only by {@link StackAssembly}, the one place that says which behaviours sit on which transport.
 */
public final class Stack {
    private final Behavior[] layers;
    private final Link[] links;
    private final Transport transport;
    private final Link channelSide;
    private final DebugLog log;
    private final Platform platform;
    private boolean running;

    Stack(List<Behavior> behaviors, Transport transport, Link channelSide, DebugLog log, Platform platform) {
        this.platform = platform;
        this.layers = behaviors.toArray(new Behavior[0]);
        this.transport = transport;
        this.channelSide = channelSide;
        this.log = log;
        this.links = new Link[layers.length];
        for (int i = 0; i < layers.length; i++) {
            links[i] = new LayerLink(i);
        }
    }

    /** The transport at the bottom. */
    public Transport transport() {
        return transport;
    }

    /**
     * Opens the transport, then starts the behaviours from the bottom up (so a handshake can send at once).
     *
     * @throws KuayuException when the transport cannot work here; the stack is stopped again
     */
    public void start() {
        running = true;
        try {
            transport.open(new TransportListener() {
                @Override
                public void onFrame(String frame, String origin, Object attachment) {
                    receiveFrame(frame, origin, attachment);
                }

                @Override
                public void onRemoteLoaded() {
                    deliverUp(Message.local(MessageKind.LOADED, ""));
                }

                @Override
                public void onFailed(ErrorCode code, String message) {
                    deliverUp(Message.local(MessageKind.FAILED, Json.error(code, message)));
                }

                @Override
                public void onDropped(ErrorCode code, String message) {
                    deliverUp(Message.local(MessageKind.DROPPED, Json.error(code, message)));
                }
            });
        } catch (KuayuException e) {
            stop();
            throw e;
        }
        for (int i = layers.length - 1; i >= 0 && running; i--) {
            layers[i].start(links[i]);
        }
    }

    /** Sends a message from the channel down through every behaviour. */
    public void send(Message message) {
        if (running) {
            layers[0].down(message, links[0]);
        }
    }

    /** Passes a local event up through every behaviour, from the bottom, as if the transport had produced it. */
    public void deliverUp(Message message) {
        if (running) {
            if (layers.length == 0) {
                channelSide.up(message);
            } else {
                layers[layers.length - 1].up(message, links[layers.length - 1]);
            }
        }
    }

    /** Stops every behaviour and closes the transport. Idempotent. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (Behavior b : layers) {
            b.stop();
        }
        transport.close();
    }

    public boolean isRunning() {
        return running;
    }

    private void receiveFrame(String frame, String origin, Object attachment) {
        if (!running) {
            return;
        }
        Message m;
        try {
            m = WireCodec.decode(frame);
        } catch (WireFormatException e) {
            log.log("dropped a frame from " + origin + ": " + e.getMessage());
            return;
        }
        deliverUp(m.withOrigin(origin).withAttachment(attachment));
    }

    private void sendFrame(Message m) {
        if (!running) {
            return;
        }
        switch (m.kind()) {
            case OFFER_PATH:
                transport.offerPrivatePath();
                return;
            case ACCEPT_PATH:
                transport.acceptPrivatePath(m.attachment(), m.origin());
                return;
            case DROP_PATH:
                transport.dropPrivatePath();
                return;
            case ABANDON:
                transport.abandonRequest(m.number());
                return;
            case BIND:
                transport.bindPeer();
                return;
            default:
                break;
        }
        if (!m.kind().isWire()) {
            log.log("dropped a local " + m.kind() + " that reached the transport");
            return;
        }
        if (m.origin() == null) {
            log.log("dropped an outgoing " + m.kind() + " with no target origin");
            return;
        }
        if (m.number() < 0 || m.number() > WireCodec.MAX_NUMBER) {
            log.log("dropped an outgoing " + m.kind() + " with the number " + m.number() + ", not 0 to 999999999");
            return;
        }
        // header + body, joined the platform's way: in TeaVM a Java concatenation copies through char arrays.
        String head = platform.join(platform.join(WireCodec.prefix(m), platform.decimal(m.number())), "|");
        transport.send(platform.join(head, m.body()), m.origin());
    }

    private final class LayerLink implements Link {
        private final int index;

        LayerLink(int index) {
            this.index = index;
        }

        @Override
        public void down(Message message) {
            if (!running) {
                return;
            }
            if (index + 1 < layers.length) {
                layers[index + 1].down(message, links[index + 1]);
            } else {
                sendFrame(message);
            }
        }

        @Override
        public void up(Message message) {
            if (!running) {
                return;
            }
            if (index > 0) {
                layers[index - 1].up(message, links[index - 1]);
            } else {
                channelSide.up(message);
            }
        }
    }
}
