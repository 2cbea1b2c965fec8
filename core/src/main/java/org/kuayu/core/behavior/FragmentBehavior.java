package org.kuayu.core.behavior;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.FrameCost;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/**
 * Cuts frames too long for the transport into fragments, each a complete frame within the limit, and puts them
 * together again on the other side. Frames within the limit pass untouched.
 *
 * <pre>
 * FRG  kuayu1|FRG|&lt;channel&gt;|&lt;id&gt;|&lt;index&gt;|&lt;count&gt;|&lt;piece&gt;
 *      piece &lt;index&gt; (0 to count-1) of &lt;count&gt; (at least 2); the pieces in order are the whole original
 *      frame, "kuayu1|KIND|channel|n|body"; &lt;id&gt; names the original among the sender's fragmented frames
 * </pre>
 * Example, a {@code MSG} of 5000 characters under a limit of 2000 becomes three frames:
 * {@code kuayu1|FRG|3f2a…|73456310|0|3|kuayu1|MSG|3f2a…|0|[1,2,…}, {@code kuayu1|FRG|3f2a…|73456310|1|3|…}
 * and {@code kuayu1|FRG|3f2a…|73456310|2|3|…]}.
 *
 * <ol>
 * <li>Requirement: no frame longer than the transport carries (a URL stays under 2,000 characters). Protocol: a frame
 * longer than {@link FragmentOptions#maxFrameLength()} is cut into pieces that fill each fragment frame up to the
 * limit, header included; the limit counts characters (UTF-16 units) of the wire string, before any encoding the
 * transport adds, or, with a {@link FragmentOptions#cost() cost}, what that encoding makes of them (location.hash:
 * percent-encoding, where one CJK character becomes nine).</li>
 * <li>Requirement: any Unicode survives. Protocol: a cut never falls between the two halves of a surrogate pair
 * (each fragment must stay valid UTF-16 for the transport's URL-encoding or JSON); a piece is one character shorter
 * instead. Pieces are never re-encoded: the original frame comes back character for character.</li>
 * <li>Requirement: several messages may be under way at once, and a reloaded sender must not mix with its
 * predecessor. Protocol: fragments are grouped by sender origin, channel and id; ids count up from a random 28-bit
 * start per page, so a new page's ids do not meet an old page's partial message, and wrap to 1 after 999999999
 * (ids are 9 digits at most, like every wire number).</li>
 * <li>Requirement: bounded memory. Protocol: partial messages are limited in number, size and age
 * ({@link FragmentOptions}); what is dropped is reported to the debug log, and late fragments of a message that was
 * delivered or dropped are ignored (the last 64 are remembered).</li>
 * <li>Requirement: garbage never throws. Protocol: a malformed fragment (bad index or count, a count that changes,
 * a whole that is not a frame of this channel, a fragment inside a fragment) is dropped with a debug line.</li>
 * </ol>
 *
 * <p>Where it sits: above {@link ReliableBehavior}, so that each fragment is one sequenced frame, acknowledged and
 * retransmitted alone. Below it, a frame lost to a transport that drops one frame in five would cost the whole
 * message: a 1 MB message cut into some 550 fragments would arrive whole with a chance of 0.8^550, never. The price is that the limit
 * given here must leave room for the reliable layer's header ({@link ReliableBehavior#MAX_OVERHEAD}); the stack
 * assembly subtracts it. Above the reliable layer fragments arrive once and in order, so reassembly there holds one
 * message at a time; the grouping and limits still make it safe on its own.
 *
 * <pre>{@code
 * layers.add(new FragmentBehavior(platform, FragmentOptions.builder(2000 - ReliableBehavior.MAX_OVERHEAD).build(), log));
 * layers.add(new ReliableBehavior(platform, ReliableOptions.builder().window(8).maxFrameLength(2000).build(), log));
 * }</pre>
 */
public final class FragmentBehavior extends BaseBehavior {
    private final Platform platform;
    private final FragmentOptions options;
    private final DebugLog log;
    private final FragmentAssembler assembler;
    private final FrameCost cost;
    /** What a digit and a {@code |} of the fragment header cost (1 when the limit counts characters). */
    private final int digitCost;
    private final int barCost;
    private int nextId;

    public FragmentBehavior(Platform platform, FragmentOptions options, DebugLog log) {
        this.platform = platform;
        this.options = options;
        this.log = log;
        this.assembler = new FragmentAssembler(platform, options, log);
        this.nextId = 1 + FrameFields.hexPrefix(platform.randomId(), 7);
        this.cost = options.cost();
        this.digitCost = cost == null ? 1 : FrameCost.most(cost, '0', '9');
        this.barCost = cost == null ? 1 : cost.of('|');
    }

    /** Messages partly reassembled now (for tests and leak checks). */
    public int partialCount() {
        return assembler.partialCount();
    }

    @Override
    public void down(Message m, Link link) {
        if (!m.kind().isWire()) {
            link.down(m);
            return;
        }
        String header = WireCodec.header(m);
        if (fits(header, m.body())) {
            link.down(m);
            return;
        }
        split(platform.join(header, m.body()), m, link);
    }

    @Override
    public void up(Message m, Link link) {
        if (m.kind() != MessageKind.FRAGMENT) {
            link.up(m);
            return;
        }
        Message whole = assembler.add(m);
        if (whole != null) {
            link.up(whole);
        }
    }

    @Override
    public void stop() {
        assembler.clear();
    }

    /** Whether the frame {@code header + body} is within the limit. */
    private boolean fits(String header, String body) {
        int limit = options.maxFrameLength();
        // Every character costs at least 1: most frames too long are found without reading them.
        if (header.length() > limit - body.length()) {
            return false;
        }
        double used = charge(header, limit);
        return cost == null || used + charge(body, limit - used) <= limit;
    }

    /** The cost of {@code text}, counted only until it exceeds {@code enough} (a double: a cost may be anything). */
    private double charge(String text, double enough) {
        if (cost == null) {
            return text.length();
        }
        double total = 0;
        for (int i = 0; i < text.length() && total <= enough; i++) {
            int codePoint = FrameCost.codePointAt(text, i);
            total += cost.of(codePoint);
            i += codePoint > 0xFFFF ? 1 : 0;
        }
        return total;
    }

    private void split(String frame, Message m, Link link) {
        int id = nextId;
        nextId = id >= FrameFields.MAX_NUMBER ? 1 : id + 1;
        String head = WireCodec.header(new Message(MessageKind.FRAGMENT, m.channel(), id, ""));
        double headCost = charge(head, Double.MAX_VALUE);
        // Room for "index|count|" with count of d digits: grow d until the pieces cut for that room number fewer.
        for (int d = 1; ; d++) {
            double capacity = options.maxFrameLength() - headCost - 2.0 * d * digitCost - 2.0 * barCost;
            List<String> pieces = capacity < 1 ? null : cut(frame, (int) capacity);
            if (pieces == null) {
                log.log("dropped a " + m.kind() + " of " + frame.length() + " characters: the fragment limit "
                        + options.maxFrameLength() + " leaves no room for a piece");
                return;
            }
            if (FrameFields.digits(pieces.size()) <= d) {
                String count = "|" + pieces.size() + "|";
                for (int i = 0; i < pieces.size(); i++) {
                    link.down(new Message(MessageKind.FRAGMENT, m.channel(), id, platform.join(i + count,
                            pieces.get(i))).withOrigin(m.origin()));
                }
                return;
            }
        }
    }

    /**
     * {@code frame} in pieces of at most {@code capacity} characters (or of that cost), each as full as it can be
     * without parting a surrogate pair; null when one character or pair alone exceeds it.
     */
    private List<String> cut(String frame, int capacity) {
        List<String> pieces = new ArrayList<String>();
        int length = frame.length();
        int start = 0;
        while (start < length) {
            int end;
            if (cost == null) {
                end = capacity < length - start ? start + capacity : length;
                if (end < length && FrameFields.isHighSurrogate(frame.charAt(end - 1))
                        && FrameFields.isLowSurrogate(frame.charAt(end))) {
                    end--;
                }
            } else {
                end = start;
                double used = 0;
                while (end < length) {
                    int codePoint = FrameCost.codePointAt(frame, end);
                    double next = used + cost.of(codePoint);
                    if (next > capacity) {
                        break;
                    }
                    used = next;
                    end += codePoint > 0xFFFF ? 2 : 1;
                }
            }
            if (end <= start) {
                return null;
            }
            pieces.add(frame.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
