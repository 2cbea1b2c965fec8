package org.kuayu.core.stack;

/**
 * What a transport's own encoding makes of each character of a frame, for a transport whose limit counts encoded
 * characters. location.hash is one: a URL must stay under 2,000 characters after percent-encoding, and there a
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
 *     public int of(char c) {
 *         return c < 0x80 ? (unreserved(c) ? 1 : 3) : c < 0x800 ? 6 : Character.isSurrogate(c) ? 6 : 9;
 *     }
 * };
 * }</pre>
 */
public interface FrameCost {
    /**
     * How many characters {@code c} becomes in the transport's encoding, at least 1. Each half of a surrogate pair is
     * asked alone, and the two answers must add up to the pair's cost (a 4-byte UTF-8 sequence, 12 characters
     * percent-encoded, is 6 and 6).
     */
    int of(char c);

    /** The most {@code cost} charges for one character from {@code first} to {@code last}: a bound for text of them. */
    static int most(FrameCost cost, char first, char last) {
        int most = 1;
        for (char c = first; c <= last; c++) {
            most = Math.max(most, cost.of(c));
        }
        return most;
    }
}
