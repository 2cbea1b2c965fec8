package org.kuayu.iframe.hash;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.TextListener;
import org.kuayu.core.stack.FrameRemoval;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.iframe.Ancestors;
import org.kuayu.iframe.HalvesTransport;
import org.kuayu.iframe.ProxyProbe;

/**
 * The host's half of {@link HashTransport}: it writes frames, each with its return address, into the remote frame's
 * fragment, and takes the remote's frames from its mailbox, where proxy.html puts them.
 *
 * <p>It loads the remote page at a URL whose fragment is this channel's address (mailbox and proxy URL, no frame),
 * writes only once the remote frame has loaded (a fragment written into the initial blank document would load the
 * remote page again), and passes every frame up as from the remote URL's origin: the only origin whose page learns
 * the mailbox, which the per-channel secrets above then prove. It refuses to open in a page framed by another
 * origin ({@link Ancestors}) unless the page trusts its ancestors.
 */
final class HashHost implements HalvesTransport.End {
    private final TransportSetup setup;
    private final Platform platform;
    private final DebugLog log;
    private final String remoteOrigin;
    private final String mailbox;
    /** {@code <remote URL>#<mailbox>:<proxy URL>:}, to which each encoded frame is appended. */
    private final String prefix;
    private TransportListener listener;
    private FrameHandle frame;
    private boolean ownsFrame;
    private HashWriter writer;
    private Cancellable loadListener;
    private Cancellable removalListener;
    private ProxyProbe probe;
    private Cancellable mailboxRegistration;
    private boolean closed;

    HashHost(TransportSetup setup, String remoteOrigin, String mailbox, String prefix) {
        this.setup = setup;
        this.platform = setup.platform();
        this.log = setup.log();
        this.remoteOrigin = remoteOrigin;
        this.mailbox = mailbox;
        this.prefix = prefix;
    }

    @Override
    public void open(TransportListener newListener) {
        listener = newListener;
        String refusal = setup.trustsAncestors() ? null : Ancestors.hostRefusal(platform, "location.hash");
        if (refusal != null) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, refusal);
        }
        mailboxRegistration = platform.exposeMailbox(mailbox, new TextListener() {
            @Override
            public void onText(String text) {
                receive(text);
            }
        });
        ownsFrame = setup.frame() == null;
        // The remote page learns this channel's address from the URL it loads at, and so can announce itself (HEL)
        // at every load: the first, a reload (which keeps the fragment) or a return after the host's next write.
        frame = ownsFrame ? platform.createFrame(prefix, true) : setup.frame();
        writer = new HashWriter(platform, log, new HashWriter.Target() {
            @Override
            public boolean navigate(String url) {
                return frame.replaceLocation(url);
            }
        });
        String shown = frame.documentOrigin();
        if (shown != null && shown.isEmpty()) {
            writer.hold();
        }
        // A load is not reported as a new remote page: browsers fire load on the frame for fragment writes too
        // (Chromium now and then, WebKit for every one), and answering each with a SYN kept idle pages talking.
        // A new remote page says HEL itself, with the address in its URL.
        loadListener = frame.onLoad(new Runnable() {
            @Override
            public void run() {
                writer.resume();
            }
        });
        removalListener = FrameRemoval.watch(frame, listener);
        probe = ProxyProbe.start(platform, log, setup.proxyUrl(), "location.hash", listener);
    }

    private void receive(String text) {
        if (closed) {
            return;
        }
        if (!WireCodec.isKuayuFrame(text)) {
            log.log("ignored a call of the location.hash mailbox that is not a Kuayu frame");
            return;
        }
        listener.onFrame(text, remoteOrigin, null);
    }

    @Override
    public void send(String text, String targetOrigin) {
        if (closed) {
            return;
        }
        if (!remoteOrigin.equals(targetOrigin)) {
            log.log("dropped a frame for " + targetOrigin + ": the remote frame shows " + remoteOrigin);
            return;
        }
        writer.write(prefix, HashCodec.encode(text, false));
    }

    @Override
    public boolean canReach(String targetOrigin) {
        return remoteOrigin.equals(targetOrigin);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            writer.close();
        }
        if (loadListener != null) {
            loadListener.cancel();
        }
        if (removalListener != null) {
            removalListener.cancel();
        }
        if (probe != null) {
            probe.cancel();
        }
        if (mailboxRegistration != null) {
            mailboxRegistration.cancel();
        }
        if (ownsFrame && frame != null) {
            final FrameHandle created = frame;
            platform.schedule(HashTransport.FRAME_REMOVAL_DELAY_MILLIS, new Runnable() {
                @Override
                public void run() {
                    created.remove();
                }
            });
        }
    }
}
