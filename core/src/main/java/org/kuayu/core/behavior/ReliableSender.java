package org.kuayu.core.behavior;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;

/**
 * The sending half of {@link ReliableBehavior}: numbers frames, keeps at most a window of them in flight, sends
 * again what is not acknowledged in time (the wait doubling up to a cap), and gives up when a frame is too old.
 *
 * <p>The window is a range of sequence numbers, not a count: a frame is sent only when its number is below the
 * oldest unacknowledged one plus the window, so the receiver never holds more than a window out of order.
 * One platform timer, armed for the earliest deadline of the frames in flight, drives retransmission.
 */
final class ReliableSender {
    private final Platform platform;
    private final ReliableOptions options;
    private final ReliableBehavior owner;
    private final ArrayDeque<Message> waiting = new ArrayDeque<Message>();
    /** In sequence order. */
    private final List<InFlight> inFlight = new ArrayList<InFlight>();
    private int generation;
    private int nextSeq = 1;
    private boolean peerKnown;
    private Cancellable timer;
    private double timerDue;

    ReliableSender(Platform platform, ReliableOptions options, ReliableBehavior owner) {
        this.platform = platform;
        this.options = options;
        this.owner = owner;
    }

    /** Queues a wire frame (with its target origin) and sends it as soon as the window allows. */
    void send(Message m, Link link) {
        waiting.add(m);
        pump(link);
    }

    /**
     * The peer page was heard from for the first time: from now on frames can fail. Those already in flight start
     * their give-up clock now, and are sent again soon, since the peer may only just have started listening.
     */
    void contact(Link link) {
        peerKnown = true;
        double now = platform.now();
        for (InFlight f : inFlight) {
            f.first = now;
            f.attempts = 1;
            f.due = Math.min(f.due, now + options.retransmitMillis());
        }
        arm(link);
    }

    /** The receipt of stream {@code gen}: every frame up to {@code cumulative}, and those in {@code ranges}. */
    void acknowledged(int gen, int cumulative, int[] ranges, Link link) {
        if (gen != generation) {
            return;
        }
        if (cumulative >= nextSeq) {
            owner.garbage("an acknowledgement of frame #" + cumulative + ", which was never sent");
            return;
        }
        for (int i = inFlight.size() - 1; i >= 0; i--) {
            int seq = inFlight.get(i).seq;
            if (seq <= cumulative || inRanges(seq, ranges)) {
                inFlight.remove(i);
            }
        }
        pump(link);
    }

    /**
     * This page closes the channel and the stack stops right after: every frame waiting (the last of them the
     * channel's {@code CLS}) is sent now, in order, whatever the window, numbered after those in flight; nothing would
     * send them later. They are not sent again: a close is best effort over a transport that loses frames.
     */
    void closing(Link link) {
        double now = platform.now();
        while (!waiting.isEmpty() && nextSeq <= ReliableBehavior.MAX_SEQ
                && generation <= ReliableBehavior.MAX_SEQ) {
            InFlight f = new InFlight(nextSeq, waiting.poll());
            nextSeq++;
            inFlight.add(f);
            transmit(f, now, link);
        }
        waiting.clear();
    }

    /** The peer is a new page: everything addressed to the old one is dropped and numbering starts again. */
    void restart() {
        stop();
        generation++;
        nextSeq = 1;
    }

    /** Frames not yet acknowledged (sent or waiting), for the debug log and tests. */
    int pendingCount() {
        return inFlight.size() + waiting.size();
    }

    void stop() {
        cancelTimer();
        waiting.clear();
        inFlight.clear();
    }

    private void pump(Link link) {
        int base = inFlight.isEmpty() ? nextSeq : inFlight.get(0).seq;
        while (!waiting.isEmpty() && nextSeq < base + options.window()) {
            if (nextSeq > ReliableBehavior.MAX_SEQ || generation > ReliableBehavior.MAX_SEQ) {
                owner.fail("sequence numbers are exhausted (a billion frames, or peer pages): connect again", link);
                return;
            }
            InFlight f = new InFlight(nextSeq, waiting.poll());
            nextSeq++;
            inFlight.add(f);
            transmit(f, platform.now(), link);
        }
        arm(link);
    }

    private void transmit(InFlight f, double now, Link link) {
        if (f.attempts == 0) {
            f.first = now;
        }
        f.attempts++;
        f.due = now + wait(f.attempts);
        if (peerKnown) {
            f.due = Math.min(f.due, f.first + options.giveUpMillis());
        }
        // Wrapped anew each time, so that it carries the latest receipt of the peer's stream.
        link.down(owner.sequenced(f.message, f.seq, generation));
    }

    /** The wait after the {@code attempts}-th sending: the first wait, doubled each time, at most the cap. */
    private int wait(int attempts) {
        int w = options.retransmitMillis();
        for (int i = 1; i < attempts && w < options.maxRetransmitMillis(); i++) {
            w = w > options.maxRetransmitMillis() - w ? options.maxRetransmitMillis() : w + w;
        }
        return Math.min(w, options.maxRetransmitMillis());
    }

    private void expired(Link link) {
        timer = null;
        double now = platform.now();
        for (InFlight f : new ArrayList<InFlight>(inFlight)) {
            if (f.due > now) {
                continue;
            }
            if (peerKnown && (f.attempts >= options.maxAttempts() || now - f.first >= options.giveUpMillis())) {
                owner.fail("no acknowledgement of frame #" + f.seq + " (" + f.message.body().length()
                        + " characters) after " + f.attempts + " sendings over " + (int) (now - f.first)
                        + " ms: the peer page is gone or the transport is blocked", link);
                return;
            }
            transmit(f, now, link);
        }
        arm(link);
    }

    /** Keeps one timer armed no later than the earliest deadline (a timer that fires early just re-arms). */
    private void arm(final Link link) {
        if (inFlight.isEmpty()) {
            cancelTimer();
            return;
        }
        double earliest = Double.MAX_VALUE;
        for (InFlight f : inFlight) {
            earliest = Math.min(earliest, f.due);
        }
        if (timer != null && timerDue <= earliest) {
            return;
        }
        cancelTimer();
        timerDue = earliest;
        timer = platform.schedule((int) Math.max(0, Math.ceil(earliest - platform.now())), new Runnable() {
            @Override
            public void run() {
                expired(link);
            }
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private static boolean inRanges(int seq, int[] ranges) {
        for (int i = 0; i + 1 < ranges.length; i += 2) {
            if (seq >= ranges[i] && seq <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static final class InFlight {
        final int seq;
        /** The frame from above, wrapped at each sending. */
        final Message message;
        int attempts;
        double first;
        double due;

        InFlight(int seq, Message message) {
            this.seq = seq;
            this.message = message;
        }
    }
}
