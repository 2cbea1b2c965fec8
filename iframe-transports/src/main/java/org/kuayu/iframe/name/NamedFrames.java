package org.kuayu.iframe.name;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;

/**
 * The window.name writer of one side: each write goes in the {@code window.name} of a hidden frame of its own, which
 * loads the reading side's {@code proxy.html}; {@code proxy.js} there reads the name, empties it and hands the string
 * to the reader's mailbox. The frame is removed once it has loaded (the proxy page has run by then), or after
 * {@value #GIVE_UP_MILLIS} ms when it never loads.
 *
 * <p>At most {@value #PARALLEL} frames load at once. What is written meanwhile waits, and goes in one name when a frame
 * is done: a batch ({@link #BATCH_PREFIX}), up to {@value #MAX_BATCH_LENGTH} characters (a name carries megabytes), so
 * that a burst of frames costs a few frame loads instead of one each. A frame already waiting is not queued twice
 * (the reliable layer's copy of a frame not yet written).
 *
 * <p>A frame is never reused: once it shows the reader's page this side may not set its name any more, and
 * navigating it back first would cost a second load. Frames in flight load side by side, so they may arrive in any
 * order; the reliable layer above puts them back in order.
 *
 * <pre>{@code
 * NamedFrames out = new NamedFrames(platform);
 * out.write("http://a.example/kuayu/proxy.html", "__kuayu_name_<32 hex>:", frame);
 * out.close(500); // removes what is still in flight, half a second from now
 * }</pre>
 */
final class NamedFrames {
    /** How long a frame that never loads is kept: the reliable layer has sent its string again by then. */
    static final int GIVE_UP_MILLIS = 10000;
    /** Frames loading at once. */
    static final int PARALLEL = 2;
    /** The most characters of waiting frames joined into one name. */
    static final int MAX_BATCH_LENGTH = 1 << 21;
    /**
     * {@code kuayu-batch|<length>,<length>,...|<frame><frame>...}: several frames in one name, each length in UTF-16
     * units, in decimal. It starts with "kuayu", as proxy.js wants of what it hands over.
     */
    static final String BATCH_PREFIX = "kuayu-batch|";

    private final Platform platform;
    private final List<FrameHandle> inFlight = new ArrayList<FrameHandle>();
    /** Waiting writes: proxy URL, head, frame. */
    private final List<String[]> waiting = new ArrayList<String[]>();
    private boolean closed;

    NamedFrames(Platform platform) {
        this.platform = platform;
    }

    /**
     * Writes {@code head + frame} into a new hidden frame loading {@code proxyUrl}, now or, when {@value #PARALLEL}
     * frames are loading, batched with others of the same proxy and head once one of them is done.
     */
    void write(String proxyUrl, String head, String frame) {
        if (closed) {
            return;
        }
        for (String[] w : waiting) {
            if (w[2].equals(frame) && w[1].equals(head) && w[0].equals(proxyUrl)) {
                return;
            }
        }
        waiting.add(new String[] {proxyUrl, head, frame});
        flush(PARALLEL);
    }

    /** Writes what waits, batched, while fewer than {@code parallel} frames load. */
    private void flush(int parallel) {
        while (!closed && inFlight.size() < parallel && !waiting.isEmpty()) {
            String[] first = waiting.remove(0);
            List<String> frames = new ArrayList<String>();
            frames.add(first[2]);
            int length = first[2].length();
            for (int i = 0; i < waiting.size(); i++) {
                String[] w = waiting.get(i);
                if (w[0].equals(first[0]) && w[1].equals(first[1])
                        && length + w[2].length() <= MAX_BATCH_LENGTH) {
                    frames.add(w[2]);
                    length += w[2].length();
                    waiting.remove(i--);
                }
            }
            load(first[0], platform.join(first[1], frames.size() == 1 ? first[2] : batch(frames)));
        }
    }

    private void load(String proxyUrl, String name) {
        final FrameHandle frame = platform.createNamedFrame(proxyUrl, name);
        inFlight.add(frame);
        final Cancellable[] handles = new Cancellable[2];
        Runnable done = new Runnable() {
            @Override
            public void run() {
                handles[0].cancel();
                handles[1].cancel();
                if (inFlight.remove(frame)) {
                    frame.remove();
                    flush(PARALLEL);
                }
            }
        };
        handles[0] = frame.onLoad(done);
        handles[1] = platform.schedule(GIVE_UP_MILLIS, done);
    }

    /** {@link #BATCH_PREFIX} and the frames. */
    static String batch(List<String> frames) {
        StringBuilder lengths = new StringBuilder(BATCH_PREFIX);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                lengths.append(',');
            }
            lengths.append(frames.get(i).length());
            body.append(frames.get(i));
        }
        return lengths.append('|').append(body).toString();
    }

    /**
     * The frames of what a mailbox got: those of a batch, or the text itself; null for a batch that does not add up
     * (a forgery or a cut name), which the caller logs and drops whole.
     */
    static List<String> unbatch(String text) {
        List<String> frames = new ArrayList<String>();
        if (!text.startsWith(BATCH_PREFIX)) {
            frames.add(text);
            return frames;
        }
        int bar = text.indexOf('|', BATCH_PREFIX.length());
        if (bar < 0) {
            return null;
        }
        int at = bar + 1;
        int length = 0;
        boolean digits = false;
        for (int i = BATCH_PREFIX.length(); i <= bar; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && length <= MAX_BATCH_LENGTH) {
                length = length * 10 + (c - '0');
                digits = true;
                continue;
            }
            if ((c != ',' && c != '|') || !digits || length > text.length() - at) {
                return null;
            }
            frames.add(text.substring(at, at + length));
            at += length;
            length = 0;
            digits = false;
        }
        return at == text.length() ? frames : null;
    }

    /** The frames written and not yet loaded. */
    int inFlight() {
        return inFlight.size();
    }

    /** The frames waiting for one in flight to finish. */
    int waiting() {
        return waiting.size();
    }

    /**
     * Stops writing: what waits goes now, batched, whatever the number in flight (a closing side's last frames, its
     * {@code CLS} last); the frames in flight are removed {@code delayMillis} ms from now, so that they still arrive.
     */
    void close(int delayMillis) {
        if (closed) {
            return;
        }
        flush(Integer.MAX_VALUE);
        closed = true;
        final List<FrameHandle> left = new ArrayList<FrameHandle>(inFlight);
        inFlight.clear();
        waiting.clear();
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
