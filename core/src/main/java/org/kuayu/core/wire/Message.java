package org.kuayu.core.wire;

/**
 * One unit that travels through the stack: a kind, the channel it belongs to, a number (request id, or 0) and a
 * body (JSON text or a control value). Immutable except for the receive-side facts the stack's bottom fills in.
 * The number is an {@code int} of at most 9 digits on the wire ({@link WireCodec#MAX_NUMBER}): no {@code long},
 * which TeaVM compiles to {@code BigInt}.
 *
 * <p>Outgoing messages may name a {@code target} origin; the origin behaviour stamps the peer's origin on those
 * that do not. Incoming messages carry the sender's {@code origin} as the transport saw it and an optional
 * {@code attachment} (a transferred port).
 */
public final class Message {
    private final MessageKind kind;
    private final String channel;
    private final int number;
    private final String body;
    private final String origin;
    private final Object attachment;

    public Message(MessageKind kind, String channel, int number, String body) {
        this(kind, channel, number, body, null, null);
    }

    private Message(MessageKind kind, String channel, int number, String body, String origin, Object attachment) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        this.kind = kind;
        this.channel = channel == null ? "" : channel;
        this.number = number;
        this.body = body == null ? "" : body;
        this.origin = origin;
        this.attachment = attachment;
    }

    /** A local event message (never encoded). */
    public static Message local(MessageKind kind, String body) {
        return new Message(kind, "", 0, body);
    }

    /** A copy that records who sent it (received side) or where it goes (sending side). */
    public Message withOrigin(String newOrigin) {
        return new Message(kind, channel, number, body, newOrigin, attachment);
    }

    /** A copy that belongs to channel {@code id}. */
    public Message withChannel(String id) {
        return new Message(kind, id, number, body, origin, attachment);
    }

    /** A copy with request id {@code n}. */
    public Message withNumber(int n) {
        return new Message(kind, channel, n, body, origin, attachment);
    }

    /** A copy carrying a transferred object (a port), or a local ticket between layers. */
    public Message withAttachment(Object newAttachment) {
        return new Message(kind, channel, number, body, origin, newAttachment);
    }

    public MessageKind kind() {
        return kind;
    }

    public String channel() {
        return channel;
    }

    public int number() {
        return number;
    }

    public String body() {
        return body;
    }

    /** Received: the sender's origin. Sent: the target origin, or null for "the peer". */
    public String origin() {
        return origin;
    }

    public Object attachment() {
        return attachment;
    }

    @Override
    public String toString() {
        String shown = body.length() > 80 ? body.substring(0, 80) + "…(" + body.length() + " chars)" : body;
        return kind.name() + "[" + channel + "#" + number + (origin == null ? "" : " " + origin) + "] " + shown;
    }
}
