package org.kuayu.iframe;

import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Behavior;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.StackAssembly;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportListener;

/**
 * What the transports that carry frames by navigating frames (window.name, location.hash) share: a half per role
 * ({@link End}) does the work; none can see who sent a frame, all lose and reorder frames, none has a private path or
 * keeps state per request. So the stack gets per-channel secrets, fragmentation and reliable delivery
 * ({@link StackAssembly#layersBelowOrigin}), and everything else goes to the half.
 *
 * <pre>{@code
 * final class NameTransport extends HalvesTransport {
 *     private NameTransport(TransportSetup setup) {
 *         super(setup.role() == Role.HOST ? new NameHost(setup) : new NameRemote(setup));
 *     }
 * }
 * }</pre>
 */
public abstract class HalvesTransport implements Transport {
    /** One side's half: the host's or the remote's. */
    public interface End {
        void open(TransportListener listener);

        void send(String frame, String targetOrigin);

        /** Whether a frame for {@code targetOrigin} would reach the peer's page now. */
        boolean canReach(String targetOrigin);

        /** The remote bound the channel to the host whose frame is being delivered ({@link Transport#bindPeer}). */
        default void bindPeer() {
        }

        void close();
    }

    private final End end;

    protected HalvesTransport(End end) {
        this.end = end;
    }

    /** False: nobody tells a page who navigated a frame or called its mailbox. */
    @Override
    public final boolean seesSenderOrigin() {
        return false;
    }

    /** True: a frame can be lost to a navigation, a removed frame or a reload, and frames can pass each other. */
    @Override
    public final boolean needsReliableDelivery() {
        return true;
    }

    @Override
    public final List<Behavior> layersBelowOrigin(Role role, Platform platform, DebugLog log) {
        return StackAssembly.layersBelowOrigin(role, this, platform, log);
    }

    @Override
    public final boolean isRequestOnly() {
        return false;
    }

    @Override
    public final void open(TransportListener listener) {
        end.open(listener);
    }

    @Override
    public final void send(String frame, String targetOrigin) {
        end.send(frame, targetOrigin);
    }

    /** Only the one page at the other end: the remote URL's origin, or the host proxy's once known. */
    @Override
    public final boolean canReach(String targetOrigin) {
        return end.canReach(targetOrigin);
    }

    @Override
    public final void bindPeer() {
        end.bindPeer();
    }

    @Override
    public final void close() {
        end.close();
    }
}
