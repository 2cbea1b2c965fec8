package org.kuayu.core.behavior;

import org.kuayu.core.wire.WireCodec;

/**
 * Reading and sizing the {@code |}-separated fields that {@link FragmentBehavior} and {@link ReliableBehavior} put
 * in a frame's body. Scanned by hand (no regex, no split: see the portability rule); every reader answers -1 for
 * anything malformed instead of throwing, since a peer's garbage must never throw into the page.
 */
final class FrameFields {
    /** Most decimal digits of a number field, as in the frame header ({@link WireCodec#MAX_NUMBER}). */
    static final int MAX_DIGITS = 9;
    /** The largest number a field may hold: 9 digits, an {@code int} that reading them can never overflow. */
    static final int MAX_NUMBER = WireCodec.MAX_NUMBER;

    private FrameFields() {
    }

    /** The decimal number {@code text[from, to)}: 1 to 9 digits, no sign; -1 when it is not one. */
    static int number(String text, int from, int to) {
        if (from < 0 || to <= from || to - from > MAX_DIGITS || to > text.length()) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** True when {@code text[from, to)} is 1 to 32 characters of {@code [0-9a-z]} (an incarnation id). */
    static boolean isToken(String text, int from, int to) {
        if (from < 0 || to <= from || to - from > 32 || to > text.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of the first {@code count} (at most 7, so that it is an {@code int} below {@link #MAX_NUMBER})
     * lower-case hex digits of {@code hex}, e.g. of a random id; any other character counts as 0. A loop of its own:
     * {@code Character.digit} pulls a Unicode digit table into the bundle.
     */
    static int hexPrefix(String hex, int count) {
        int v = 0;
        for (int i = 0; i < count && i < hex.length(); i++) {
            char c = hex.charAt(i);
            v = (v << 4) | (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0);
        }
        return v;
    }

    /** How many decimal digits {@code n} (not negative) is written with. */
    static int digits(int n) {
        int d = 1;
        for (int v = n; v >= 10; v = v / 10) {
            d++;
        }
        return d;
    }

    /**
     * The ranges {@code "5-7,9"} in {@code text} from {@code from} to its end, as pairs {@code [5, 7, 9, 9]}: each
     * {@code a} or {@code a-b} with {@code a <= b}, at most {@code maxRanges}; empty for an empty list; null when
     * malformed.
     */
    static int[] ranges(String text, int from, int maxRanges) {
        if (from >= text.length()) {
            return new int[0];
        }
        int[] pairs = new int[maxRanges + maxRanges];
        int n = 0;
        int start = from;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            int dash = text.indexOf('-', start);
            boolean span = dash >= 0 && dash < end;
            int a = number(text, start, span ? dash : end);
            int b = span ? number(text, dash + 1, end) : a;
            if (n >= pairs.length || a < 0 || b < a) {
                return null;
            }
            pairs[n++] = a;
            pairs[n++] = b;
            start = end + 1;
        }
        int[] exact = new int[n];
        System.arraycopy(pairs, 0, exact, 0, n);
        return exact;
    }

    static boolean isHighSurrogate(char c) {
        return c >= '\uD800' && c <= '\uDBFF';
    }

    static boolean isLowSurrogate(char c) {
        return c >= '\uDC00' && c <= '\uDFFF';
    }
}
