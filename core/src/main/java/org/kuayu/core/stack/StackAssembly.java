package org.kuayu.core.stack;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelOptions;
import org.kuayu.core.DebugLog;
import org.kuayu.core.behavior.HostHandshakeBehavior;
import org.kuayu.core.behavior.OriginBehavior;
import org.kuayu.core.behavior.RemoteHandshakeBehavior;
import org.kuayu.core.behavior.RpcBehavior;
import org.kuayu.core.platform.Platform;

/**
 * The one place that says which behaviours sit on which transport. Read top (next to the channel) to bottom
 * (next to the transport); a message going down passes them in this order, one coming up in the reverse.
 */
public final class StackAssembly {
    private StackAssembly() {
    }

    /**
     * Builds the stack of one channel.
     *
     * @param remoteOrigin host: the remote page's origin; remote: null
     * @param channelId    host: the new channel's id; remote: null (learned in the handshake)
     */
    public static Stack assemble(Role role, Transport transport, ChannelOptions options, Platform platform,
            DebugLog log, String remoteOrigin, String channelId, Link channelSide) {
        List<Behavior> layers = new ArrayList<Behavior>();

        // 1. Requests and replies, with a timer per request.
        layers.add(new RpcBehavior(platform, options.requestHandler(), options.trustsPayloadJson(), log));

        // 2. The handshake: channel id, readiness, queueing, reload recovery, close.
        if (role == Role.HOST) {
            layers.add(new HostHandshakeBehavior(platform, transport.name(), log, channelId, remoteOrigin,
                    options.timeoutMillis()));
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

        // Transports that cannot see the sender's origin, lose frames or limit their size need a per-channel
        // secret, reliable delivery and fragmentation below here; none of those transports exists yet.
        if (!transport.seesSenderOrigin() || transport.needsReliableDelivery() || transport.maxFrameLength() > 0) {
            throw new IllegalStateException("transport " + transport.name() + " needs secret verification,"
                    + " reliable delivery or fragmentation, which this release does not assemble yet");
        }
        return new Stack(layers, transport, channelSide, log, platform);
    }
}
