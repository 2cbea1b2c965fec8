package org.kuayu.core.behavior;

import org.kuayu.core.stack.FrameCost;

/**
 * How {@link FragmentBehavior} cuts frames and how much it holds while putting them together again. Immutable, made
 * with {@link #builder(int)}.
 *
 * <p>Why the reassembly limits: fragments of a message can stop coming (the sender's page went away, a fragment was
 * lost on a transport without reliable delivery, a peer sends garbage), and nothing may then grow without bound. A
 * partial message is dropped, with a debug line, when it is the least recently fed one and a new message would
 * exceed {@link #maxPartialMessages()}, when holding it would exceed {@link #maxBufferedChars()} (a single message
 * larger than that is never reassembled), or when no fragment of it came for {@link #partialTimeoutMillis()} (checked
 * whenever a fragment arrives, so no timer is needed).
 *
 * <pre>{@code
 * FragmentOptions options = FragmentOptions.builder(1900).maxBufferedChars(4 << 20).build();
 * FragmentOptions hash = FragmentOptions.builder(1800).cost(transport.frameCost()).build();
 * layers.add(new FragmentBehavior(platform, options, log));
 * }</pre>
 *
 * <p>Defaults: at most {@value #DEFAULT_MAX_PARTIAL_MESSAGES} partial messages, {@value #DEFAULT_MAX_BUFFERED_CHARS}
 * characters held in them (32 MB of UTF-16), {@value #DEFAULT_PARTIAL_TIMEOUT_MILLIS} ms without a fragment; the limit
 * counts characters (no {@link Builder#cost cost}).
 */
public final class FragmentOptions {
    /** The smallest frame limit that leaves room for a piece next to the fragment header. */
    public static final int MIN_FRAME_LENGTH = 128;
    public static final int DEFAULT_MAX_PARTIAL_MESSAGES = 8;
    public static final int DEFAULT_MAX_BUFFERED_CHARS = 16777216;
    public static final int DEFAULT_PARTIAL_TIMEOUT_MILLIS = 60000;

    private final int maxFrameLength;
    private final int maxPartialMessages;
    private final int maxBufferedChars;
    private final int partialTimeoutMillis;
    private final FrameCost cost;

    private FragmentOptions(Builder b) {
        this.maxFrameLength = b.maxFrameLength;
        this.maxPartialMessages = b.maxPartialMessages;
        this.maxBufferedChars = b.maxBufferedChars;
        this.partialTimeoutMillis = b.partialTimeoutMillis;
        this.cost = b.cost;
    }

    /**
     * @param maxFrameLength the longest frame (characters of the wire string, header included, or their
     *                       {@link Builder#cost cost}) to send in one piece: the transport's limit less what the
     *                       layers below add to a frame
     * @throws IllegalArgumentException when it is below {@value #MIN_FRAME_LENGTH}
     */
    public static Builder builder(int maxFrameLength) {
        return new Builder(maxFrameLength);
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }

    public int maxPartialMessages() {
        return maxPartialMessages;
    }

    public int maxBufferedChars() {
        return maxBufferedChars;
    }

    public int partialTimeoutMillis() {
        return partialTimeoutMillis;
    }

    /** How {@link #maxFrameLength()} counts a character: null for one each, else the transport's encoded cost. */
    public FrameCost cost() {
        return cost;
    }

    /** Builds {@link FragmentOptions}; every setter checks its argument at once. */
    public static final class Builder {
        private final int maxFrameLength;
        private int maxPartialMessages = DEFAULT_MAX_PARTIAL_MESSAGES;
        private int maxBufferedChars = DEFAULT_MAX_BUFFERED_CHARS;
        private int partialTimeoutMillis = DEFAULT_PARTIAL_TIMEOUT_MILLIS;
        private FrameCost cost;

        private Builder(int maxFrameLength) {
            if (maxFrameLength < MIN_FRAME_LENGTH) {
                throw new IllegalArgumentException("a fragment limit of " + maxFrameLength + " characters leaves no"
                        + " room for the fragment header: give at least " + MIN_FRAME_LENGTH);
            }
            this.maxFrameLength = maxFrameLength;
        }

        /** How many messages may be partly reassembled at once (at least 1). */
        public Builder maxPartialMessages(int count) {
            maxPartialMessages = positive(count, "maxPartialMessages");
            return this;
        }

        /** How many characters the partial messages may hold together: the largest message that can arrive. */
        public Builder maxBufferedChars(int chars) {
            maxBufferedChars = positive(chars, "maxBufferedChars");
            return this;
        }

        /** How long a partial message is kept without a new fragment of it. */
        public Builder partialTimeoutMillis(int millis) {
            partialTimeoutMillis = positive(millis, "partialTimeoutMillis");
            return this;
        }

        /**
         * Counts the limit by {@code frameCost} (a transport's {@link org.kuayu.core.stack.Transport#frameCost()})
         * instead of by characters; null counts characters again.
         */
        public Builder cost(FrameCost frameCost) {
            cost = frameCost;
            return this;
        }

        public FragmentOptions build() {
            return new FragmentOptions(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
