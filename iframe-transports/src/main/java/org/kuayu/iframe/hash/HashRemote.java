package org.kuayu.iframe.hash;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.PinnedProxies;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.iframe.Ancestors;
import org.kuayu.iframe.HalvesTransport;
import org.kuayu.iframe.MessengerFrame;

/**
 * The remote's half of {@link HashTransport}: it reads the frames the host writes into this page's fragment, and
 * writes its own into the fragment of a hidden messenger frame showing the host's proxy page, created at the first
 * frame and then navigated with fragment changes only.
 *
 * <p>The host's return address (its mailbox and proxy URL) comes with every frame, and with the URL the host loads
 * this page at. It is taken only when the proxy URL is pinned ({@link PinnedProxies}: exactly one of the host proxy
 * pages this page may write to) and the parent page is of that URL's origin; anything else is refused with a debug
 * line, before anything is written. Until the handshake binds the channel ({@link #bindPeer}), the latest such
 * address is where the remote's {@code HEL} goes (it carries no secret); from then on only frames naming the bound
 * address are read, and the remote writes nowhere else. Until an address came this page can reach nobody
 * ({@link #canReach} is false, so its {@code HEL} is dropped before it takes a sequence number); the first address
 * to come is reported as {@code onRemoteLoaded}, on which the handshake announces itself again.
 */
final class HashRemote implements HalvesTransport.End {
    private final Platform platform;
    private final DebugLog log;
    private final PinnedProxies pins;
    private final boolean trustAncestors;
    private final HashWriter writer;
    private final MessengerFrame messenger;
    private TransportListener listener;
    private Cancellable hashListener;
    private Cancellable poll;
    private Cancellable firstRead;
    private String[] ancestors;
    private String lastHash = "";
    private String proxyUrl;
    private String proxyOrigin;
    private String hostMailbox;
    private boolean bound;
    private boolean started;
    private boolean closed;

    HashRemote(TransportSetup setup) {
        this.platform = setup.platform();
        this.log = setup.log();
        this.pins = setup.hostProxies();
        this.trustAncestors = setup.trustsAncestors();
        this.writer = new HashWriter(platform, log, new HashWriter.Target() {
            @Override
            public boolean navigate(String url) {
                boolean navigated = messenger.navigate(url);
                if (messenger.isLoading()) {
                    // The frame is new, or shows another proxy page now: the next fragment waits for the load.
                    writer.hold();
                }
                return navigated;
            }
        });
        this.messenger = new MessengerFrame(platform, new Runnable() {
            @Override
            public void run() {
                writer.resume();
            }
        });
    }

    @Override
    public void open(TransportListener newListener) {
        listener = newListener;
        if (platform.parent() == null) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "kuayu.accept(...) must run in a page"
                    + " loaded in an iframe of the host page; this page has no parent window");
        }
        if (pins == null) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "location.hash needs the accept options'"
                    + " host proxies to know where it may write");
        }
        ancestors = platform.ancestorOrigins();
        hashListener = platform.listenHashChange(new Runnable() {
            @Override
            public void run() {
                read();
            }
        });
        if (hashListener == null) {
            schedulePoll();
        }
        // The address the page was loaded with (the host puts it in the URL; a reload keeps it) is taken now, so
        // that the handshake's HEL reaches the host; a frame in that fragment is passed up once the stack started.
        read();
        firstRead = platform.schedule(0, new Runnable() {
            @Override
            public void run() {
                started = true;
                lastHash = "";
                read();
            }
        });
    }

    private void schedulePoll() {
        poll = platform.schedule(HashTransport.POLL_MILLIS, new Runnable() {
            @Override
            public void run() {
                read();
                if (!closed) {
                    schedulePoll();
                }
            }
        });
    }

    /** Reads this page's fragment: a new host write is passed up, anything else left alone. */
    private void read() {
        String hash = platform.locationHash();
        if (closed || hash.equals(lastHash) || !hash.startsWith(HashTransport.MAILBOX_PREFIX)) {
            return;
        }
        lastHash = hash;
        int first = hash.indexOf(':');
        int second = first < 0 ? -1 : hash.indexOf(':', first + 1);
        String mailbox = first < 0 ? "" : hash.substring(0, first);
        String proxy = second < 0 ? null : HashCodec.decode(hash.substring(first + 1, second));
        String frame = second < 0 ? null : HashCodec.decode(hash.substring(second + 1));
        Origin origin = proxy == null || proxy.length() > HashTransport.MAX_PROXY_URL_LENGTH
                || proxy.indexOf('#') >= 0 ? null : Origin.tryParse(proxy);
        if (!isMailbox(mailbox) || origin == null || !origin.scheme().startsWith("http") || frame == null
                || !frame.isEmpty() && !WireCodec.isKuayuFrame(frame)) {
            log.log("ignored a fragment that is not a host's frame (" + hash.length() + " characters)");
            return;
        }
        if (!takeAddress(proxy, origin.toString(), mailbox)) {
            return;
        }
        if (!started) {
            return;
        }
        if (!frame.isEmpty()) {
            listener.onFrame(frame, proxyOrigin, null);
        }
    }

    /** Takes the address a fragment names, if this page may write there; false (and a debug line) if not. */
    private boolean takeAddress(String proxy, String origin, String mailbox) {
        if (bound) {
            if (proxy.equals(proxyUrl) && mailbox.equals(hostMailbox)) {
                return true;
            }
            log.log("ignored a fragment naming another return address than the bound host's: " + proxy);
            return false;
        }
        if (!pins.admits(proxy)) {
            log.log("refused the return address " + proxy + ": not one of the host proxies this page writes to "
                    + pins.describe() + " (hostProxies)");
            return false;
        }
        String refusal = trustAncestors ? null : Ancestors.remoteRefusal(ancestors, origin, pins);
        if (refusal != null) {
            log.log("refused the return address " + proxy + ": " + refusal);
            return false;
        }
        boolean firstAddress = proxyUrl == null;
        proxyUrl = proxy;
        proxyOrigin = origin;
        hostMailbox = mailbox;
        if (firstAddress && started) {
            // A page that learns its first address now (its URL carried none) announces itself.
            listener.onRemoteLoaded();
        }
        return true;
    }

    private static boolean isMailbox(String name) {
        if (name.length() != HashTransport.MAILBOX_LENGTH) {
            return false;
        }
        for (int i = HashTransport.MAILBOX_PREFIX.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The address of the frame being delivered is the channel's from now on. */
    @Override
    public void bindPeer() {
        if (proxyUrl != null && !bound) {
            bound = true;
            log.log("bound to the return address " + proxyUrl);
        }
    }

    @Override
    public void send(String text, String targetOrigin) {
        if (closed) {
            return;
        }
        if (proxyOrigin == null) {
            log.log("dropped a frame: no host has written to this page yet (the host writes first)");
        } else if (!"*".equals(targetOrigin) && !targetOrigin.equals(proxyOrigin)) {
            log.log("dropped a frame for " + targetOrigin + ": the host's proxy page is on " + proxyOrigin);
        } else {
            writer.write(proxyUrl + "#" + hostMailbox + ":", HashCodec.encode(text, false));
        }
    }

    /** Only once a host's address came, and only to the origin of its proxy page. */
    @Override
    public boolean canReach(String targetOrigin) {
        return proxyOrigin != null && ("*".equals(targetOrigin) || targetOrigin.equals(proxyOrigin));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        if (hashListener != null) {
            hashListener.cancel();
        }
        if (poll != null) {
            poll.cancel();
        }
        if (firstRead != null) {
            firstRead.cancel();
        }
        if (platform.locationHash().startsWith(HashTransport.MAILBOX_PREFIX)) {
            platform.clearLocationHash();
        }
        messenger.close(HashTransport.FRAME_REMOVAL_DELAY_MILLIS);
    }
}
