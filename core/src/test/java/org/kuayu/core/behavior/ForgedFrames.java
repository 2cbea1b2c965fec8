package org.kuayu.core.behavior;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames a hostile page could write into a window transport, made from fuzz data for {@link StackFuzzSession}: frames
 * shaped like the real ones at each level of the stack ({@code SEQ}/{@code SAK} on the link, {@code FRG} and
 * {@code SEC} inside a {@code SEQ}, the handshake and request/reply kinds inside a {@code SEC}), and now and then raw
 * text. Each field is by default what the forger is given (the real channel id, incarnations, generations and
 * sequence numbers: more than a real forger ever sees) and each may instead be fuzzed or a number at the edges (0,
 * 2^31, 10^15 - 1, Long.MAX_VALUE, 16 digits, a sign): so a typical frame is right but for a field or two, and reaches
 * the code behind each check. The {@code to} secret is by default the receiver's all but right (a character short,
 * long, changed, in capitals), rarely the real one: a frame with the real one is what a page that knows the secret
 * could send, which the session's oracle allows to deliver.
 *
 * <p>The fuzz data decide every choice; when they run out each choice is the default (FuzzedDataProvider then answers
 * 0 and false).
 */
final class ForgedFrames {
    private static final String[] CODES = {"MSG", "REQ", "RES", "ERR", "REJ", "CLS", "HEL", "SYN", "ACK", "RDY", "FRG",
        "SEQ", "SAK", "SEC", "XYZ", ""};
    private static final String[] NUMBERS = {"0", "1", "2", "9", "255", "256", "2147483647", "2147483648",
        "4294967296", "999999999", "1000000000", "999999999999999", "1000000000000000", "9223372036854775807",
        "9223372036854775808", "-1", "01", "", " 1", "1e3", "0x10"};

    /** What the forger knows of the channel it attacks, for the frames going to one side. */
    static final class Knowledge {
        String channel = "";
        /** The incarnation of the receiver's peer (its frames' first field), and the receiver's own. */
        String peerIncarnation = "";
        String ownIncarnation = "";
        /** The peer's stream the receiver takes now, and the number it expects next in it. */
        long receiveGeneration;
        long expectedSeq = 1;
        /** The receiver's own stream, and the last number it sent in it. */
        long sendGeneration;
        long sentSeq;
        /** The receiver's secret (what lets a frame through) and its peer's. */
        String secret = "";
        String peerSecret = "";
    }

    private final FuzzedDataProvider data;
    private final Knowledge known;

    ForgedFrames(FuzzedDataProvider data, Knowledge known) {
        this.data = data;
        this.known = known;
    }

    /** One frame as the link carries it: mostly a {@code SEQ}, else a {@code SAK}, another kind or raw text. */
    String onTheLink() {
        switch (data.consumeInt(0, 7)) {
            case 5:
                return acknowledgement();
            case 6:
                return frame(code(), channel(), number(), data.consumeString(200));
            case 7:
                return data.consumeString(400);
            default:
                return sequenced(known.expectedSeq + data.consumeInt(0, 3), inner(2));
        }
    }

    /**
     * A whole message cut into fragments the way {@link FragmentBehavior} does, each in a {@code SEQ} numbered from
     * the receiver's next expected number: the forger's best try at getting a message through all the layers.
     */
    List<String> fragmented() {
        String whole = secured(dataCode(), data.consumeInt(0, 2));
        int count = data.consumeInt(2, 6);
        String id = right() ? "" + (1 + data.consumeInt(0, 1000)) : number();
        String claimed = right() ? "" + count : number();
        List<String> frames = new ArrayList<String>();
        int size = (whole.length() + count - 1) / count;
        for (int i = 0; i < count; i++) {
            int from = Math.min(whole.length(), i * size);
            String piece = whole.substring(from, Math.min(whole.length(), from + size));
            String index = right() ? "" + i : number();
            frames.add(sequenced(known.expectedSeq + i, frame("FRG", channel(), id, index + "|" + claimed + "|"
                    + piece)));
        }
        if (!right()) {
            // Out of order: the last first.
            frames.add(0, frames.remove(frames.size() - 1));
        }
        return frames;
    }

    /** {@code kuayu1|SEQ|channel|seq|incarnation|generation|ack|KIND|n|body} around the inner frame's fields. */
    private String sequenced(long seq, String innerFrame) {
        String seqText = right() ? "" + seq : number();
        String ack;
        switch (data.consumeInt(0, 7)) {
            case 0:
            case 1:
            case 2:
                ack = "";
                break;
            case 6:
                ack = number() + "." + number();
                break;
            case 7:
                ack = data.consumeString(20);
                break;
            default:
                ack = known.sendGeneration + "." + Math.max(0, known.sentSeq + data.consumeInt(-1, 1));
        }
        // The inner frame's "kuayu1|KIND|channel|n|body" becomes "KIND|n|body" in the SEQ.
        String[] parts = split(innerFrame);
        String body = incarnation() + "|" + generation(known.receiveGeneration) + "|" + ack + "|" + parts[0] + "|"
                + parts[2] + "|" + parts[3];
        return frame("SEQ", parts[1], seqText, body);
    }

    /** {@code kuayu1|SAK||cumulative|incarnation|generation|ranges}. */
    private String acknowledgement() {
        StringBuilder ranges = new StringBuilder();
        int count = right() ? data.consumeInt(0, 3) : data.consumeInt(0, 100);
        for (int i = 0; i < count; i++) {
            ranges.append(i == 0 ? "" : ",").append(seqNumber());
            if (data.consumeBoolean()) {
                ranges.append('-').append(seqNumber());
            }
        }
        if (!right()) {
            ranges.append(data.consumeString(20));
        }
        String channel = right() ? "" : channel();
        return frame("SAK", channel, seqNumber(), incarnation() + "|" + generation(known.sendGeneration) + "|"
                + ranges);
    }

    /** A frame that may ride in a {@code SEQ}: mostly a {@code SEC}, else a fragment or another kind. */
    private String inner(int depth) {
        switch (data.consumeInt(0, 5)) {
            case 4:
                return frame(code(), channel(), number(), data.consumeString(200));
            case 5:
                return frame("FRG", channel(), number(), number() + "|" + number() + "|"
                        + (depth > 0 ? inner(depth - 1) : data.consumeString(200)));
            default:
                return secured(dataCode(), depth);
        }
    }

    /** {@code kuayu1|SEC|channel|n|from.to|KIND|body}: the frames every message of such a transport travels in. */
    private String secured(String kind, int depth) {
        String secrets = right() ? from() + "." + to() : data.consumeString(70);
        String body = depth > 0 && !right() ? inner(depth - 1) : body(kind);
        String n = right() ? "" + data.consumeInt(0, 3) : number();
        return frame("SEC", channel(), n, secrets + "|" + kind + "|" + body);
    }

    private String body(String kind) {
        if (!right()) {
            return data.consumeString(300);
        }
        switch (kind) {
            case "HEL":
                return data.consumeString(70);
            case "ACK":
            case "CLS":
                return "{\"session\":\"" + data.consumeString(70) + "\"}";
            case "SYN":
                return "{\"v\":1,\"transport\":\"injectable\"}";
            case "REJ":
            case "ERR":
                return "{\"code\":\"" + data.pickValue(new String[] {"ORIGIN_REJECTED", "TIMEOUT", "CLOSED",
                    "REMOTE_ERROR", "BOGUS", ""}) + "\",\"message\":\"" + data.consumeString(40) + "\"}";
            default:
                // The legitimate peer's payloads look like this: a forger may copy one, or make one up.
                return right() ? "[\"" + data.pickValue(new String[] {"h", "r", "q"}) + "\"," + data.consumeInt(0, 20)
                        + ",\"\"]" : data.consumeString(100);
        }
    }

    private String from() {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return known.peerSecret;
            case 1:
                return known.secret;
            case 2:
                return "";
            default:
                return data.consumeString(40);
        }
    }

    private String to() {
        switch (data.consumeInt(0, 15)) {
            case 12:
                return known.peerSecret;
            case 13:
                return "";
            case 14:
                return data.consumeString(40);
            case 15:
                return known.secret;
            default:
                return nearly(known.secret);
        }
    }

    /** {@code secret} all but right: a character short, long or changed, or in capitals. */
    private String nearly(String secret) {
        if (secret.isEmpty()) {
            return "0";
        }
        int at = data.consumeInt(0, secret.length() - 1);
        switch (data.consumeInt(0, 3)) {
            case 0:
                return secret.substring(0, at) + secret.substring(at + 1);
            case 1:
                return secret.substring(0, at) + data.consumeChar() + secret.substring(at);
            case 2:
                char c = secret.charAt(at);
                return secret.substring(0, at) + (char) (c == '0' ? '1' : c - 1) + secret.substring(at + 1);
            default:
                return secret.toUpperCase();
        }
    }

    private String incarnation() {
        switch (data.consumeInt(0, 7)) {
            case 6:
                return known.ownIncarnation;
            case 7:
                return data.consumeString(40);
            default:
                return known.peerIncarnation;
        }
    }

    private String generation(long current) {
        return right() ? "" + (current + (data.consumeInt(0, 7) == 7 ? 1 : 0)) : number();
    }

    private String seqNumber() {
        return right() ? "" + Math.max(0, known.sentSeq + data.consumeInt(-2, 3)) : number();
    }

    private String channel() {
        switch (data.consumeInt(0, 7)) {
            case 6:
                return "";
            case 7:
                return data.consumeString(40);
            default:
                return known.channel;
        }
    }

    private String dataCode() {
        return right() ? data.pickValue(new String[] {"MSG", "REQ", "RES", "ERR"}) : code();
    }

    private String code() {
        return data.pickValue(CODES);
    }

    private String number() {
        return data.consumeBoolean() ? "" + data.consumeLong(0, 1L << 40) : data.pickValue(NUMBERS);
    }

    /** True seven times in eight, and when the data ran out: take the real value. */
    private boolean right() {
        return data.consumeInt(0, 7) != 7;
    }

    private static String frame(String code, String channel, String number, String body) {
        return "kuayu1|" + code + "|" + channel + "|" + number + "|" + body;
    }

    /** {@code [KIND, channel, n, body]} of {@code kuayu1|KIND|channel|n|body}; raw text goes whole into the body. */
    private static String[] split(String frame) {
        String[] parts = {"MSG", "", "0", frame};
        int a = frame.indexOf('|');
        int b = a < 0 ? -1 : frame.indexOf('|', a + 1);
        int c = b < 0 ? -1 : frame.indexOf('|', b + 1);
        int d = c < 0 ? -1 : frame.indexOf('|', c + 1);
        if (d >= 0) {
            parts[0] = frame.substring(a + 1, b);
            parts[1] = frame.substring(b + 1, c);
            parts[2] = frame.substring(c + 1, d);
            parts[3] = frame.substring(d + 1);
        }
        return parts;
    }
}
