package org.kuayu.iframe.hash;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.iframe.HalvesTransport;
import org.kuayu.iframe.MessengerFrame;

/**
 * The remote's half of {@link HashTransport}: it reads the frames the host writes into this page's fragment, and
 * writes its own into the fragment of a hidden messenger frame showing the host's proxy page, created at the first
 * frame and then navigated with fragment changes only.
 *
 * <p>The host's return address comes with every frame; until the first one came this page can reach nobody
 * ({@link #canReach} is false, so its {@code HEL} is dropped before it takes a sequence number: the host writes first
 * anyway). A frame goes out only to a proxy of its target origin, as a browser delivers a {@code postMessage} only to
 * its target origin.
 */
final class HashRemote implements HalvesTransport.End {
    private final Platform platform;
    private final DebugLog log;
    private final HashWriter writer;
    private final MessengerFrame messenger;
    private TransportListener listener;
    private Cancellable hashListener;
    private Cancellable poll;
    private Cancellable firstRead;
    private String lastHash = "";
    private String proxyUrl;
    private String proxyOrigin;
    private String hostMailbox;
    private boolean closed;

    HashRemote(TransportSetup setup) {
        this.platform = setup.platform();
        this.log = setup.log();
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
        hashListener = platform.listenHashChange(new Runnable() {
            @Override
            public void run() {
                read();
            }
        });
        if (hashListener == null) {
            schedulePoll();
        }
        // A fragment the page was loaded with (a reload keeps it) is read once the stack above has started.
        firstRead = platform.schedule(0, new Runnable() {
            @Override
            public void run() {
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
                || !WireCodec.isKuayuFrame(frame)) {
            log.log("ignored a fragment that is not a host's frame (" + hash.length() + " characters)");
            return;
        }
        proxyUrl = proxy;
        proxyOrigin = origin.toString();
        hostMailbox = mailbox;
        listener.onFrame(frame, proxyOrigin, null);
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

    /** Only once a host wrote (its address came with it), and only to the origin of its proxy page. */
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
