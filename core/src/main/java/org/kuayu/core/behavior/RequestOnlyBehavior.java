package org.kuayu.core.behavior;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * Stands in for the handshake and the origin check on a request-only transport (JSONP), whose other end is an
 * endpoint that answers calls, not a page. {@code StackAssembly} puts it under {@link RpcBehavior} for every
 * transport whose {@code isRequestOnly()} is true. It adds no frames.
 *
 * <ol>
 * <li>Requirement: the channel looks like any other. Protocol: it is ready in the task after {@code connect}
 * (never inside the call) with nothing sent, and {@code onReady} fires as usual, naming the transport.</li>
 * <li>Requirement: what the transport cannot do fails loudly, never silently. Protocol: a one-way message going
 * down is refused with INVALID_ARGUMENT, thrown to the caller of {@code send}; anything coming up but an answer
 * ({@code RES}, {@code ERR}) is dropped with a debug line: the endpoint cannot push, so {@code onMessage} and a
 * request handler never fire.</li>
 * <li>Requirement: requests go to the endpoint only. Protocol: every {@code REQ} going down is addressed to the
 * endpoint's origin; the transport matches each answer to its call itself (JSONP: an unguessable callback name per
 * call), so there is no channel id and no origin to verify.</li>
 * <li>Requirement: close needs nobody. Protocol: no {@code CLS} is sent (there is no connection); the channel
 * closes locally, its requests in flight fail with CLOSED and the transport releases their calls.</li>
 * </ol>
 *
 * <pre>{@code
 * layers.add(new RpcBehavior(platform, null, options.trustsPayloadJson(), log));
 * layers.add(new RequestOnlyBehavior(platform, transport.name(), endpointOrigin, log));
 * }</pre>
 */
public final class RequestOnlyBehavior extends BaseBehavior {
    private final Platform platform;
    private final String transportName;
    private final String endpointOrigin;
    private final DebugLog log;
    private Cancellable opening;

    /**
     * @param endpointOrigin the origin of the endpoint's URL: where requests go, whom answers are reported from
     */
    public RequestOnlyBehavior(Platform platform, String transportName, String endpointOrigin, DebugLog log) {
        this.platform = platform;
        this.transportName = transportName;
        this.endpointOrigin = endpointOrigin;
        this.log = log;
    }

    @Override
    public void start(final Link link) {
        opening = platform.schedule(0, new Runnable() {
            @Override
            public void run() {
                opening = null;
                log.log("ready over " + transportName + " to " + endpointOrigin + " (request-only: no handshake)");
                link.up(Message.local(MessageKind.OPENED, transportName).withOrigin(endpointOrigin));
            }
        });
    }

    @Override
    public void down(Message m, Link link) {
        switch (m.kind()) {
            case REQUEST:
                link.down(m.withOrigin(endpointOrigin));
                return;
            case MESSAGE:
                throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the " + transportName + " transport cannot"
                        + " send one-way messages: its endpoint only answers requests; use request(...) instead");
            case CLOSE:
                return;
            default:
                if (m.kind().isWire()) {
                    log.log("dropped an outgoing " + m.kind() + ": " + transportName + " carries requests only");
                } else {
                    link.down(m);
                }
        }
    }

    @Override
    public void up(Message m, Link link) {
        switch (m.kind()) {
            case RESPONSE:
            case ERROR:
            case OPENED:
            case FAILED:
            case CLOSED:
                link.up(m);
                return;
            default:
                log.log("ignored " + m.kind() + ": " + transportName + " brings answers to requests only");
        }
    }

    @Override
    public void stop() {
        if (opening != null) {
            opening.cancel();
            opening = null;
        }
    }
}
