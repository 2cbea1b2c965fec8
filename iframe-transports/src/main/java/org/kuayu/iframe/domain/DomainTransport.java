package org.kuayu.iframe.domain;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.TextListener;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.stack.FrameRemoval;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;

/**
 * The document.domain transport: two pages of one parent domain (say {@code www.domain.localhost} and
 * {@code child.domain.localhost}) both set {@code document.domain} to it, after which each may script the other,
 * and frames travel as calls of a function (a mailbox) in the other page.
 *
 * <ol>
 * <li>Requirement: both pages relax to the same domain. Protocol: the host relaxes to the common parent of its and
 *     the remote URL's host ({@link ParentDomain}); the remote to the common parent of its host and its parent's
 *     origin ({@code parentOriginHint}).</li>
 * <li>Requirement: say so when the browser refuses. Protocol: each side reads {@code document.domain} back; when
 *     the setter was ignored (an origin-keyed agent cluster: Chromium on {@code *.localhost}, on https and by
 *     default since version 115) the channel fails with TRANSPORT_UNAVAILABLE naming the header
 *     {@code Origin-Agent-Cluster: ?0}. The host also fails so when the remote page, loaded, stays out of reach for
 *     {@value #UNREACHABLE_MILLIS} ms (it did not relax).</li>
 * <li>Requirement: frames reach the right page and only it. Protocol: the remote exposes the mailbox
 *     {@value #REMOTE_MAILBOX}; the host one named {@value #HOST_MAILBOX_PREFIX} plus 128 random bits, which it
 *     sends with every frame as {@code mailbox + " " + frame}, so the remote answers there. Each side calls only
 *     the window it expects: the host its frame's window, the remote its parent.</li>
 * <li>Requirement: the origin above is the real one. Protocol: a frame is passed up with the peer window's own
 *     {@code location.origin}, read when it arrives (readable only because both relaxed); the origin behaviour
 *     checks it. What a relaxed domain cannot give: any page of the parent domain that also relaxes may script
 *     both pages, mailboxes included; use it only among sites you trust alike.</li>
 * <li>Requirement: asynchronous delivery. Protocol: a mailbox delivers in a later task of its own page.</li>
 * </ol>
 *
 * <pre>{@code
 * ConnectOptions.builder().remote("http://child.domain.localhost:8086/remote.html")
 *         .transport(DomainTransport.FACTORY).build();
 * }</pre>
 */
public final class DomainTransport implements Transport {
    /** The transport's name, as users force it. */
    public static final String NAME = "domain";
    /** The remote page's mailbox. */
    public static final String REMOTE_MAILBOX = "__kuayu_domain";
    /** The start of a host channel's mailbox name. */
    public static final String HOST_MAILBOX_PREFIX = "__kuayu_domain_";
    /** How long a loaded remote page may stay out of reach before the host gives up. */
    public static final int UNREACHABLE_MILLIS = 3000;

    /** Makes document.domain transports. */
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
            return new DomainTransport(setup);
        }
    };

    private final TransportSetup setup;
    private final Platform platform;
    private final DebugLog log;
    private TransportListener listener;
    private String mailbox;
    private Cancellable mailboxRegistration;
    private String hostMailbox;
    private FrameHandle frame;
    private boolean ownsFrame;
    private Cancellable loadListener;
    private Cancellable removalListener;
    private HostDelivery delivery;
    private boolean closed;

    private DomainTransport(TransportSetup setup) {
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

    @Override
    public int maxFrameLength() {
        return 0;
    }

    /** 0: a call of the other page's mailbox neither loses nor reorders frames. */
    @Override
    public int reliableWindow() {
        return 0;
    }

    @Override
    public boolean isRequestOnly() {
        return false;
    }

    @Override
    public void open(TransportListener newListener) {
        listener = newListener;
        boolean host = setup.role() == Role.HOST;
        if (!host && platform.parent() == null) {
            throw new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "kuayu.accept(...) must run in a page"
                    + " loaded in an iframe of the host page; this page has no parent window");
        }
        String refusal = ParentDomain.relax(platform, Origin.tryParse(platform.selfOrigin()),
                Origin.tryParse(host ? remoteUrl() : platform.parentOriginHint()));
        if (refusal != null) {
            failLater(refusal);
        }
        mailbox = host ? HOST_MAILBOX_PREFIX + platform.randomId() : REMOTE_MAILBOX;
        mailboxRegistration = platform.exposeMailbox(mailbox, new TextListener() {
            @Override
            public void onText(String text) {
                receive(text);
            }
        });
        if (host) {
            ownsFrame = setup.frame() == null;
            frame = ownsFrame ? platform.createFrame(setup.remoteUrl(), true) : setup.frame();
            delivery = new HostDelivery(platform, log, frame, mailbox, listener);
            if (!ownsFrame && frame.documentOrigin() == null) {
                // A given frame may hold its page already, loaded before this channel could hear the load: a
                // document this page cannot script counts as loaded now, so that it too is given up on in time.
                delivery.loaded();
            }
            loadListener = frame.onLoad(new Runnable() {
                @Override
                public void run() {
                    delivery.loaded();
                    listener.onRemoteLoaded();
                    delivery.flush();
                }
            });
            removalListener = FrameRemoval.watch(frame, listener);
        }
    }

    private String remoteUrl() {
        return setup.remoteUrl() != null ? setup.remoteUrl() : platform.resolveUrl(setup.frame().src());
    }

    private void failLater(final String message) {
        platform.schedule(0, new Runnable() {
            @Override
            public void run() {
                if (!closed) {
                    listener.onFailed(ErrorCode.TRANSPORT_UNAVAILABLE, message);
                }
            }
        });
    }

    private void receive(String text) {
        if (closed) {
            return;
        }
        String frameText = text;
        if (setup.role() == Role.REMOTE) {
            int space = text.indexOf(' ');
            if (space <= 0 || !text.startsWith(HOST_MAILBOX_PREFIX)) {
                log.log("ignored a call of the document.domain mailbox that is not a host's frame");
                return;
            }
            hostMailbox = text.substring(0, space);
            frameText = text.substring(space + 1);
        }
        WindowHandle peer = peerWindow();
        String origin = peer == null ? null : peer.scriptableOrigin();
        if (origin == null) {
            log.log("ignored a frame: the " + (setup.role() == Role.HOST ? "remote frame" : "parent window")
                    + " cannot be scripted, so its origin is unknown");
            return;
        }
        listener.onFrame(frameText, origin, null);
    }

    private WindowHandle peerWindow() {
        return setup.role() == Role.HOST ? frame.window() : platform.parent();
    }

    @Override
    public void send(String text, String targetOrigin) {
        if (closed) {
            return;
        }
        if (setup.role() == Role.REMOTE) {
            if (hostMailbox == null || !platform.parent().callMailbox(hostMailbox, text)) {
                log.log("dropped a frame: no host channel has reached this page yet (the host sends first)");
            }
            return;
        }
        delivery.send(text);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (delivery != null) {
            delivery.close();
        }
        if (loadListener != null) {
            loadListener.cancel();
        }
        if (removalListener != null) {
            removalListener.cancel();
        }
        if (mailboxRegistration != null) {
            mailboxRegistration.cancel();
        }
        if (ownsFrame && frame != null) {
            final FrameHandle f = frame;
            platform.schedule(100, new Runnable() {
                @Override
                public void run() {
                    f.remove();
                }
            });
        }
    }
}
