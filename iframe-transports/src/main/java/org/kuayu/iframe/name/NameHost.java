package org.kuayu.iframe.name;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
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
 * The host's half of {@link NameTransport}: it creates the remote frame named with its address, takes the remote's
 * writes from its mailbox, learns from them where the remote's proxy page is, and writes to the remote through new
 * frames of that page.
 *
 * <p>What it sends before the remote's first write arrived waits (at most {@value #MAX_WAITING} frames, copies
 * dropped): the remote writes first ({@code HEL}), at load. Every frame is passed up as from the remote URL's
 * origin, the only origin whose page learns the mailbox; the per-channel secrets above prove the sender.
 */
final class NameHost implements HalvesTransport.End {
    static final int MAX_WAITING = 16;

    private final Platform platform;
    private final DebugLog log;
    private final String remoteUrl;
    private final String remoteOrigin;
    private final String id;
    private final String rendezvous;
    private final String proxyUrl;
    private final NamedFrames writer;
    private final List<String> waiting = new ArrayList<String>();
    private TransportListener listener;
    private FrameHandle frame;
    private Cancellable loadListener;
    private Cancellable removalListener;
    private ProxyProbe probe;
    private Cancellable mailbox;
    private final boolean trustAncestors;
    private String remoteProxy;
    private boolean closed;

    NameHost(TransportSetup setup) {
        this.platform = setup.platform();
        this.log = setup.log();
        this.remoteUrl = setup.remoteUrl();
        this.remoteOrigin = Origin.parse(remoteUrl).toString();
        this.id = platform.randomId();
        this.proxyUrl = setup.proxyUrl();
        this.rendezvous = NameTransport.RENDEZVOUS_PREFIX + id + ":" + proxyUrl;
        this.writer = new NamedFrames(platform);
        this.trustAncestors = setup.trustsAncestors();
    }

    @Override
    public void open(TransportListener newListener) {
        listener = newListener;
        String refusal = trustAncestors ? null : Ancestors.hostRefusal(platform, "window.name");
        if (refusal != null) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, refusal);
        }
        mailbox = platform.exposeMailbox(NameTransport.HOST_MAILBOX_PREFIX + id, new TextListener() {
            @Override
            public void onText(String text) {
                receive(text);
            }
        });
        frame = platform.createNamedFrame(remoteUrl, rendezvous);
        loadListener = frame.onLoad(new Runnable() {
            @Override
            public void run() {
                listener.onRemoteLoaded();
            }
        });
        removalListener = FrameRemoval.watch(frame, listener);
        probe = ProxyProbe.start(platform, log, proxyUrl, "window.name", listener);
    }

    /**
     * {@code kuayu-name|<remote proxy URL>|<frame>}: a remote's write, as proxy.js hands it over; with no frame, the
     * remote's announcement of its proxy page at load.
     */
    private void receive(String text) {
        int bar = text.startsWith(NameTransport.ENVELOPE_PREFIX)
                ? text.indexOf('|', NameTransport.ENVELOPE_PREFIX.length()) : -1;
        String proxy = bar < 0 ? null : text.substring(NameTransport.ENVELOPE_PREFIX.length(), bar);
        String body = bar < 0 ? null : text.substring(bar + 1);
        if (closed || proxy == null || !(body.isEmpty() || WireCodec.isKuayuFrame(body)
                || body.startsWith(NamedFrames.BATCH_PREFIX))) {
            if (!closed) {
                log.log("ignored a call of the window.name mailbox that is not a remote's write");
            }
            return;
        }
        Origin origin = proxy.length() > NameTransport.MAX_PROXY_URL_LENGTH ? null : Origin.tryParse(proxy);
        if (origin == null || !remoteOrigin.equals(origin.toString()) || proxy.indexOf('#') >= 0) {
            log.log("ignored a write whose proxy page is not on the remote page's origin " + remoteOrigin + " but "
                    + (origin == null ? "unreadable" : "from " + origin));
            return;
        }
        if (remoteProxy != null && !proxy.equals(remoteProxy)) {
            log.log("ignored a write naming another proxy page than the remote's " + remoteProxy + ": " + proxy);
            return;
        }
        if (remoteProxy == null) {
            remoteProxy = proxy;
            List<String> ready = new ArrayList<String>(waiting);
            waiting.clear();
            for (String w : ready) {
                write(w);
            }
        }
        List<String> frames = NamedFrames.unbatch(body);
        if (frames == null) {
            log.log("ignored a batch of frames that does not add up");
            return;
        }
        for (String frame : frames) {
            if (closed) {
                return;
            }
            if (WireCodec.isKuayuFrame(frame)) {
                listener.onFrame(frame, remoteOrigin, null);
            } else if (!frame.isEmpty()) {
                log.log("ignored a frame of a batch that is not a Kuayu frame");
            }
        }
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
        if (remoteProxy != null) {
            write(text);
            return;
        }
        if (waiting.contains(text)) {
            return;
        }
        if (waiting.size() == MAX_WAITING) {
            waiting.remove(0);
        }
        waiting.add(text);
        log.log("held a frame back: the remote page has not written yet, so its proxy page is unknown");
    }

    private void write(String text) {
        writer.write(remoteProxy, NameTransport.REMOTE_MAILBOX_PREFIX + id + ":", text);
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
        waiting.clear();
        writer.close(NameTransport.FRAME_REMOVAL_DELAY_MILLIS);
        if (loadListener != null) {
            loadListener.cancel();
        }
        if (removalListener != null) {
            removalListener.cancel();
        }
        if (probe != null) {
            probe.cancel();
        }
        if (mailbox != null) {
            mailbox.cancel();
        }
        final FrameHandle created = frame;
        if (created != null) {
            platform.schedule(NameTransport.FRAME_REMOVAL_DELAY_MILLIS, new Runnable() {
                @Override
                public void run() {
                    created.remove();
                }
            });
        }
    }
}
