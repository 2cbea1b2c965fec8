package org.kuayu.core.behavior;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.FrameCost;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * Reliable delivery over a transport that loses, duplicates and reorders frames (window.name, location.hash).
 *
 * <pre>
 * SEQ  kuayu1|SEQ|&lt;channel&gt;|&lt;seq&gt;|&lt;incarnation&gt;|&lt;generation&gt;|&lt;ack&gt;|&lt;KIND&gt;|&lt;n&gt;|&lt;body&gt;
 *      the frame "kuayu1|KIND|channel|n|body", number &lt;seq&gt; (1, 2, ...) of the sender's stream &lt;generation&gt;;
 *      &lt;ack&gt; is "&lt;g&gt;.&lt;c&gt;": every frame of the peer's stream g up to c arrived (empty before any did)
 * SAK  kuayu1|SAK||&lt;cumulative&gt;|&lt;incarnation&gt;|&lt;generation&gt;|&lt;ranges&gt;
 *      the receipt of the peer's stream &lt;generation&gt;: every frame up to &lt;cumulative&gt; arrived, and so did
 *      the ranges above it, e.g. "5-7,9" (empty: none)
 * </pre>
 * Example: {@code kuayu1|SEQ|3f2a…|12|9c41d07be2aa|0|0.4|MSG|0|{"a":1}} answered by
 * {@code kuayu1|SAK||12|51e0aa3c9f17|0|}. The incarnation is the sending page's: 12 hex digits drawn at random when
 * its stack starts. Sequence and generation numbers stay below 10^9.
 *
 * <ol>
 * <li>Requirement: every frame arrives once and in order over a transport that loses, duplicates and reorders
 * them. Protocol: each wire frame going down becomes a {@code SEQ} with the next number of the sender's stream; the
 * receiver passes frames up in number order, each once, holds those that come early (up to
 * {@value ReliableOptions#MAX_WINDOW}) and drops copies; it answers with {@code SAK}: the cumulative number and, as
 * selective acknowledgement, up to 16 ranges it holds above it (as many as fit the frame limit), so the sender sends
 * again only what is missing. Every {@code SEQ} also carries its sender's cumulative receipt, and one sent while a
 * {@code SAK} without ranges is due replaces it: an answer acknowledges its question, which halves the frames of a
 * request/reply or a handshake, and matters most with a window of 1.</li>
 * <li>Requirement: the transport sets the pace. Protocol: a frame is sent only when its number is below the oldest
 * unacknowledged one plus the window ({@link ReliableOptions#window()}: 1 for location.hash, where a new frame
 * replaces one not yet read, more for window.name).</li>
 * <li>Requirement: losses are repaired without flooding. Protocol: a frame not acknowledged in time is sent again,
 * the wait doubling up to a cap; acknowledgements go out once per burst of arriving frames (in a task of their own),
 * and a copy is acknowledged again, since it means the earlier acknowledgement was lost.</li>
 * <li>Requirement: a channel whose peer is gone fails instead of hanging. Protocol: once the peer page has been
 * heard from, a frame still unacknowledged after {@link ReliableOptions#giveUpMillis()} or
 * {@link ReliableOptions#maxAttempts()} sendings fails the channel as the handshake reports its failures: the local
 * {@code FAILED} {TRANSMISSION_FAILED} goes up, requests in flight fail with it, and the channel closes and stops
 * every timer of its stack. Before first contact there is no giving up: the handshake's timeout decides.</li>
 * <li>Requirement: a reloaded peer page starts clean, and numbers restart safely. Protocol: a frame from a new
 * incarnation means the peer is a new page: this side drops what it was sending to the old page, starts its own
 * stream again at 1 with the next generation, and receives the new page's stream from 1. The handshake above learns
 * of the reload from the same frame (a {@code HEL} or {@code ACK} of a new session), after this layer, and opens the
 * channel again. A host page never changes within a channel: once the remote's handshake has bound the channel
 * ({@code BIND} passing down), the remote takes frames of that host incarnation only, so that a frame forged with a
 * made-up incarnation cannot make it stop hearing the host. The receiver restarts on a higher generation and ignores a lower one (stragglers), and frames of the
 * peer's last 8 incarnations. Only the side that sees a new peer renumbers; the new page has seen no
 * one before, so one reload never makes both sides renumber in turn.</li>
 * <li>Requirement: garbage never throws. Protocol: a malformed {@code SEQ} or {@code SAK}, an acknowledgement of a
 * frame never sent, and a wire frame that is not sequenced are dropped with a debug line.</li>
 * </ol>
 *
 * <p>Instructions for the transport ({@code *_PATH}, {@code ABANDON}) pass down at once, unsequenced. When this page
 * closes the channel (the local {@code CLOSED} coming up), every frame still waiting for room goes at once, in
 * order, whatever the window, numbered after those in flight, its {@code CLS} last, as the stack stops right after. Nothing from above resets this layer: {@code DROP_PATH} comes on every handshake {@code ACK}, the first included, and
 * {@code RESET}/{@code CLOSED} travel up from the handshake, never through here; the incarnation is the one signal.
 * It sits under {@link FragmentBehavior} (see there why) and below any origin or secret check: it trusts its
 * transport to bring frames of its one peer window only.
 *
 * <pre>{@code
 * layers.add(new ReliableBehavior(platform, ReliableOptions.builder().window(16).build(), log));
 * }</pre>
 */
public final class ReliableBehavior extends BaseBehavior {
    private static final int INCARNATION_LENGTH = 12;
    /**
     * The largest sequence and generation number: 9 digits, like every wire number. Past it the channel fails
     * (connect again) instead of wrapping, since a receiver must never take a new frame for an old copy.
     */
    static final int MAX_SEQ = FrameFields.MAX_NUMBER;
    /**
     * The most characters this layer adds to a frame: what a frame limit above it must leave free. A {@code SEQ}
     * replaces the frame's {@code "kuayu1|KIND|channel|"} with
     * {@code "kuayu1|SEQ|channel|seq|incarnation|generation|g.c|KIND|"}: 7 + 12 more, and four numbers of 9 digits.
     */
    public static final int MAX_OVERHEAD = 7 + INCARNATION_LENGTH + 9 + 9 + 2 + 9 + 9;

    /**
     * {@link #MAX_OVERHEAD} as a transport's encoding counts it ({@code cost}, null for characters): the added
     * {@code "seq|incarnation|generation|g.c|KIND|"} is four numbers of 9 digits, 12 hex digits, 3 capitals, five
     * {@code |} and a dot.
     */
    public static int maxOverhead(FrameCost cost) {
        if (cost == null) {
            return MAX_OVERHEAD;
        }
        int digit = FrameCost.most(cost, '0', '9');
        int hex = Math.max(digit, FrameCost.most(cost, 'a', 'f'));
        // double products: a cost may be anything, GWT does not wrap int multiplication, and long is BigInt in TeaVM.
        return (int) Math.min(Integer.MAX_VALUE, 36.0 * digit + (double) INCARNATION_LENGTH * hex
                + 3.0 * FrameCost.most(cost, 'A', 'Z') + 5.0 * cost.of('|') + cost.of('.'));
    }
    /** How many earlier incarnations of the peer are remembered, so that their stragglers are ignored. */
    static final int RETIRED = 8;
    private static final int MAX_PARSED_RANGES = 64;
    private static final int[] NO_RANGES = new int[0];

    private final Platform platform;
    private final DebugLog log;
    private final String incarnation;
    private final ReliableSender sender;
    private final ReliableReceiver receiver;
    private final List<String> retired = new ArrayList<String>();
    private String peer;
    /** Remote: the handshake bound the channel ({@code BIND}): the host's page, and so its incarnation, is fixed. */
    private boolean peerBound;
    private String lastTarget;
    private boolean closed;

    public ReliableBehavior(Platform platform, ReliableOptions options, DebugLog log) {
        this.platform = platform;
        this.log = log;
        this.incarnation = platform.randomId().substring(0, INCARNATION_LENGTH);
        this.sender = new ReliableSender(platform, options, this);
        this.receiver = new ReliableReceiver(platform, options, incarnation);
    }

    /** Frames not yet acknowledged, sent or waiting for the window (for tests and leak checks). */
    public int pendingCount() {
        return sender.pendingCount();
    }

    @Override
    public void down(Message m, Link link) {
        if (m.kind() == MessageKind.BIND) {
            peerBound = peer != null;
            link.down(m);
        } else if (!m.kind().isWire()) {
            link.down(m);
        } else if (closed) {
            log.log("dropped an outgoing " + m.kind() + ": reliable delivery has stopped");
        } else if (m.origin() == null) {
            log.log("dropped an outgoing " + m.kind() + " with no target origin");
        } else {
            lastTarget = m.origin();
            sender.send(m, link);
        }
    }

    @Override
    public void up(Message m, Link link) {
        if (m.kind() == MessageKind.SEQUENCED) {
            sequenced(m, link);
        } else if (m.kind() == MessageKind.SEQUENCE_ACK) {
            acknowledged(m, link);
        } else if (m.kind().isWire()) {
            log.log("ignored an unsequenced " + m.kind() + ": this transport's frames are all sequenced");
        } else {
            if (m.kind() == MessageKind.CLOSED && !closed) {
                // The channel closes this page's side (a local CLOSED comes up from the bottom) and the stack stops
                // right after: its CLS cannot wait for room in the window.
                sender.closing(link);
            }
            link.up(m);
        }
    }

    @Override
    public void stop() {
        closed = true;
        sender.stop();
        receiver.stop();
    }

    private void sequenced(Message m, Link link) {
        String b = m.body();
        int[] bars = new int[5];
        int from = 0;
        for (int i = 0; i < bars.length; i++) {
            bars[i] = from < 0 ? -1 : b.indexOf('|', from);
            from = bars[i] < 0 ? -1 : bars[i] + 1;
        }
        int gen = FrameFields.number(b, bars[0] + 1, bars[1]);
        int dot = bars[2] < 0 ? -1 : b.indexOf('.', bars[1] + 1);
        boolean acks = bars[2] > bars[1] + 1;
        int ackGen = acks && dot < bars[2] ? FrameFields.number(b, bars[1] + 1, dot) : -1;
        int ackCum = acks && dot < bars[2] ? FrameFields.number(b, dot + 1, bars[2]) : -1;
        MessageKind kind = bars[3] < 0 ? null : MessageKind.fromCode(b.substring(bars[2] + 1, bars[3]));
        int n = FrameFields.number(b, bars[3] + 1, bars[4]);
        if (!FrameFields.isToken(b, 0, bars[0]) || gen < 0 || acks && (ackGen < 0 || ackCum < 0) || kind == null
                || kind == MessageKind.SEQUENCED || kind == MessageKind.SEQUENCE_ACK || n < 0 || m.number() < 1) {
            garbage("a malformed SEQ #" + m.number() + " from " + m.origin());
        } else if (!closed && admit(b.substring(0, bars[0]), link)) {
            if (acks) {
                sender.acknowledged(ackGen, ackCum, NO_RANGES, link);
            }
            Message inner = new Message(kind, m.channel(), n, b.substring(bars[4] + 1)).withOrigin(m.origin())
                    .withAttachment(m.attachment());
            receiver.receive(gen, m.number(), inner, m.origin() != null ? m.origin() : lastTarget, link);
        }
    }

    private void acknowledged(Message m, Link link) {
        String b = m.body();
        int bar1 = b.indexOf('|');
        int bar2 = bar1 < 0 ? -1 : b.indexOf('|', bar1 + 1);
        int gen = FrameFields.number(b, bar1 + 1, bar2);
        int[] ranges = bar2 < 0 ? null : FrameFields.ranges(b, bar2 + 1, MAX_PARSED_RANGES);
        if (!FrameFields.isToken(b, 0, bar1) || gen < 0 || ranges == null) {
            garbage("a malformed SAK from " + m.origin());
        } else if (!closed && admit(b.substring(0, bar1), link)) {
            sender.acknowledged(gen, m.number(), ranges, link);
        }
    }

    /** Notes who the peer is; false for a frame of one of its earlier pages. */
    private boolean admit(String from, Link link) {
        if (from.equals(peer)) {
            return true;
        }
        if (retired.contains(from)) {
            log.log("ignored a frame of the peer's earlier page " + from);
            return false;
        }
        if (peer == null) {
            peer = from;
            sender.contact(link);
            return true;
        }
        if (peerBound) {
            // A host page never changes within a channel (a reloaded host opens a new one): this frame is not its.
            log.log("ignored a frame of another page than the bound host's (" + from + ")");
            return false;
        }
        log.log("the peer page changed (" + peer + " -> " + from + "): dropped " + sender.pendingCount()
                + " frames meant for the old page, numbering from 1 again");
        retired.add(peer);
        if (retired.size() > RETIRED) {
            retired.remove(0);
        }
        peer = from;
        sender.restart();
        receiver.restart();
        return true;
    }

    /** Wraps {@code m} as frame {@code seq} of stream {@code generation}, with the receipt due now (for the sender). */
    Message sequenced(Message m, int seq, int generation) {
        return new Message(MessageKind.SEQUENCED, m.channel(), seq, platform.join(incarnation + "|" + generation + "|"
                + receiver.piggyback() + "|" + m.kind().code() + "|" + m.number() + "|", m.body()))
                .withOrigin(m.origin());
    }

    void garbage(String what) {
        log.log("dropped " + what);
    }

    /** Gives up for good (called by the sender): the channel fails with TRANSMISSION_FAILED. */
    void fail(String why, Link link) {
        if (closed) {
            return;
        }
        stop();
        log.log("reliable delivery failed: " + why);
        link.up(Message.local(MessageKind.FAILED, Json.error(ErrorCode.TRANSMISSION_FAILED, why)));
    }
}
