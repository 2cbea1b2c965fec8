package org.kuayu.core.stack;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Platform;

/**
 * Moves strings between this page and one other window (or server). It knows nothing of requests, handshakes or
 * payloads: those are {@link Behavior}s that {@link StackAssembly} puts above it according to the transport's
 * capabilities.
 *
 * <p>A transport filters what it can see: a window transport passes up only frames whose source is the expected
 * window. Origin checks, channel ids and everything else belong to the behaviours.
 */
public interface Transport {
    /** The name users force it by ({@code "postMessage"}, ...), also shown as {@code channel.transport}. */
    String name();

    /** True when the browser tells the receiver the sender's origin (postMessage); else a secret must prove it. */
    boolean seesSenderOrigin();

    /** True when frames can be lost, duplicated or reordered, so reliable delivery must sit above it. */
    boolean needsReliableDelivery();

    /**
     * When {@link #needsReliableDelivery()}: how many sequenced frames may be unacknowledged at once, 1 to 256 (see
     * {@code ReliableBehavior}): 1 where a new frame replaces one the peer has not read yet (location.hash), more
     * where frames queue (window.name). Otherwise 0.
     */
    int reliableWindow();

    /**
     * The longest frame it can carry in one piece, in characters (UTF-16 units) of the wire string before any
     * encoding of its own, or by {@link #frameCost()} when it gives one; 0 for no limit worth fragmenting for. At
     * least 185 when not 0 (more with a cost): the fragment header and the reliable layer's must fit (see
     * {@code StackAssembly.lowerLayers}).
     */
    int maxFrameLength();

    /**
     * How {@link #maxFrameLength()} counts: null (the default) for characters of the wire string as they are, or the
     * cost of each character in this transport's own encoding (location.hash: percent-encoded, so that the limit
     * bounds the URL). Fragmentation then measures and cuts frames by that cost.
     */
    default FrameCost frameCost() {
        return null;
    }

    /**
     * The layers this transport needs between the origin check and itself, top to bottom: none for postMessage.
     * A transport that cannot see who sent a frame ({@link #seesSenderOrigin()} false), limits frames
     * ({@link #maxFrameLength()}) or loses them ({@link #needsReliableDelivery()}) returns
     * {@code StackAssembly.layersBelowOrigin(role, this, platform, log)}, the one place those layers are listed;
     * {@link StackAssembly} refuses a stack where it did not. The call lives here, not in StackAssembly, so that a
     * bundle without such transports leaves those layers' code out (TeaVM and GWT drop code nothing calls).
     */
    default List<Behavior> layersBelowOrigin(Role role, Platform platform, DebugLog log) {
        return new ArrayList<Behavior>();
    }

    /**
     * Whether a frame for {@code targetOrigin} would reach the peer now. Default true: the browser filters (postMessage
     * delivers only to its target origin). A transport that reaches one page only says false to other origins, and
     * {@link StackAssembly} then drops such frames before reliable delivery numbers them
     * ({@link ReachabilityBehavior}).
     */
    default boolean canReach(String targetOrigin) {
        return true;
    }

    /**
     * True when the other end is not a page but an endpoint that answers this page's requests, one call each
     * (JSONP): there is no connection to hand-shake over, nothing can be pushed from the other side, and only
     * {@code REQ} frames go down, each answered by exactly one {@code RES} or {@code ERR} frame coming up with the
     * same number. {@link StackAssembly} then builds a stack without handshake and origin verification (the
     * transport matches each answer to its call itself), and refuses what such a transport cannot serve.
     */
    boolean isRequestOnly();

    /** Starts listening (and, on the host, loads or adopts the remote frame). */
    void open(TransportListener listener);

    /**
     * Sends one frame.
     *
     * @param targetOrigin the origin the receiving window must have for the browser to deliver it
     */
    void send(String frame, String targetOrigin);

    /**
     * Prepare this side's half of a private path (postMessage: a MessageChannel this page posts into). Its far end
     * rides along with the next frame sent; from then on, once the peer's half has been accepted too, frames go
     * over the private path. Returns false when there is none. Asked for (through the stack) by the host
     * handshake before its {@code RDY} and by the remote's before its answering {@code RDY}. By default there is none.
     */
    default boolean offerPrivatePath() {
        return false;
    }

    /**
     * Take up the peer's half of the private path, which arrived as {@code attachment} with a frame from
     * {@code origin} (already verified by the behaviours); frames arriving over it are reported as from that
     * origin. Returns false when the attachment is not one (always, by default).
     */
    default boolean acceptPrivatePath(Object attachment, String origin) {
        return false;
    }

    /** Drop the private path (the other page went away); frames go over the public path again. Default: nothing. */
    default void dropPrivatePath() {
    }

    /**
     * The caller of request {@code number} (a {@code REQ} frame this transport sent) stopped waiting: its timeout
     * fired. A transport that holds something per request (JSONP: a script element, a global) releases it now; an
     * answer that still comes is dropped by the stack. A transport that only moves frames does nothing (the default).
     */
    default void abandonRequest(int number) {
    }

    /**
     * The remote's handshake bound the channel to the host whose frame is being delivered right now
     * ({@link org.kuayu.core.wire.MessageKind#BIND}): a transport that learns the host's return address from each
     * frame (location.hash) keeps the address of that frame and ignores frames naming any other from now on.
     * Nothing for transports that see the sender (postMessage) or whose address is fixed when they open.
     */
    default void bindPeer() {
    }

    /** Stops listening, releases everything, and removes the frame if this transport created it. */
    void close();
}
