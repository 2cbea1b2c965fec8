package org.kuayu.core.stack;

/**
 * What a transport's own encoding makes of each character (code point) of a frame, for a transport whose limit
 * counts encoded characters. location.hash is one: a URL must stay under 2,000 characters after percent-encoding, and there a
 * letter stays one character, {@code "} becomes three ({@code %22}) and a CJK character nine (three UTF-8 bytes, each
 * {@code %XX}). Counted by this cost, a limit fits every frame exactly, where a count of characters would have to
 * assume the worst for all of them.
 *
 * <p>A transport gives it with {@link Transport#frameCost()}; {@link StackAssembly#lowerLayers} passes it to the
 * fragmentation layer, which then measures frames and cuts pieces by cost, and sizes the reliable layer's reserve by
 * it. Null, the default, means the limit counts characters (UTF-16 units) as they are.
 *
 * <pre>{@code
 * FrameCost percentEncoded = new FrameCost() {
 *     public int of(int codePoint) {
 *         return codePoint < 0x80 ? (unreserved(codePoint) ? 1 : 3) : codePoint < 0x800 ? 6
 *                 : codePoint < 0x10000 ? 9 : 12;
 *     }
 * };
 * }</pre>
 */
public interface FrameCost {
    /**
     * How many characters {@code codePoint} becomes in the transport's encoding, at least 1. A surrogate pair is asked
     * as its one supplementary code point; half a pair alone as the surrogate's own value (0xD800 to 0xDFFF), which
     * the transport's encoding must bound too.
     */
    int of(int codePoint);

    /** The most {@code cost} charges for one character from {@code first} to {@code last}: a bound for text of them. */
    static int most(FrameCost cost, char first, char last) {
        int most = 1;
        for (char c = first; c <= last; c++) {
            most = Math.max(most, cost.of(c));
        }
        return most;
    }

    /** The code point at {@code index} of {@code text}: a surrogate pair's whole, else the character itself. */
    static int codePointAt(String text, int index) {
        char c = text.charAt(index);
        if (c >= 0xD800 && c <= 0xDBFF && index + 1 < text.length()) {
            char next = text.charAt(index + 1);
            if (next >= 0xDC00 && next <= 0xDFFF) {
                return 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
            }
        }
        return c;
    }
}
