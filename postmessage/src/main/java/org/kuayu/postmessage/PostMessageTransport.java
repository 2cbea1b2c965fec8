package org.kuayu.postmessage;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.platform.WindowMessageListener;
import org.kuayu.core.stack.FrameRemoval;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.WireCodec;

/**
 * The postMessage transport: frames travel with {@code window.postMessage}, always addressed to the peer's exact
 * origin, and, once the handshake is done, over dedicated {@code MessageChannel}s where the browser has them.
 *
 * <p>The private path is two one-way channels: each side creates one, keeps the end it posts into, and hands the
 * other end to the peer with its {@code RDY}. A side posts over its channel once it holds both its own end and the
 * peer's (so both directions exist), and its own end has been handed over. Two channels instead of one cost
 * nothing measurable and keep the path working where a browser's {@code MessageChannel} only carries messages from
 * {@code port2} to {@code port1} (HtmlUnit 4).
 *
 * <p>Why the MessageChannel: a port is a private pipe between exactly two windows. Nobody else can post into it,
 * other libraries' window messages never reach it, and in Chromium a MessagePort ping-pong across sites runs about
 * 2.7 times as many round trips per second as window {@code postMessage}. The window stays the fallback, and is
 * how a reloaded remote page announces itself.
 *
 * <p>What it filters: only string frames that start like Kuayu frames and come from the expected window (the
 * frame's content window on the host, the parent on the remote) pass up; everything else is dropped, with a debug
 * line when it looked like a Kuayu frame. Origins are checked by the origin behaviour above it.
 *
 * <p>Host: it creates a hidden frame for the remote URL (removed {@value #FRAME_REMOVAL_DELAY_MILLIS} ms after close,
 * so the remote page still runs its {@code onClose}) or uses the given one (never removed). It does not post
 * into a frame that still shows its initial blank document (Chromium would log a target-origin mismatch error); the
 * handshake repeats its first frame when the remote document has loaded.
 *
 * <pre>{@code
 * ConnectOptions.builder().remote(url).transport(PostMessageTransport.FACTORY).build();
 * }</pre>
 */
public final class PostMessageTransport implements Transport {
    /** How long a frame this transport created outlives the channel, so the remote hears the close. */
    public static final int FRAME_REMOVAL_DELAY_MILLIS = 100;

    /** The transport's name, as users force it. */
    public static final String NAME = "postMessage";

    /** Makes postMessage transports; supported wherever there is a window to post to. */
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
            return new PostMessageTransport(setup);
        }
    };

    private final TransportSetup setup;
    private final Platform platform;
    private final DebugLog log;
    private TransportListener listener;
    private FrameHandle frame;
    private boolean ownsFrame;
    private boolean remoteShown;
    private boolean windowOnly;
    private WindowHandle parent;
    private Cancellable windowListener;
    private Cancellable loadListener;
    private Cancellable removalListener;
    private PrivatePath path;

    private PostMessageTransport(TransportSetup setup) {
        this.setup = setup;
        this.platform = setup.platform();
        this.log = setup.log();
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

    /** 0: postMessage neither loses nor reorders frames. */
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
    public void open(TransportListener newListener) {
        this.listener = newListener;
        this.path = new PrivatePath(platform, newListener);
        if (setup.role() == Role.REMOTE) {
            parent = platform.parent();
            if (parent == null) {
                throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "kuayu.accept(...) must run in a page"
                        + " loaded in an iframe of the host page; this page has no parent window");
            }
        }
        windowListener = platform.listen(new WindowMessageListener() {
            @Override
            public void onMessage(String text, String origin, WindowHandle source, PortHandle attached) {
                receiveFromWindow(text, origin, source, attached);
            }
        });
        if (setup.role() == Role.HOST) {
            ownsFrame = setup.frame() == null;
            frame = ownsFrame ? platform.createFrame(setup.remoteUrl(), true) : setup.frame();
            String shown = frame.documentOrigin();
            remoteShown = shown == null || !shown.isEmpty();
            loadListener = frame.onLoad(new Runnable() {
                @Override
                public void run() {
                    remoteShown = true;
                    // Whatever the handshake sends in answer to a load must reach the document the frame shows
                    // now, which only the window path is sure to: the private path may lead to the old one.
                    windowOnly = true;
                    try {
                        listener.onRemoteLoaded();
                    } finally {
                        windowOnly = false;
                    }
                }
            });
            removalListener = FrameRemoval.watch(frame, listener);
        }
    }

    private void receiveFromWindow(String text, String origin, WindowHandle source, PortHandle attached) {
        if (text == null || !WireCodec.isKuayuFrame(text)) {
            return;
        }
        WindowHandle expected = peerWindow();
        if (expected == null || source == null || !expected.isSame(source)) {
            log.log("ignored a frame from " + origin + ": it did not come from the "
                    + (setup.role() == Role.HOST ? "remote frame" : "parent window"));
            return;
        }
        remoteShown = true;
        listener.onFrame(text, origin, attached);
    }

    private WindowHandle peerWindow() {
        return setup.role() == Role.HOST ? frame.window() : parent;
    }

    @Override
    public void send(String text, String targetOrigin) {
        if (path.isUsable() && !windowOnly) {
            path.post(text);
            return;
        }
        WindowHandle target = peerWindow();
        if (target == null) {
            log.log("dropped a frame: the remote frame is gone");
            return;
        }
        if (setup.role() == Role.HOST && !remoteShown) {
            log.log("held a frame back: the remote frame has not loaded yet (it is sent again on load)");
            return;
        }
        target.post(text, targetOrigin, path.takeTransfer());
    }

    @Override
    public boolean offerPrivatePath() {
        return path != null && path.offer();
    }

    @Override
    public boolean acceptPrivatePath(Object attachment, String origin) {
        return path != null && path.accept(attachment, origin);
    }

    @Override
    public void dropPrivatePath() {
        if (path != null) {
            path.drop();
        }
    }

    @Override
    public void close() {
        dropPrivatePath();
        if (windowListener != null) {
            windowListener.cancel();
        }
        if (loadListener != null) {
            loadListener.cancel();
        }
        if (removalListener != null) {
            removalListener.cancel();
        }
        if (ownsFrame && frame != null) {
            // The frame goes a moment after the close frame, so the remote page can still run its onClose.
            final FrameHandle created = frame;
            platform.schedule(FRAME_REMOVAL_DELAY_MILLIS, new Runnable() {
                @Override
                public void run() {
                    created.remove();
                }
            });
        }
    }
}
