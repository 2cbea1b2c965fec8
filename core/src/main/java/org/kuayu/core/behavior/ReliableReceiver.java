package org.kuayu.core.behavior;

import java.util.TreeMap;

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
    private final TreeMap<Long, Message> held = new TreeMap<Long, Message>();
    private long generation = -1;
    private long expected = 1;
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
    void receive(long gen, long seq, Message inner, String target, Link link) {
        if (gen < generation || stopped) {
            return;
        }
        if (gen > generation) {
            generation = gen;
            expected = 1;
            held.clear();
        }
        if (seq >= expected && seq < expected + ReliableOptions.MAX_WINDOW) {
            Long key = Long.valueOf(seq);
            if (!held.containsKey(key)) {
                held.put(key, inner);
            }
        }
        ackTarget = target;
        scheduleAck(link);
        Message next;
        while ((next = held.remove(Long.valueOf(expected))) != null) {
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
        if (held.isEmpty() && ackTimer != null) {
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
        held.clear();
        if (ackTimer != null) {
            ackTimer.cancel();
            ackTimer = null;
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
        long cumulative = expected - 1;
        int budget = options.maxFrameLength() == 0 ? Integer.MAX_VALUE : options.maxFrameLength()
                - WireCodec.header(new Message(MessageKind.SEQUENCE_ACK, "", cumulative, "")).length() - head.length();
        StringBuilder ranges = new StringBuilder();
        int count = 0;
        long from = -1;
        long to = -1;
        for (Long key : held.keySet()) {
            long seq = key.longValue();
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
    private static boolean appendRange(StringBuilder ranges, long from, long to, int budget, int count) {
        String range = (ranges.length() == 0 ? "" : ",") + (from == to ? "" + from : from + "-" + to);
        if (count > MAX_RANGES || ranges.length() + range.length() > budget) {
            return false;
        }
        ranges.append(range);
        return true;
    }
}
