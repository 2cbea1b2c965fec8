package org.kuayu.iframe.hash;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;

/**
 * Writes URLs into one frame, in order, at the pace a browser takes them: {@link HashTransport}'s queue for one
 * direction. Each URL is a prefix ({@code <page>#<mailbox>:...:}) and an encoded frame, which starts with {@code k}.
 *
 * <ol>
 * <li>Never two writes in one task, and at least {@value #GAP_MILLIS} ms apart: a fragment the reader has not read
 * yet is replaced by the next one, and two navigations in one task give the reader only the second.</li>
 * <li>At most {@value #WRITES_PER_WINDOW} writes in any {@value #WINDOW_MILLIS} ms: Chromium ignores a frame's
 * navigations beyond 200 in 10 s (its {@code NavigationRateLimiter}, which warns in the console), and the frame's
 * own loads count too. The budget is spread, not spent and then waited for: the first {@value #BURST} writes of a
 * window go at the gap, and each later one waits its share of what is left of the window (the time until the
 * oldest write leaves it, over the writes still allowed), so that sustained traffic slows down smoothly to the
 * browser's rate instead of stalling for seconds, which a request's timeout would not survive.</li>
 * <li>Two writes in a row always differ, so that each is a fragment change that fires {@code hashchange}, even for the
 * same frame sent again: the frame's first character is written as {@code k} and {@code %6B} in turn, which decode
 * alike. The reader need not clear its fragment (a {@code history.replaceState}, which Chromium counts against the
 * same 200).</li>
 * <li>A frame already waiting is not queued twice (a retransmission of a frame not yet written).</li>
 * </ol>
 * The owner {@link #hold holds} the writer while the frame cannot take a fragment (not loaded yet) and
 * {@link #resume resumes} it.
 */
final class HashWriter {
    static final int GAP_MILLIS = 4;
    static final int WRITES_PER_WINDOW = 180;
    static final int WINDOW_MILLIS = 10500;
    /** Writes in a window that go at the gap; the rest are spread over what is left of the window. */
    static final int BURST = 60;

    /** Where the URLs go. */
    interface Target {
        /** Navigates the frame to {@code url}; false when it is gone. */
        boolean navigate(String url);
    }

    private final Platform platform;
    private final DebugLog log;
    private final Target target;
    private final List<String[]> queue = new ArrayList<String[]>();
    /**
     * The times of the latest writes, a ring of {@link #WRITES_PER_WINDOW}: {@code count} of them, the oldest at
     * {@code oldest}. Plain doubles: a boxed {@code Double} would pull the JRE's number formatting into the bundle.
     */
    private final double[] recent = new double[WRITES_PER_WINDOW];
    private int oldest;
    private int count;
    private boolean held;
    private boolean escaped;
    private boolean pacing;
    private Cancellable timer;
    private boolean closed;

    HashWriter(Platform platform, DebugLog log, Target target) {
        this.platform = platform;
        this.log = log;
        this.target = target;
    }

    /** Queues {@code prefix + encodedFrame} and writes what the pace allows. */
    void write(String prefix, String encodedFrame) {
        if (closed) {
            return;
        }
        for (String[] waiting : queue) {
            if (waiting[0].equals(prefix) && waiting[1].equals(encodedFrame)) {
                return;
            }
        }
        queue.add(new String[] {prefix, encodedFrame});
        flush();
    }

    /** The frame cannot take a fragment now (loading): writes wait for {@link #resume()}. */
    void hold() {
        held = true;
    }

    void resume() {
        held = false;
        flush();
    }

    /** URLs waiting (for tests and leak checks). */
    int waitingCount() {
        return queue.size();
    }

    /**
     * Stops for good. The URLs still waiting, the last frames of a closing channel (its {@code CLS} last), are still
     * written, in order, {@value #GAP_MILLIS} ms apart (the first now, or that long after the write before it if that
     * was just now), within the browser's limit: each would replace the one before it unread.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String[]> left = new ArrayList<String[]>();
        if (!held) {
            left.addAll(queue);
        }
        queue.clear();
        boolean justWrote = timer != null;
        cancelTimer();
        writeAfterClose(left, justWrote);
    }

    private void writeAfterClose(final List<String[]> left, boolean wait) {
        if (left.isEmpty() || !withinLimit()) {
            return;
        }
        if (!wait) {
            navigate(left.remove(0));
            if (left.isEmpty()) {
                return;
            }
        }
        timer = platform.schedule(GAP_MILLIS, new Runnable() {
            @Override
            public void run() {
                timer = null;
                writeAfterClose(left, false);
            }
        });
    }

    /** True when one more write stays within {@link #WRITES_PER_WINDOW} per {@link #WINDOW_MILLIS}. */
    private boolean withinLimit() {
        forgetOldWrites();
        return count < WRITES_PER_WINDOW;
    }

    /** Drops the writes that left the window. */
    private void forgetOldWrites() {
        double now = platform.now();
        while (count > 0 && recent[oldest] <= now - WINDOW_MILLIS) {
            oldest = (oldest + 1) % WRITES_PER_WINDOW;
            count--;
        }
    }

    private void flush() {
        if (closed || held || timer != null || queue.isEmpty()) {
            return;
        }
        if (!withinLimit()) {
            double now = platform.now();
            int wait = (int) Math.ceil(recent[oldest] + WINDOW_MILLIS - now);
            log.log("location.hash: " + WRITES_PER_WINDOW + " writes in " + WINDOW_MILLIS + " ms, the most a"
                    + " browser takes; the next of " + queue.size() + " waits " + wait + " ms");
            pause(wait);
            return;
        }
        navigate(queue.remove(0));
        pause(nextGap());
    }

    /**
     * The wait before the next write: the gap while fewer than {@link #BURST} writes are in the window, else the
     * window's time left over the writes it still allows.
     */
    private int nextGap() {
        forgetOldWrites();
        if (count < BURST) {
            pacing = false;
            return GAP_MILLIS;
        }
        if (!pacing) {
            pacing = true;
            log.log("location.hash: " + count + " writes in " + WINDOW_MILLIS + " ms; the next go at most "
                    + WRITES_PER_WINDOW + " per " + WINDOW_MILLIS + " ms, the most a browser takes");
        }
        double left = recent[oldest] + WINDOW_MILLIS - platform.now();
        return Math.max(GAP_MILLIS, (int) Math.ceil(left / (WRITES_PER_WINDOW - count + 1)));
    }

    private void navigate(String[] entry) {
        if (count == WRITES_PER_WINDOW) {
            oldest = (oldest + 1) % WRITES_PER_WINDOW;
            count--;
        }
        recent[(oldest + count) % WRITES_PER_WINDOW] = platform.now();
        count++;
        escaped = !escaped;
        String frame = escaped ? "%6B" + entry[1].substring(1) : entry[1];
        if (!target.navigate(platform.join(entry[0], frame))) {
            log.log("location.hash: dropped a frame, its target frame is gone");
        }
    }

    private void pause(int millis) {
        timer = platform.schedule(millis, new Runnable() {
            @Override
            public void run() {
                timer = null;
                flush();
            }
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
