package org.kuayu.iframe.hash;

import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.FrameCost;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.iframe.HalvesTransport;

/**
 * The location.hash transport, for browsers or pages where postMessage is not an option: the host writes frames into
 * the remote frame's URL fragment, and the remote writes its answers into the fragment of a frame of its own that
 * shows the host origin's helper page ({@code proxy.html}), which hands them to the host page (the classic
 * a.html, b.html, c.html with {@code parent.parent}).
 *
 * <pre>
 * host to remote   &lt;remote URL&gt;#&lt;mailbox&gt;:&lt;proxy URL, encoded with ':'&gt;:&lt;frame&gt;   location.replace of the remote frame
 * remote to host   &lt;proxy URL&gt;#&lt;mailbox&gt;:&lt;frame&gt;                                 the remote's hidden messenger frame
 * </pre>
 * Every field is percent-encoded as UTF-8 ({@link HashCodec}); {@code <mailbox>} is {@value #MAILBOX_PREFIX} and 32 hex
 * digits, the host channel's function that proxy.html calls on {@code parent.parent}.
 *
 * <ol>
 * <li>Requirement: the remote can answer before it has heard anything else. Protocol: every host write carries the
 * host's return address (mailbox and proxy URL); the remote answers to the latest, and holds what it sends until the
 * first one comes (its {@code HEL}).</li>
 * <li>Requirement: the proxy page is the host's own. Protocol: {@code connect} refuses a proxy URL of another origin;
 * the remote passes frames up as from the proxy URL's origin, which the origin check compares with
 * {@code allowedOrigins}. That claim is sound for delivery (only that origin's page can call the host's mailbox),
 * not for the sender: anyone allowed to navigate the remote frame can write a fragment, so the stack adds per-channel
 * secrets ({@code seesSenderOrigin()} is false). The remote writes a frame only to a proxy of its target origin.</li>
 * <li>Requirement: every URL stays under 2,000 characters. Protocol: frames are measured by their encoded cost
 * ({@link #frameCost()}) and cut to {@link #maxFrameLength()}: what {@value #MAX_URL_LENGTH} characters leave after
 * the prefix, computed from the real URLs on the host and from a proxy URL of at most
 * {@value #MAX_PROXY_URL_LENGTH} characters on the remote.</li>
 * <li>Requirement: a fragment may be replaced before it is read. Protocol: reliable delivery with a window of 1, and
 * writes paced by {@link HashWriter} (never two in a task, under the browser's navigation limit, each one a change).</li>
 * <li>Requirement: no history entries, no console noise. Protocol: {@code location.replace} only; the receiver reads
 * on {@code hashchange} (polling every {@value #POLL_MILLIS} ms without it) and ignores fragments not its own.</li>
 * </ol>
 *
 * <pre>{@code
 * Kuayu.connect(platform, ConnectOptions.builder().remote("http://www.domain2.localhost:8082/remote.html")
 *         .proxy("/kuayu/proxy.html").transport(HashTransport.FACTORY).build());
 * }</pre>
 */
public final class HashTransport extends HalvesTransport {
    /** The transport's name, as users force it. */
    public static final String NAME = "hash";
    /** The start of a host channel's mailbox name. */
    public static final String MAILBOX_PREFIX = "__kuayu_hash_";
    /** The longest URL written: under 2,000 characters, the classic limit of old browsers and proxies. */
    public static final int MAX_URL_LENGTH = 1999;
    /** The longest proxy URL a host may give, so that a remote knows its limit before it learns the URL. */
    public static final int MAX_PROXY_URL_LENGTH = 512;
    /** How often a page without {@code hashchange} reads its fragment. */
    public static final int POLL_MILLIS = 25;
    /**
     * How long frames this transport created outlive it, so that the last write (a {@code CLS}, written up to a
     * writer's gap late) is still read and handled; longer than postMessage's 100 ms, as a fragment takes more steps.
     */
    public static final int FRAME_REMOVAL_DELAY_MILLIS = 500;
    static final int MAILBOX_LENGTH = MAILBOX_PREFIX.length() + 32;
    /** What {@link HashWriter}'s alternate first character ({@code %6B} for {@code k}) adds to a URL. */
    static final int MARKER_LENGTH = 2;
    static final int REMOTE_MAX_FRAME_LENGTH = MAX_URL_LENGTH - MAX_PROXY_URL_LENGTH - MAILBOX_LENGTH - 2
            - MARKER_LENGTH;
    /** The least room for frames a host accepts; less would cut every message into crumbs. */
    static final int MIN_FRAME_LENGTH = 512;

    /** Makes location.hash transports; every browser has one (polled where {@code hashchange} is missing). */
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
            return HashTransport.create(setup);
        }
    };

    private final int maxFrameLength;

    private HashTransport(End end, int maxFrameLength) {
        super(end);
        this.maxFrameLength = maxFrameLength;
    }

    private static HashTransport create(TransportSetup setup) {
        if (setup.role() == Role.REMOTE) {
            return new HashTransport(new HashRemote(setup), REMOTE_MAX_FRAME_LENGTH);
        }
        String proxy = setup.proxyUrl();
        if (proxy == null) {
            throw invalid("location.hash brings frames back through Kuayu's helper page on this page's own origin:"
                    + " give its URL with proxy(...) (the proxy option in JS), e.g. \"/kuayu/proxy.html\"");
        }
        if (proxy.length() > MAX_PROXY_URL_LENGTH || proxy.indexOf('#') >= 0) {
            throw invalid("the proxy URL must have at most " + MAX_PROXY_URL_LENGTH + " characters and no fragment: "
                    + proxy);
        }
        String remoteUrl = setup.remoteUrl() != null ? setup.remoteUrl()
                : setup.platform().resolveUrl(setup.frame().src());
        String remoteBase = remoteUrl.indexOf('#') < 0 ? remoteUrl : remoteUrl.substring(0, remoteUrl.indexOf('#'));
        String mailbox = MAILBOX_PREFIX + setup.platform().randomId();
        String prefix = remoteBase + "#" + mailbox + ":" + HashCodec.encode(proxy, true) + ":";
        int maxFrameLength = MAX_URL_LENGTH - prefix.length() - MARKER_LENGTH;
        if (maxFrameLength < MIN_FRAME_LENGTH) {
            throw invalid("the remote page's URL (" + remoteBase.length() + " characters) and the proxy's leave "
                    + maxFrameLength + " of the " + MAX_URL_LENGTH + " characters a location.hash URL may have;"
                    + " give shorter URLs");
        }
        return new HashTransport(new HashHost(setup, Origin.parse(remoteBase).toString(), mailbox, prefix),
                maxFrameLength);
    }

    private static KuayuException invalid(String message) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, message);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** 1: a new fragment replaces one the peer has not read yet. */
    @Override
    public int reliableWindow() {
        return 1;
    }

    @Override
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public FrameCost frameCost() {
        return HashCodec.COST;
    }

}
