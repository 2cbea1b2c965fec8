package org.kuayu.iframe.domain;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.stack.TransportListener;

/**
 * The host side of {@link DomainTransport}'s delivery: frames go, in order, into the remote page's mailbox once
 * that page has relaxed and exposed it; until then they wait and are tried again every {@value #RETRY_MILLIS} ms.
 * A remote page that loaded and stays out of reach for {@value DomainTransport#UNREACHABLE_MILLIS} ms fails the
 * channel with TRANSPORT_UNAVAILABLE, saying what the remote page needs.
 */
final class HostDelivery {
    /** How often a frame the remote page could not take yet is tried again. */
    static final int RETRY_MILLIS = 50;

    private final Platform platform;
    private final DebugLog log;
    private final FrameHandle frame;
    private final String replyMailbox;
    private final TransportListener listener;
    private final List<String> pending = new ArrayList<String>();
    private Cancellable retry;
    private double loadedAt = -1;
    private boolean waitLogged;
    private boolean closed;

    HostDelivery(Platform platform, DebugLog log, FrameHandle frame, String replyMailbox,
            TransportListener listener) {
        this.platform = platform;
        this.log = log;
        this.frame = frame;
        this.replyMailbox = replyMailbox;
        this.listener = listener;
    }

    /** The frame shows a (new) document: the wait for it to become reachable starts now. */
    void loaded() {
        loadedAt = platform.now();
    }

    void send(String text) {
        pending.add(text);
        flush();
    }

    /** Delivers what is pending, in order; what the remote cannot take yet is tried again. */
    void flush() {
        if (closed) {
            return;
        }
        WindowHandle target = frame.window();
        while (!pending.isEmpty() && target != null && target.callMailbox(DomainTransport.REMOTE_MAILBOX,
                platform.join(replyMailbox + " ", pending.get(0)))) {
            pending.remove(0);
        }
        if (pending.isEmpty()) {
            waitLogged = false;
            return;
        }
        if (retry != null) {
            return;
        }
        if (loadedAt >= 0 && platform.now() - loadedAt > DomainTransport.UNREACHABLE_MILLIS) {
            pending.clear();
            listener.onFailed(ErrorCode.TRANSPORT_UNAVAILABLE, "the remote page loaded but this page still cannot"
                    + " script it after " + DomainTransport.UNREACHABLE_MILLIS + " ms: the remote page must call"
                    + " kuayu.accept with transport \"domain\", and its browser must honour document.domain there"
                    + " (serve it with the response header Origin-Agent-Cluster: ?0, as this page)");
            return;
        }
        if (!waitLogged) {
            waitLogged = true;
            log.log("the remote page cannot take frames yet; trying again every " + RETRY_MILLIS + " ms");
        }
        retry = platform.schedule(RETRY_MILLIS, new Runnable() {
            @Override
            public void run() {
                retry = null;
                flush();
            }
        });
    }

    void close() {
        closed = true;
        pending.clear();
        if (retry != null) {
            retry.cancel();
        }
    }
}
