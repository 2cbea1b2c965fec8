package org.kuayu.core.stack;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelOptions;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.behavior.FragmentBehavior;
import org.kuayu.core.behavior.FragmentOptions;
import org.kuayu.core.behavior.HostHandshakeBehavior;
import org.kuayu.core.behavior.OriginBehavior;
import org.kuayu.core.behavior.ReliableBehavior;
import org.kuayu.core.behavior.ReliableOptions;
import org.kuayu.core.behavior.RemoteHandshakeBehavior;
import org.kuayu.core.behavior.RequestOnlyBehavior;
import org.kuayu.core.behavior.RpcBehavior;
import org.kuayu.core.behavior.SecretBehavior;
import org.kuayu.core.platform.Platform;

/**
 * The one place that says which behaviours sit on which transport. Read top (next to the channel) to bottom
 * (next to the transport); a message going down passes them in this order, one coming up in the reverse.
 *
 * <pre>
 *   page-to-page transport (postMessage,     request-only transport (JSONP: {@link Transport#isRequestOnly()})
 *     and websocket: a server plays the remote)
 *     request/reply                            request/reply (no request handler)
 *     handshake (host or remote)               ready at once, requests to the endpoint only
 *     origin verification
 *     per-channel secrets if the transport cannot see the sender's origin ({@link #layersBelowOrigin})
 *     fragmentation      if the transport limits frames ({@link #lowerLayers})
 *     reliable delivery  if it loses, duplicates or reorders them
 * </pre>
 *
 * <p>It also refuses what a transport's stack cannot serve, by throwing from {@code connect}/{@code accept}:
 * {@code KuayuException} INVALID_ARGUMENT for accepting over a request-only transport or giving it a request handler.
 */
public final class StackAssembly {
    private StackAssembly() {
    }

    /**
     * Builds the stack of one channel.
     *
     * @param remoteOrigin host: the remote page's origin; remote: null
     * @param channelId    host: the new channel's id; remote: null (learned in the handshake)
     * @throws KuayuException INVALID_ARGUMENT when the transport cannot serve this role or these options
     */
    public static Stack assemble(Role role, Transport transport, ChannelOptions options, Platform platform,
            DebugLog log, String remoteOrigin, String channelId, Link channelSide) {
        return assemble(role, transport, options, platform, log, remoteOrigin, channelId, channelSide,
                options.timeoutMillis());
    }

    /**
     * Builds the stack of one channel whose host handshake has its own timeout: one attempt of an automatic
     * choice, which leaves time for the transports after it.
     *
     * @param handshakeTimeoutMillis host: how long the handshake may take before it fails with TIMEOUT
     */
    public static Stack assemble(Role role, Transport transport, ChannelOptions options, Platform platform,
            DebugLog log, String remoteOrigin, String channelId, Link channelSide, int handshakeTimeoutMillis) {
        if (transport.isRequestOnly()) {
            return requestOnly(role, transport, options, platform, log, remoteOrigin, channelSide);
        }
        List<Behavior> layers = new ArrayList<Behavior>();

        // 1. Requests and replies, with a timer per request.
        layers.add(new RpcBehavior(platform, options.requestHandler(), options.trustsPayloadJson(), log));

        // 2. The handshake: channel id, readiness, queueing, reload recovery, close.
        if (role == Role.HOST) {
            layers.add(new HostHandshakeBehavior(platform, transport.name(), log, channelId, remoteOrigin,
                    handshakeTimeoutMillis));
        } else {
            layers.add(new RemoteHandshakeBehavior(platform, transport.name(), log));
        }

        // 3. Who may talk: the browser names the sender's origin on postMessage-like transports.
        if (role == Role.HOST) {
            layers.add(OriginBehavior.forHost(remoteOrigin, log));
        } else {
            AcceptOptions accept = (AcceptOptions) options;
            layers.add(OriginBehavior.forRemote(accept.allowedOrigins(), accept.allowAnyOrigin(),
                    platform.parentOriginHint(), log));
        }

        // 4-7. Secrets, fragmentation, reliable delivery: what a transport that cannot see the sender's origin,
        // limits or loses frames needs (none: postMessage), listed in layersBelowOrigin, asked of the transport.
        List<Behavior> below = transport.layersBelowOrigin(role, platform, log);
        boolean needsSome = !transport.seesSenderOrigin() || transport.needsReliableDelivery()
                || transport.maxFrameLength() != 0;
        if (needsSome && below.isEmpty()) {
            throw new IllegalStateException("transport " + transport.name() + " cannot see the sender's origin,"
                    + " limits or loses frames, but brings no layers for it: its layersBelowOrigin(...) must return"
                    + " StackAssembly.layersBelowOrigin(role, this, platform, log)");
        }
        layers.addAll(below);
        return new Stack(layers, transport, channelSide, log, platform);
    }

    /**
     * The layers between the origin check and a transport that cannot see the sender's origin, limits or loses frames,
     * top to bottom: {@link SecretBehavior} when it cannot see the sender's origin (a fragment, a mailbox: a secret per
     * side, so that only the peer of the handshake gets through; the origin above is then the one the transport
     * vouches for), then {@link #lowerLayers}. Such transports return it from
     * {@link Transport#layersBelowOrigin}.
     *
     * <pre>{@code
     * public List<Behavior> layersBelowOrigin(Role role, Platform platform, DebugLog log) {
     *     return StackAssembly.layersBelowOrigin(role, this, platform, log);
     * }
     * }</pre>
     */
    public static List<Behavior> layersBelowOrigin(Role role, Transport transport, Platform platform, DebugLog log) {
        List<Behavior> layers = new ArrayList<Behavior>();
        if (!transport.seesSenderOrigin()) {
            layers.add(new SecretBehavior(role, platform, log));
        }
        layers.addAll(lowerLayers(transport, platform, log));
        return layers;
    }

    /**
     * The layers a transport that limits or loses frames needs between the origin check and itself, top to bottom:
     * {@link ReachabilityBehavior} when it needs reliable delivery (frames it cannot deliver must not take a number),
     * {@link FragmentBehavior} when {@link Transport#maxFrameLength()} is not 0, then {@link ReliableBehavior} when
     * {@link Transport#needsReliableDelivery()}, with {@link Transport#reliableWindow()} frames in flight and the
     * other {@link ReliableOptions} defaults. Empty for postMessage.
     *
     * <p>Fragmentation sits above reliable delivery so that each fragment is acknowledged and sent again alone (see
     * {@link FragmentBehavior}); its limit is the transport's less {@link ReliableBehavior#MAX_OVERHEAD}. A transport
     * whose limit counts encoded characters ({@link Transport#frameCost()}) has frames measured and cut by that cost,
     * the reserve counted by it ({@link ReliableBehavior#maxOverhead}), and acknowledgements (ASCII) kept within the
     * limit divided by the dearest printable ASCII character.
     *
     * <pre>{@code
     * layers.addAll(StackAssembly.lowerLayers(transport, platform, log));
     * }</pre>
     *
     * @throws IllegalStateException when the transport's limit or window is out of range (the message says which)
     */
    public static List<Behavior> lowerLayers(Transport transport, Platform platform, DebugLog log) {
        List<Behavior> layers = new ArrayList<Behavior>();
        boolean reliable = transport.needsReliableDelivery();
        int limit = transport.maxFrameLength();
        FrameCost cost = transport.frameCost();
        int reserve = reliable ? ReliableBehavior.maxOverhead(cost) : 0;
        int ascii = cost == null ? 1 : FrameCost.most(cost, ' ', '~');
        // In double: a cost may be anything, and GWT does not wrap int multiplication (nor TeaVM long without BigInt).
        int least = (int) Math.min(Integer.MAX_VALUE, Math.max(FragmentOptions.MIN_FRAME_LENGTH + (double) reserve,
                (double) FragmentOptions.MIN_FRAME_LENGTH * ascii));
        if (limit != 0 && limit < least) {
            throw new IllegalStateException("transport " + transport.name() + ": maxFrameLength() " + limit
                    + " leaves no room for the fragment and reliable headers; it must be 0 or at least " + least);
        }
        int window = transport.reliableWindow();
        if (reliable && (window < 1 || window > ReliableOptions.MAX_WINDOW)) {
            throw new IllegalStateException("transport " + transport.name() + ": reliableWindow() must be 1 to "
                    + ReliableOptions.MAX_WINDOW + " when it needs reliable delivery, got " + window);
        }
        if (reliable) {
            final Transport reaching = transport;
            layers.add(new ReachabilityBehavior(new Reachability() {
                @Override
                public boolean canReach(String targetOrigin) {
                    return reaching.canReach(targetOrigin);
                }
            }, log));
        }
        if (limit > 0) {
            layers.add(new FragmentBehavior(platform, FragmentOptions.builder(limit - reserve).cost(cost).build(),
                    log));
        }
        if (reliable) {
            layers.add(new ReliableBehavior(platform, ReliableOptions.builder().window(window)
                    .maxFrameLength(limit / ascii).build(), log));
        }
        return layers;
    }

    /**
     * A request-only transport's stack: each request is one call that brings its own answer, so there is no
     * handshake, no origin to verify (the transport matches answers to calls) and nothing the other end can push.
     */
    private static Stack requestOnly(Role role, Transport transport, ChannelOptions options, Platform platform,
            DebugLog log, String endpointOrigin, Link channelSide) {
        String name = transport.name();
        if (role == Role.REMOTE) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the " + name + " transport cannot accept channels:"
                    + " its other end is a server endpoint, not a page (a JSONP endpoint is served by JsonpHandler"
                    + " of kuayu-server); accept over a page-to-page transport such as postMessage");
        }
        if (options.requestHandler() != null) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the " + name + " transport cannot receive"
                    + " requests (its endpoint cannot push): remove requestHandler(...) from the options");
        }
        List<Behavior> layers = new ArrayList<Behavior>();

        // 1. Requests and replies, with a timer per request; a timeout abandons the transport's call.
        layers.add(new RpcBehavior(platform, null, options.trustsPayloadJson(), log));

        // 2. Instead of handshake and origin verification: ready in the next task, requests to the endpoint only.
        layers.add(new RequestOnlyBehavior(platform, name, endpointOrigin, log));
        return new Stack(layers, transport, channelSide, log, platform);
    }
}
