package org.kuayu.core.stack;

import java.util.Random;

/**
 * Seeded text that exercises every hazard of a frame's journey: CJK, emoji (surrogate pairs), quotes, backslashes,
 * the frame separator {@code |}, newlines, tabs, percent signs and the frame prefix itself.
 *
 * <pre>{@code
 * String body = UnicodeText.of(42, 1 << 20);   // 1 M UTF-16 units, never ending in half a pair
 * }</pre>
 */
public final class UnicodeText {
    private static final String[] PIECES = {"\"", "\\", "|", "\n", "\r\n", "\t", "%", "kuayu1|MSG|", "\\u0041", " "};

    private UnicodeText() {
    }

    /** Exactly {@code length} UTF-16 units of mixed text from {@code seed}; surrogate pairs are never cut. */
    public static String of(long seed, int length) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            int pick = random.nextInt(10);
            if (pick < 3) {
                sb.append((char) (0x4E00 + random.nextInt(0x9FFF - 0x4E00)));
            } else if (pick < 5) {
                sb.appendCodePoint(0x1F600 + random.nextInt(0x50));
            } else if (pick < 7) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        sb.setLength(length);
        if (length > 0 && Character.isHighSurrogate(sb.charAt(length - 1))) {
            sb.setCharAt(length - 1, 'z');
        }
        return sb.toString();
    }
}
