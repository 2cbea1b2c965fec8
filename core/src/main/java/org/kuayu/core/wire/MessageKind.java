package org.kuayu.core.wire;

/**
 * The kinds of {@link Message}. Wire kinds travel between pages as a three-letter code; local kinds never leave the
 * page: events that behaviours pass up their own stack, and instructions for the transport ({@code *_PATH},
 * {@code ABANDON}) that they pass down to it. The codec refuses to encode either; a behaviour passes local kinds it
 * does not handle on.
 */
public enum MessageKind {
    /** remote → host: "a page that accepts channels loaded here"; body: the remote's session id. */
    HELLO("HEL", true),
    /** host → remote: open the channel; body: JSON {@code {"v":1,"transport":name}}. */
    SYN("SYN", true),
    /** remote → host: the remote agrees; body: JSON {@code {"session":id}}. */
    ACK("ACK", true),
    /** both ways: host offers its private path (a port may ride along), remote confirms on it. */
    READY("RDY", true),
    /** remote → host: the host's origin is not allowed; body: JSON {@code {"code":..., "message":...}}. */
    REJECT("REJ", true),
    /** both ways: the sender closed the channel. */
    CLOSE("CLS", true),
    /** both ways: a one-way message; body: the payload's JSON text. */
    MESSAGE("MSG", true),
    /** both ways: a request; number: the request id; body: the payload's JSON text. */
    REQUEST("REQ", true),
    /** both ways: a reply to request {@code number}; body: the reply's JSON text. */
    RESPONSE("RES", true),
    /** both ways: request {@code number} failed; body: JSON {@code {"code":..., "message":...}}. */
    ERROR("ERR", true),
    /**
     * both ways: piece {@code index} of {@code count} of a frame too long for the transport; number: the fragment
     * id; body: {@code index|count|piece}. See {@code FragmentBehavior}.
     */
    FRAGMENT("FRG", true),
    /**
     * both ways: a frame numbered for reliable delivery; number: its sequence number; body:
     * {@code incarnation|generation|KIND|n|body}. See {@code ReliableBehavior}.
     */
    SEQUENCED("SEQ", true),
    /**
     * both ways: the receipt of sequenced frames; number: every frame up to it arrived; body:
     * {@code incarnation|generation|ranges} (the frames above it that arrived too). See {@code ReliableBehavior}.
     */
    SEQUENCE_ACK("SAK", true),

    /**
     * both ways: a frame carrying the per-channel secrets, on transports that cannot see the sender's origin;
     * number: the inner frame's; body: {@code from.to|KIND|body}. See {@code SecretBehavior}.
     */
    SECURED("SEC", true),

    /** local: the remote window finished loading a document (first load or reload). */
    LOADED("", false),
    /** local: the handshake completed; the channel is ready. */
    OPENED("", false),
    /**
     * local: the remote page went away (reload, navigation) or the connection dropped; the handshake runs again.
     * Body: empty, or JSON {@code {"code":..., "message":...}} for the page's {@code onError} (a dropped connection).
     */
    RESET("", false),
    /**
     * local: the transport lost its connection to the remote (a WebSocket closed unexpectedly) and reconnects by
     * itself; body: JSON {@code {"code":..., "message":...}} saying so, for the page's {@code onError}.
     */
    DROPPED("", false),
    /** local: the channel failed for good; body: JSON {@code {"code":..., "message":...}}. */
    FAILED("", false),
    /** local: the channel closed (either side); body: "local" or "remote". */
    CLOSED("", false),

    /** local, going down: the transport should prepare this side's half of its private path. */
    OFFER_PATH("", false),
    /** local, going down: the transport should take up the peer's half (the attachment) from the origin. */
    ACCEPT_PATH("", false),
    /** local, going down: the transport should drop its private path (the peer page went away). */
    DROP_PATH("", false),
    /**
     * local, going down: the caller of request {@code number} stopped waiting (its timeout fired); the transport
     * releases what it holds for that request, if anything (JSONP: the script element and the global).
     */
    ABANDON("", false),
    /**
     * local, going down: the remote's handshake just bound its channel to the host whose {@code SYN} is being
     * delivered; a transport that learns the host's return address from each frame keeps that one from now on (see
     * {@code Transport.bindPeer}), and {@code SecretBehavior} keeps that {@code SYN}'s secret.
     */
    BIND("", false);

    private final String code;
    private final boolean wire;

    MessageKind(String code, boolean wire) {
        this.code = code;
        this.wire = wire;
    }

    /** The three-letter wire code; empty for local kinds. */
    public String code() {
        return code;
    }

    /** True for the instructions to the transport about its private path. */
    public boolean isPathInstruction() {
        return this == OFFER_PATH || this == ACCEPT_PATH || this == DROP_PATH;
    }

    /** True for every instruction to the transport: the private-path ones, {@code ABANDON} and {@code BIND}. */
    public boolean isTransportInstruction() {
        return isPathInstruction() || this == ABANDON || this == BIND;
    }

    /** True for kinds that travel between pages. */
    public boolean isWire() {
        return wire;
    }

    /** The wire kind with this code, or null. */
    public static MessageKind fromCode(String code) {
        for (MessageKind kind : values()) {
            if (kind.wire && kind.code.equals(code)) {
                return kind;
            }
        }
        return null;
    }
}
