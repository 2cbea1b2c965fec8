package org.kuayu.core.behavior;

import static org.kuayu.core.behavior.StackFuzzSession.require;

/**
 * One input of {@link StackFuzzTest} in 32 goes here instead of into a stack: {@link FrameFields}, whose readers parse
 * every number and range list of the {@code FRG}, {@code SEQ} and {@code SAK} bodies, checked against the JRE.
 */
final class FrameFieldsCheck {
    private FrameFieldsCheck() {
    }

    /** {@link FrameFields}' readers on any text: -1 or null for anything malformed, never an exception. */
    static void check(int maxRanges, String text) {
        int n = FrameFields.number(text, 0, text.length());
        boolean digits = !text.isEmpty() && text.length() <= FrameFields.MAX_DIGITS && text.chars().allMatch(
                c -> c >= '0' && c <= '9');
        require(n == (digits ? Integer.parseInt(text) : -1), "number(" + text + ") = " + n);
        int[] ranges = FrameFields.ranges(text, 0, maxRanges);
        if (ranges != null) {
            require(ranges.length % 2 == 0 && ranges.length <= 2 * maxRanges, "ranges(" + text + "): "
                    + ranges.length);
            for (int i = 0; i < ranges.length; i += 2) {
                require(0 <= ranges[i] && ranges[i] <= ranges[i + 1], "ranges(" + text + "): a bad pair at " + i);
            }
        }
        FrameFields.isToken(text, 0, text.length());
    }
}
