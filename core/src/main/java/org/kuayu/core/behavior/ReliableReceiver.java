package org.kuayu.core.behavior;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/**
 * The receiving half of {@link ReliableBehavior}: passes up each frame of the peer's stream once, in order, holding
 * at most {@value ReliableOptions#MAX_WINDOW} that came early, and acknowledges what it holds.
 *
 * <p>Acknowledgements are sent in a task of their own ({@code schedule(0)}), so a burst of frames arriving together
 * is answered by one {@code SAK}, or by none when a {@code SEQ} going out first carries the receipt
 * ({@link #piggyback()}). Every sequenced frame of the current stream is acknowledged, a copy too: the copy means
 * the earlier acknowledgement was lost.
 */
final class ReliableReceiver {
    /** The most ranges in one acknowledgement; the cumulative number stays exact, so fewer only cost retransmissions. */
    static final int MAX_RANGES = 16;

    private final Platform platform;
    private final ReliableOptions options;
    private final String incarnation;
    /**
     * The frames that came early, frame {@code seq} at {@code seq % MAX_WINDOW}: only {@code expected} to
     * {@code expected + MAX_WINDOW - 1} are held, so each has a slot of its own (a ring, smaller than a sorted map).
     */
    private Message[] held = new Message[ReliableOptions.MAX_WINDOW];
    private int heldCount;
    private int generation = -1;
    private int expected = 1;
    private Cancellable ackTimer;
    private String ackTarget;
    private boolean stopped;

    ReliableReceiver(Platform platform, ReliableOptions options, String incarnation) {
        this.platform = platform;
        this.options = options;
        this.incarnation = incarnation;
    }

    /**
     * Takes frame {@code seq} of the peer's stream {@code gen}; {@code target} is where the acknowledgement goes.
     * A higher generation means the peer started numbering again (it heard of this page's reload); a lower one is a
     * straggler of a stream it has left.
     */
    void receive(int gen, int seq, Message inner, String target, Link link) {
        if (gen < generation || stopped) {
            return;
        }
        if (gen > generation) {
            generation = gen;
            expected = 1;
            clearHeld();
        }
        if (seq >= expected && seq < expected + ReliableOptions.MAX_WINDOW && held[seq % held.length] == null) {
            held[seq % held.length] = inner;
            heldCount++;
        }
        ackTarget = target;
        scheduleAck(link);
        Message next;
        while ((next = held[expected % held.length]) != null) {
            held[expected % held.length] = null;
            heldCount--;
            expected++;
            link.up(next);
        }
    }

    /**
     * The receipt a {@code SEQ} going out now carries, {@code "g.c"}, or empty before any frame arrived. When it says
     * all a {@code SAK} would (nothing is held above it), the {@code SAK} due is not sent.
     */
    String piggyback() {
        if (generation < 0) {
            return "";
        }
        if (heldCount == 0 && ackTimer != null) {
            ackTimer.cancel();
            ackTimer = null;
        }
        return generation + "." + (expected - 1);
    }

    /** The peer is a new page: its stream starts from scratch. */
    void restart() {
        stop();
        stopped = false;
        generation = -1;
        expected = 1;
    }

    void stop() {
        stopped = true;
        clearHeld();
        if (ackTimer != null) {
            ackTimer.cancel();
            ackTimer = null;
        }
    }

    private void clearHeld() {
        if (heldCount > 0) {
            held = new Message[held.length];
            heldCount = 0;
        }
    }

    private void scheduleAck(final Link link) {
        if (ackTimer != null) {
            return;
        }
        ackTimer = platform.schedule(0, new Runnable() {
            @Override
            public void run() {
                ackTimer = null;
                link.down(acknowledgement());
            }
        });
    }

    /** {@code SAK}: all up to {@code expected - 1}, then the ranges held above it, as many as fit. */
    private Message acknowledgement() {
        String head = incarnation + "|" + generation + "|";
        int cumulative = expected - 1;
        int budget = options.maxFrameLength() == 0 ? Integer.MAX_VALUE : options.maxFrameLength()
                - WireCodec.header(new Message(MessageKind.SEQUENCE_ACK, "", cumulative, "")).length() - head.length();
        StringBuilder ranges = new StringBuilder();
        int count = 0;
        int from = -1;
        int to = -1;
        for (int seq = expected, left = heldCount; left > 0 && seq < expected + held.length; seq++) {
            if (held[seq % held.length] == null) {
                continue;
            }
            left--;
            if (from >= 0 && seq == to + 1) {
                to = seq;
                continue;
            }
            if (from >= 0 && !appendRange(ranges, from, to, budget, ++count)) {
                from = -1;
                break;
            }
            from = seq;
            to = seq;
        }
        if (from >= 0) {
            appendRange(ranges, from, to, budget, ++count);
        }
        return new Message(MessageKind.SEQUENCE_ACK, "", cumulative, head + ranges).withOrigin(ackTarget);
    }

    /** Appends the {@code count}-th range if it is within {@link #MAX_RANGES} and fits the budget. */
    private static boolean appendRange(StringBuilder ranges, int from, int to, int budget, int count) {
        String range = (ranges.length() == 0 ? "" : ",") + (from == to ? "" + from : from + "-" + to);
        if (count > MAX_RANGES || ranges.length() + range.length() > budget) {
            return false;
        }
        ranges.append(range);
        return true;
    }
}
