package org.kuayu.iframe;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.TextListener;
import org.kuayu.core.stack.TransportListener;

/**
 * Checks, while the remote page loads, that the host's own proxy page really is Kuayu's: over window.name and
 * location.hash every frame of the remote page comes back through it, and a page that is not there (a bundler's
 * default next to the bundle, a 404) would otherwise cost the whole handshake timeout and then blame the remote.
 *
 * <p>It loads {@code <proxy URL>#__kuayu_probe_<id>:kuayu-probe} in a hidden frame of this page: proxy.js hands that
 * to this page's mailbox as it hands any frame, before the frame's load event. When the frame then loads a document
 * of this page's origin and the mailbox heard nothing, the channel fails at once with
 * {@link ErrorCode#TRANSPORT_UNAVAILABLE} naming the URL. A document this page cannot read (a network error page, a
 * redirect elsewhere, a frame this page's Content-Security-Policy blocks) proves nothing either way: the probe logs
 * it and leaves the handshake to decide. The probe frame goes as soon as it has answered.
 */
public final class ProxyProbe implements Cancellable {
    /** The start of the probe's mailbox; proxy.js takes any {@code __kuayu_<letters>_<32 hex>}. */
    static final String MAILBOX_PREFIX = "__kuayu_probe_";
    /** The frame the probe's URL carries. */
    static final String FRAME = "kuayu-probe";
    /** How long after the frame's load the probe decides: the mailbox's delivery, queued before the load, is in. */
    public static final int VERDICT_DELAY_MILLIS = 50;

    private final Platform platform;
    private final DebugLog log;
    private final String url;
    private final String transport;
    private final TransportListener listener;
    private final FrameHandle frame;
    private final Cancellable mailbox;
    private final Cancellable loads;
    private Cancellable verdict;
    private boolean answered;
    private boolean done;

    private ProxyProbe(Platform platform, DebugLog log, String proxyUrl, String transport,
            TransportListener listener) {
        this.platform = platform;
        this.log = log;
        this.url = platform.resolveUrl(proxyUrl);
        this.transport = transport;
        this.listener = listener;
        String box = MAILBOX_PREFIX + platform.randomId();
        mailbox = platform.exposeMailbox(box, new TextListener() {
            @Override
            public void onText(String text) {
                answered |= FRAME.equals(text);
            }
        });
        frame = platform.createFrame(url + "#" + box + ":" + FRAME, true);
        loads = frame.onLoad(new Runnable() {
            @Override
            public void run() {
                loaded();
            }
        });
    }

    private void loaded() {
        final String shown = frame.documentOrigin();
        if (done || "".equals(shown) || verdict != null) {
            return;
        }
        // A mailbox delivers in a task of its own, queued when proxy.js ran, before this load: decide after it.
        verdict = platform.schedule(VERDICT_DELAY_MILLIS, new Runnable() {
            @Override
            public void run() {
                verdict = null;
                decide(shown);
            }
        });
    }

    private void decide(String shown) {
        boolean missing = !answered && platform.selfOrigin().equals(shown);
        if (!answered && !missing) {
            log.log("could not tell whether the proxy page " + url + " runs proxy.js: it shows a document this page"
                    + " may not read");
        }
        cancel();
        if (missing) {
            listener.onFailed(ErrorCode.TRANSPORT_UNAVAILABLE, "this page's proxy page " + url + " is not Kuayu's"
                    + " proxy.html (it loaded without running proxy.js: missing, an error page, or its script"
                    + " blocked), and " + transport + " brings every frame of the remote page back through it. Serve"
                    + " the kuayu folder on this origin and set the proxy option to its proxy.html");
        }
    }

    /**
     * Starts probing {@code proxyUrl} (a URL on this page's origin); a missing proxy page fails the channel through
     * {@code listener}. Cancel the probe when the transport closes.
     */
    public static ProxyProbe start(Platform platform, DebugLog log, String proxyUrl, String transport,
            TransportListener listener) {
        return new ProxyProbe(platform, log, proxyUrl, transport, listener);
    }

    /** Stops listening and removes the probe frame; the probe is then silent. */
    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (verdict != null) {
            verdict.cancel();
        }
        loads.cancel();
        mailbox.cancel();
        frame.remove();
    }
}
