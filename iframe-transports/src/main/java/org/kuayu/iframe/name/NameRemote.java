package org.kuayu.iframe.name;

import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.TextListener;
import org.kuayu.core.stack.PinnedProxies;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.iframe.Ancestors;
import org.kuayu.iframe.HalvesTransport;

/**
 * The remote's half of {@link NameTransport}: it reads the host's address from this page's own {@code window.name}
 * (the host named the frame before this page loaded, and the name survives reloads), takes the host's writes from
 * its mailbox, and writes to the host through new frames of the host's proxy page, each write telling this page's
 * own proxy page.
 *
 * <p>A frame goes out only to a proxy of its target origin, as a browser delivers a {@code postMessage} only to its
 * target origin; frames are passed up as from the host proxy's origin, which the origin check compares with
 * {@code allowedOrigins}.
 */
final class NameRemote implements HalvesTransport.End {
    private final Platform platform;
    private final DebugLog log;
    private final String ownProxy;
    private final NamedFrames writer;
    private final PinnedProxies pins;
    private final boolean trustAncestors;
    private String rendezvous;
    private String hostProxy;
    private String hostOrigin;
    private String id;
    private Cancellable mailbox;
    private boolean closed;

    NameRemote(TransportSetup setup) {
        this.platform = setup.platform();
        this.log = setup.log();
        this.ownProxy = setup.proxyUrl();
        this.writer = new NamedFrames(platform);
        this.pins = setup.hostProxies();
        this.trustAncestors = setup.trustsAncestors();
    }

    @Override
    public void open(TransportListener listener) {
        if (platform.parent() == null) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "kuayu.accept(...) must run in a page"
                    + " loaded in an iframe of the host page; this page has no parent window");
        }
        if (pins == null) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "window.name needs the accept options'"
                    + " host proxies to know where it may write");
        }
        rendezvous = platform.windowName();
        if (!readRendezvous(rendezvous)) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "this page's window.name carries no host"
                    + " address: over window.name the host must create this frame itself (kuayu.connect with remote"
                    + " and transport \"name\" or \"auto\"), which names it before this page loads");
        }
        final TransportListener up = listener;
        mailbox = platform.exposeMailbox(NameTransport.REMOTE_MAILBOX_PREFIX + id, new TextListener() {
            @Override
            public void onText(String text) {
                if (closed) {
                    return;
                }
                List<String> frames = NamedFrames.unbatch(text);
                if (frames == null) {
                    log.log("ignored a batch of frames that does not add up");
                    return;
                }
                for (String frame : frames) {
                    if (closed) {
                        return;
                    }
                    if (WireCodec.isKuayuFrame(frame)) {
                        up.onFrame(frame, hostOrigin, null);
                    } else {
                        log.log("ignored a call of the window.name mailbox that is not a Kuayu frame");
                    }
                }
            }
        });
        // The host writes only once it knows this page's proxy page: tell it now, whatever the stack sends first
        // (its HEL goes only to an allowed origin; a host this page refuses must still hear the REJ).
        writer.write(hostProxy, envelopeHead(), "");
    }

    /** What every write to the host starts with: its mailbox, and this page's proxy page for the answers. */
    private String envelopeHead() {
        return NameTransport.HOST_MAILBOX_PREFIX + id + ":" + NameTransport.ENVELOPE_PREFIX + ownProxy + "|";
    }

    /** {@code kuayu-name:<32 hex>:<host proxy URL>}; false when the name is anything else. */
    private boolean readRendezvous(String name) {
        if (!name.startsWith(NameTransport.RENDEZVOUS_PREFIX)) {
            return false;
        }
        int start = NameTransport.RENDEZVOUS_PREFIX.length();
        int colon = name.indexOf(':', start);
        String candidate = colon < 0 ? "" : name.substring(start, colon);
        String proxy = colon < 0 ? "" : name.substring(colon + 1);
        Origin origin = proxy.length() > NameTransport.MAX_PROXY_URL_LENGTH || proxy.indexOf('#') >= 0 ? null
                : Origin.tryParse(proxy);
        if (!NameTransport.isId(candidate) || origin == null || !origin.scheme().startsWith("http")) {
            log.log("ignored a window.name that is not a host's address (" + name.length() + " characters)");
            return false;
        }
        if (!pins.admits(proxy)) {
            throw refused(proxy, "not one of the host proxies this page writes to " + pins.describe()
                    + " (hostProxies)");
        }
        String refusal = trustAncestors ? null
                : Ancestors.remoteRefusal(platform.ancestorOrigins(), origin.toString(), pins);
        if (refusal != null) {
            throw refused(proxy, refusal);
        }
        id = candidate;
        hostProxy = proxy;
        hostOrigin = origin.toString();
        return true;
    }

    private KuayuException refused(String proxy, String why) {
        String text = "refused the host address " + proxy + ": " + why;
        log.log(text);
        return new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, text);
    }

    @Override
    public void send(String text, String targetOrigin) {
        if (closed) {
            return;
        }
        if (!"*".equals(targetOrigin) && !targetOrigin.equals(hostOrigin)) {
            log.log("dropped a frame for " + targetOrigin + ": the host's proxy page is on " + hostOrigin);
            return;
        }
        writer.write(hostProxy, envelopeHead(), text);
    }

    @Override
    public boolean canReach(String targetOrigin) {
        return "*".equals(targetOrigin) || targetOrigin.equals(hostOrigin);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close(NameTransport.FRAME_REMOVAL_DELAY_MILLIS);
        if (mailbox != null) {
            mailbox.cancel();
        }
        // The address is no data, but the next page this frame shows has no use for it.
        if (rendezvous != null && rendezvous.equals(platform.windowName())) {
            platform.setWindowName("");
        }
    }
}
