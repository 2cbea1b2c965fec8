package org.kuayu.core.stack;

import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;

/**
 * One end of a {@link LossyLink}: a page-to-page transport that sees the sender's origin (so the stack keeps its
 * origin check) but loses, duplicates and reorders frames and limits their length, so the stack gets fragmentation
 * and reliable delivery. The host end loads the remote URL, if any, into a hidden frame and reports its loads.
 */
public final class LossyTransport implements Transport {
    /** The name it reports. */
    public static final String NAME = "lossy";

    private final LossyLink link;
    private final Role role;
    private final Platform platform;
    private final String remoteUrl;
    private TransportListener listener;
    private FrameHandle frame;
    private Cancellable loads;
    private boolean closed;

    LossyTransport(LossyLink link, Role role, Platform platform, String remoteUrl) {
        this.link = link;
        this.role = role;
        this.platform = platform;
        this.remoteUrl = remoteUrl;
    }

    Role role() {
        return role;
    }

    Platform platform() {
        return platform;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean seesSenderOrigin() {
        // Like window.name and location.hash: the channel gets the per-channel secrets layer.
        return false;
    }

    @Override
    public List<Behavior> layersBelowOrigin(Role role, Platform platform, DebugLog log) {
        return StackAssembly.layersBelowOrigin(role, this, platform, log);
    }

    @Override
    public boolean needsReliableDelivery() {
        return true;
    }

    @Override
    public int reliableWindow() {
        return link.window();
    }

    @Override
    public int maxFrameLength() {
        return link.maxFrameLength();
    }

    @Override
    public boolean isRequestOnly() {
        return false;
    }

    @Override
    public void open(final TransportListener newListener) {
        listener = newListener;
        link.attach(this);
        if (role == Role.HOST && remoteUrl != null) {
            frame = platform.createFrame(remoteUrl, true);
            loads = frame.onLoad(new Runnable() {
                @Override
                public void run() {
                    newListener.onRemoteLoaded();
                }
            });
        }
    }

    @Override
    public void send(String text, String targetOrigin) {
        if (!closed) {
            link.carry(this, text);
        }
    }

    @Override
    public void close() {
        closed = true;
        link.detach(this);
        if (loads != null) {
            loads.cancel();
        }
        if (frame != null) {
            frame.remove();
        }
    }

    /** The host's frame, or null. */
    public FrameHandle frame() {
        return frame;
    }

    void receive(String text, String origin) {
        if (!closed && listener != null) {
            listener.onFrame(text, origin, null);
        }
    }
}
