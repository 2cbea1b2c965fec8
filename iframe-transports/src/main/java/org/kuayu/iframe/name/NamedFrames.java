package org.kuayu.iframe.name;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;

/**
 * The window.name writer of one side: each string goes in the {@code window.name} of a hidden frame of its own, which
 * loads the reading side's {@code proxy.html}; {@code proxy.js} there reads the name, empties it and hands the string
 * to the reader's mailbox. The frame is removed once it has loaded (the proxy page has run by then), or after
 * {@value #GIVE_UP_MILLIS} ms when it never loads.
 *
 * <p>A frame is never reused: once it shows the reader's page this side may not set its name any more, and
 * navigating it back first would cost a second load. Frames in flight load side by side, so they may arrive in any
 * order; the reliable layer above puts them back in order.
 *
 * <pre>{@code
 * NamedFrames out = new NamedFrames(platform);
 * out.write("http://a.example/kuayu/proxy.html", "__kuayu_name_<32 hex>:" + frame);
 * out.close(); // removes what is still in flight
 * }</pre>
 */
final class NamedFrames {
    /** How long a frame that never loads is kept: the reliable layer has sent its string again by then. */
    static final int GIVE_UP_MILLIS = 10000;

    private final Platform platform;
    private final List<FrameHandle> inFlight = new ArrayList<FrameHandle>();
    private boolean closed;

    NamedFrames(Platform platform) {
        this.platform = platform;
    }

    /** Loads {@code proxyUrl} in a new hidden frame named {@code name}. */
    void write(String proxyUrl, String name) {
        if (closed) {
            return;
        }
        final FrameHandle frame = platform.createNamedFrame(proxyUrl, name);
        inFlight.add(frame);
        final Cancellable[] handles = new Cancellable[2];
        Runnable done = new Runnable() {
            @Override
            public void run() {
                handles[0].cancel();
                handles[1].cancel();
                inFlight.remove(frame);
                frame.remove();
            }
        };
        handles[0] = frame.onLoad(done);
        handles[1] = platform.schedule(GIVE_UP_MILLIS, done);
    }

    /** The frames written and not yet loaded. */
    int inFlight() {
        return inFlight.size();
    }

    /**
     * Stops writing; the frames in flight are removed {@code delayMillis} ms from now, so that the last strings
     * written (a {@code CLS}) still arrive.
     */
    void close(int delayMillis) {
        if (closed) {
            return;
        }
        closed = true;
        final List<FrameHandle> left = new ArrayList<FrameHandle>(inFlight);
        inFlight.clear();
        if (left.isEmpty()) {
            return;
        }
        platform.schedule(delayMillis, new Runnable() {
            @Override
            public void run() {
                for (FrameHandle f : left) {
                    f.remove();
                }
            }
        });
    }
}
