package org.kuayu.core.stack;

import org.kuayu.core.DebugLog;
import org.kuayu.core.wire.Message;

/**
 * Drops, before they take a sequence number, the frames the transport cannot deliver: those addressed to an origin
 * its peer does not have. Sits on top of fragmentation and reliable delivery ({@link StackAssembly#lowerLayers}).
 *
 * <p>Why: before a remote is bound, its {@code HEL} goes to each allowed origin in turn, which postMessage filters
 * in the browser. A transport that reaches one page only (window.name, location.hash: the host's proxy page) must
 * drop the others itself; dropped below reliable delivery, such a frame would hold a number that is never
 * acknowledged, and every frame after it (the {@code REJ} for a refused host, the {@code ACK}) would wait behind it
 * for ever. No wire format: frames that pass are untouched.
 */
public final class ReachabilityBehavior extends BaseBehavior {
    private final Reachability reach;
    private final DebugLog log;

    public ReachabilityBehavior(Reachability reach, DebugLog log) {
        this.reach = reach;
        this.log = log;
    }

    @Override
    public void down(Message m, Link link) {
        if (m.kind().isWire() && m.origin() != null && !reach.canReach(m.origin())) {
            log.log("dropped a " + m.kind().code() + " for " + m.origin() + ": this transport cannot reach that origin");
            return;
        }
        link.down(m);
    }
}
