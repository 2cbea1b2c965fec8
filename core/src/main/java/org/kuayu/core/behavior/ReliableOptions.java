package org.kuayu.core.behavior;

/**
 * How {@link ReliableBehavior} paces, retransmits and gives up. Immutable, made with {@link #builder()}.
 *
 * <pre>{@code
 * ReliableOptions hash = ReliableOptions.builder().window(1).maxFrameLength(1900).build();
 * ReliableOptions name = ReliableOptions.builder().window(16).build();
 * }</pre>
 *
 * <p>Retransmission: a frame not acknowledged {@link #retransmitMillis()} after it was sent is sent again, and each
 * further wait doubles, up to {@link #maxRetransmitMillis()}. Once the peer page has been heard from, a frame still
 * unacknowledged {@link #giveUpMillis()} after its first sending, or after {@link #maxAttempts()} sendings, fails
 * the channel with TRANSMISSION_FAILED. Before the peer was ever heard from there is no giving up: the handshake's
 * own timeout decides (the host's TIMEOUT; a remote waits for its host for ever).
 *
 * <p>Defaults: window 1, retransmission after {@value #DEFAULT_RETRANSMIT_MILLIS} ms doubling up to
 * {@value #DEFAULT_MAX_RETRANSMIT_MILLIS} ms, giving up after {@value #DEFAULT_GIVE_UP_MILLIS} ms or
 * {@value #DEFAULT_MAX_ATTEMPTS} sendings, no frame limit (0).
 */
public final class ReliableOptions {
    /** The most frames in flight, and so the most a receiver holds out of order. */
    public static final int MAX_WINDOW = 256;
    public static final int DEFAULT_RETRANSMIT_MILLIS = 250;
    public static final int DEFAULT_MAX_RETRANSMIT_MILLIS = 2000;
    public static final int DEFAULT_GIVE_UP_MILLIS = 30000;
    public static final int DEFAULT_MAX_ATTEMPTS = 20;

    private final int window;
    private final int retransmitMillis;
    private final int maxRetransmitMillis;
    private final int giveUpMillis;
    private final int maxAttempts;
    private final int maxFrameLength;

    private ReliableOptions(Builder b) {
        this.window = b.window;
        this.retransmitMillis = b.retransmitMillis;
        this.maxRetransmitMillis = b.maxRetransmitMillis;
        this.giveUpMillis = b.giveUpMillis;
        this.maxAttempts = b.maxAttempts;
        this.maxFrameLength = b.maxFrameLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sequenced frames that may be unacknowledged at once. */
    public int window() {
        return window;
    }

    /** The first wait for an acknowledgement. */
    public int retransmitMillis() {
        return retransmitMillis;
    }

    /** The longest wait for an acknowledgement, however often a frame was sent. */
    public int maxRetransmitMillis() {
        return maxRetransmitMillis;
    }

    /** How long a frame may stay unacknowledged, from its first sending, before the channel fails. */
    public int giveUpMillis() {
        return giveUpMillis;
    }

    /** How often a frame is sent at most before the channel fails. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The transport's frame limit, which an acknowledgement must respect too; 0 for none. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /** Builds {@link ReliableOptions}; every setter checks its argument at once. */
    public static final class Builder {
        private int window = 1;
        private int retransmitMillis = DEFAULT_RETRANSMIT_MILLIS;
        private int maxRetransmitMillis = DEFAULT_MAX_RETRANSMIT_MILLIS;
        private int giveUpMillis = DEFAULT_GIVE_UP_MILLIS;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private int maxFrameLength;

        private Builder() {
        }

        /**
         * Frames in flight, 1 to {@value #MAX_WINDOW}: 1 where a new frame replaces the previous one before the
         * peer reads it (location.hash), more where frames queue (window.name).
         */
        public Builder window(int frames) {
            if (frames < 1 || frames > MAX_WINDOW) {
                throw new IllegalArgumentException("the reliable window is 1 to " + MAX_WINDOW + " frames, got " + frames);
            }
            window = frames;
            return this;
        }

        /** The first wait, and the longest (which must not be shorter), for an acknowledgement. */
        public Builder retransmitMillis(int first, int longest) {
            if (first < 1 || longest < first) {
                throw new IllegalArgumentException("retransmission waits must be positive and the longest at least"
                        + " the first, got " + first + " and " + longest);
            }
            retransmitMillis = first;
            maxRetransmitMillis = longest;
            return this;
        }

        /** When an unacknowledged frame fails the channel: after this long, or after this many sendings. */
        public Builder giveUp(int millis, int attempts) {
            if (millis < 1 || attempts < 1) {
                throw new IllegalArgumentException("giving up needs a positive time and number of attempts, got "
                        + millis + " ms and " + attempts);
            }
            giveUpMillis = millis;
            maxAttempts = attempts;
            return this;
        }

        /** The transport's frame limit (0: none); it must leave room for an acknowledgement with one range. */
        public Builder maxFrameLength(int chars) {
            if (chars != 0 && chars < FragmentOptions.MIN_FRAME_LENGTH) {
                throw new IllegalArgumentException("a frame limit of " + chars + " characters is too small: give 0"
                        + " (none) or at least " + FragmentOptions.MIN_FRAME_LENGTH);
            }
            maxFrameLength = chars;
            return this;
        }

        public ReliableOptions build() {
            return new ReliableOptions(this);
        }
    }
}
