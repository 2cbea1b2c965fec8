package org.kuayu.core.behavior;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.core.wire.WireFormatException;

/**
 * The receiving half of {@link FragmentBehavior}: holds partial messages within the limits of
 * {@link FragmentOptions} and gives back each original frame once all its pieces are in.
 */
final class FragmentAssembler {
    /** How many delivered or dropped messages are remembered, so that their late fragments are ignored. */
    static final int REMEMBERED = 64;

    private final Platform platform;
    private final FragmentOptions options;
    private final DebugLog log;
    /** Few (at most maxPartialMessages): a list searched in order is simplest. */
    private final List<Partial> partials = new ArrayList<Partial>();
    private final List<String> finished = new ArrayList<String>();
    /** Characters held, a double: sums of lengths may pass 2^31, and {@code long} would mean BigInt in TeaVM. */
    private double buffered;

    FragmentAssembler(Platform platform, FragmentOptions options, DebugLog log) {
        this.platform = platform;
        this.options = options;
        this.log = log;
    }

    /** Takes one {@code FRG} frame; returns the original frame it completes, or null. */
    Message add(Message fragment) {
        String body = fragment.body();
        int bar1 = body.indexOf('|');
        int bar2 = bar1 < 0 ? -1 : body.indexOf('|', bar1 + 1);
        int index = FrameFields.number(body, 0, bar1);
        int count = FrameFields.number(body, bar1 + 1, bar2);
        if (index < 0 || count < 2 || index >= count || count > options.maxBufferedChars()
                || bar2 + 1 >= body.length()) {
            return garbage(fragment, "bad index, count or piece");
        }
        double now = platform.now();
        expire(now);
        String key = fragment.origin() + " " + fragment.channel() + " " + fragment.number();
        if (finished.contains(key)) {
            return null;
        }
        Partial p = find(key);
        if (p == null) {
            if (partials.size() >= options.maxPartialMessages()) {
                drop(oldestBut(null), "more than " + options.maxPartialMessages() + " messages under way");
            }
            p = new Partial(key, count);
            partials.add(p);
        } else if (p.count != count) {
            return garbage(fragment, "its count " + count + " differs from the " + p.count + " of its message");
        }
        Integer at = Integer.valueOf(index);
        if (p.pieces.containsKey(at)) {
            return null;
        }
        String piece = body.substring(bar2 + 1);
        p.pieces.put(at, piece);
        p.chars += piece.length();
        p.touched = now;
        buffered += piece.length();
        while (buffered > options.maxBufferedChars()) {
            Partial victim = oldestBut(p);
            drop(victim == null ? p : victim, "more than " + options.maxBufferedChars() + " characters held");
            if (victim == null) {
                return null;
            }
        }
        return p.pieces.size() < p.count ? null : complete(p, fragment);
    }

    /** Forgets everything (the stack stops). */
    void clear() {
        partials.clear();
        finished.clear();
        buffered = 0;
    }

    /** Partial messages held now (for tests). */
    int partialCount() {
        return partials.size();
    }

    private Message complete(Partial p, Message last) {
        forget(p);
        StringBuilder sb = new StringBuilder((int) p.chars);
        for (int i = 0; i < p.count; i++) {
            sb.append(p.pieces.get(Integer.valueOf(i)));
        }
        Message whole;
        try {
            whole = WireCodec.decode(sb.toString());
        } catch (WireFormatException e) {
            return garbage(last, "its pieces do not make a frame: " + e.getMessage());
        }
        if (whole.kind() == MessageKind.FRAGMENT || !whole.channel().equals(last.channel())) {
            return garbage(last, "its pieces make a " + whole.kind() + " of channel '" + whole.channel() + "'");
        }
        return whole.withOrigin(last.origin()).withAttachment(last.attachment());
    }

    private void expire(double now) {
        for (Partial p : new ArrayList<Partial>(partials)) {
            if (now - p.touched >= options.partialTimeoutMillis()) {
                drop(p, "no fragment of it for " + options.partialTimeoutMillis() + " ms");
            }
        }
    }

    private void drop(Partial p, String why) {
        log.log("dropped a partial message (" + p.pieces.size() + " of " + p.count + " fragments, " + (int) p.chars
                + " characters): " + why);
        forget(p);
    }

    /** Removes a finished or dropped message and remembers its key, so that its late fragments are ignored. */
    private void forget(Partial p) {
        partials.remove(p);
        buffered -= p.chars;
        finished.add(p.key);
        if (finished.size() > REMEMBERED) {
            finished.remove(0);
        }
    }

    private Partial find(String key) {
        for (Partial p : partials) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }

    /** The partial message fed least recently, other than {@code keep}; null when there is none. */
    private Partial oldestBut(Partial keep) {
        Partial oldest = null;
        for (Partial p : partials) {
            if (p != keep && (oldest == null || p.touched < oldest.touched)) {
                oldest = p;
            }
        }
        return oldest;
    }

    private Message garbage(Message fragment, String why) {
        log.log("dropped a malformed fragment #" + fragment.number() + " from " + fragment.origin() + ": " + why);
        return null;
    }

    private static final class Partial {
        final String key;
        final int count;
        final Map<Integer, String> pieces = new HashMap<Integer, String>();
        /** At most {@code maxBufferedChars} once {@link #add} returns; a double while it adds. */
        double chars;
        double touched;

        Partial(String key, int count) {
            this.key = key;
            this.count = count;
        }
    }
}
