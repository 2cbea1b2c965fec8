package org.kuayu.core.wire;

/**
 * Kuayu's wire format, version 1: every frame is one string.
 *
 * <pre>
 * frame   = "kuayu1" "|" kind "|" channel "|" number "|" body
 * kind    = 3 upper-case letters (see {@link MessageKind})
 * channel = 0 to 64 chars of [0-9a-z-]: the host channel's id (empty in HELLO)
 * number  = decimal digits, at most 9, no sign: a request id, or 0 (see {@link #MAX_NUMBER})
 * body    = anything, to the end of the string (it may contain "|")
 * </pre>
 *
 * <p>Examples: {@code kuayu1|REQ|3f2a…|7|{"q":"hi"}}, {@code kuayu1|CLS|3f2a…|0|}.
 *
 * <p>Why text: every transport (postMessage, window.name, location.hash, a script URL, a WebSocket) moves strings
 * natively, the payload is already JSON text, and a fixed prefix lets a page tell Kuayu frames from other
 * libraries' messages with one {@code startsWith}. A frame with another version ({@code kuayu2|…}) is refused by
 * {@link #decode} with a message that names both versions; it is never half-understood.
 *
 * <p>See {@code docs/protocol.md} for the handshake and each kind's body.
 */
public final class WireCodec {
    /** The protocol version this build speaks. */
    public static final int VERSION = 1;
    /** Every frame starts with this. */
    public static final String PREFIX = "kuayu" + VERSION + "|";
    private static final String FAMILY = "kuayu";
    private static final int MAX_CHANNEL = 64;
    private static final int MAX_NUMBER_DIGITS = 9;
    /**
     * The largest number a frame carries: 9 digits, so that it is an {@code int} (no {@code long}, which TeaVM
     * compiles to {@code BigInt}) and reading 9 digits can never overflow. A longer number makes the frame malformed.
     */
    public static final int MAX_NUMBER = 999999999;

    private WireCodec() {
    }

    /** Encodes a wire message. */
    public static String encode(Message m) {
        return header(m) + m.body();
    }

    /**
     * The frame up to its body: {@code header(m) + m.body()} is the frame. Stacks join the two with
     * {@code Platform.join}, which does not copy a large body.
     */
    public static String header(Message m) {
        if (!m.kind().isWire()) {
            throw new IllegalArgumentException("local message kind " + m.kind() + " cannot be encoded");
        }
        if (m.number() < 0 || m.number() > MAX_NUMBER) {
            throw new IllegalArgumentException("message number " + m.number() + " is not 0 to " + MAX_NUMBER);
        }
        return PREFIX + m.kind().code() + "|" + m.channel() + "|" + m.number() + "|";
    }

    /**
     * {@code kuayu1|KIND|channel|}: the frame up to its number, so that {@code prefix(m) + number + "|" + body} is
     * {@code header(m) + body}. Remembered per kind for the last channel: a channel's frames share it, and building
     * it again for every frame would copy it through a Java {@code StringBuilder} each time.
     */
    public static String prefix(Message m) {
        MessageKind kind = m.kind();
        if (!kind.isWire()) {
            throw new IllegalArgumentException("local message kind " + kind + " cannot be encoded");
        }
        int k = kind.ordinal();
        String channel = m.channel();
        if (!channel.equals(PREFIX_CHANNEL[k])) {
            PREFIX_CHANNEL[k] = channel;
            PREFIX_TEXT[k] = PREFIX + kind.code() + "|" + channel + "|";
        }
        return PREFIX_TEXT[k];
    }

    private static final String[] PREFIX_CHANNEL = new String[MessageKind.values().length];
    private static final String[] PREFIX_TEXT = new String[MessageKind.values().length];

    /** True when the text looks like a Kuayu frame of any version (so it is worth a debug line if refused). */
    public static boolean isKuayuFrame(String text) {
        return text != null && text.startsWith(FAMILY);
    }

    /**
     * Decodes a frame.
     *
     * @throws WireFormatException for anything that is not a well-formed version-1 frame; the message says why
     */
    public static Message decode(String text) {
        if (text == null) {
            throw new WireFormatException("not a Kuayu frame: not a string");
        }
        if (!text.startsWith(PREFIX)) {
            if (text.startsWith(FAMILY)) {
                int bar = text.indexOf('|');
                String version = bar > 0 && bar < 16 ? text.substring(FAMILY.length(), bar) : "?";
                throw new WireFormatException("unsupported Kuayu protocol version '" + version + "' (this build speaks "
                        + VERSION + "); use the same Kuayu release on both pages");
            }
            throw new WireFormatException("not a Kuayu frame");
        }
        int kindStart = PREFIX.length();
        int kindEnd = text.indexOf('|', kindStart);
        if (kindEnd < 0) {
            throw new WireFormatException("truncated frame: no kind");
        }
        MessageKind kind = MessageKind.fromCode(text.substring(kindStart, kindEnd));
        if (kind == null) {
            throw new WireFormatException("unknown frame kind '" + abbreviate(text.substring(kindStart, kindEnd)) + "'");
        }
        int channelEnd = text.indexOf('|', kindEnd + 1);
        if (channelEnd < 0 || channelEnd - kindEnd - 1 > MAX_CHANNEL) {
            throw new WireFormatException("bad channel field");
        }
        String channel = text.substring(kindEnd + 1, channelEnd);
        for (int i = 0; i < channel.length(); i++) {
            char c = channel.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-')) {
                throw new WireFormatException("bad character in channel id");
            }
        }
        int numberEnd = text.indexOf('|', channelEnd + 1);
        int digits = numberEnd - channelEnd - 1;
        if (numberEnd < 0 || digits < 1 || digits > MAX_NUMBER_DIGITS) {
            throw new WireFormatException("bad number field");
        }
        int number = 0;
        for (int i = channelEnd + 1; i < numberEnd; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new WireFormatException("bad digit in number field");
            }
            number = number * 10 + (c - '0');
        }
        return new Message(kind, channel, number, text.substring(numberEnd + 1));
    }

    private static String abbreviate(String s) {
        return s.length() > 12 ? s.substring(0, 12) + "…" : s;
    }
}
