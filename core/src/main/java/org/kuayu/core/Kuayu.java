package org.kuayu.core;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.PinnedProxies;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportSetup;

/**
 * Opens channels: {@link #connect} in the host page, {@link #accept} in the remote page. The Java entry point; the
 * {@code kuayu} JS API of {@code kuayu.js} is a thin facade over it.
 *
 * <pre>{@code
 * // host page (a TeaVM app): talk to a page of another origin
 * CrossDomainChannel ch = Kuayu.connect(TeaVmPlatform.get(), ConnectOptions.builder()
 *         .remote("http://www.domain2.localhost:8082/remote.html")
 *         .transport(PostMessageTransport.FACTORY).build());
 * // remote page: admit the host
 * Kuayu.accept(TeaVmPlatform.get(), AcceptOptions.builder()
 *         .allowOrigin("http://www.domain1.localhost:8081")
 *         .transport(PostMessageTransport.FACTORY).build());
 * }</pre>
 */
public final class Kuayu {
    /** This release's version. */
    public static final String VERSION = "0.1.0";

    private Kuayu() {
    }

    /**
     * Opens a channel to the remote page named by the options, loading it in a hidden frame unless a frame is
     * given. Returns at once; the handshake runs in the background and {@code onReady} tells when it is done.
     *
     * <p>Over a request-only transport (JSONP, see {@code JsonpTransport}) the remote URL is a server endpoint:
     * no frame is created and there is no handshake; {@code onReady} fires in the next task, and each request is
     * one call of the endpoint.
     *
     * @throws KuayuException INVALID_ARGUMENT when the remote URL has no origin a page could have, when the proxy
     *                        page is not on this page's origin, or when the chosen transport cannot serve the
     *                        options (a request handler on a request-only transport, which cannot receive requests;
     *                        location.hash without a proxy page)
     */
    public static CrossDomainChannel connect(Platform platform, ConnectOptions options) {
        String url = options.remoteUrl() != null ? options.remoteUrl() : options.frame().src();
        if (url == null || url.isEmpty()) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the frame has no src: give it the remote page's URL");
        }
        String absolute = platform.resolveUrl(url);
        Origin origin = remoteOrigin(url, Origin.tryParse(absolute), options);
        String proxy = proxyUrl(platform, options);
        String channelId = platform.randomId();
        DebugLog log = debugLog(options, "kuayu[host " + channelId.substring(0, 8) + "] ");
        DefaultChannel channel = new DefaultChannel(platform, options, log, origin);
        TransportSetup setup = new TransportSetup(Role.HOST, platform, log,
                options.remoteUrl() != null ? absolute : null, options.frame(), proxy, null,
                options.trustsAncestors());
        open(channel, setup, options, origin.toString(), channelId);
        return channel;
    }

    /**
     * Accepts a channel from the host page that framed this page, if its origin is allowed. Returns at once.
     *
     * @throws KuayuException INVALID_ARGUMENT when the chosen transport is request-only (JSONP): its other end is
     *                        a server endpoint, never a page that accepts; or when the proxy page is not on this
     *                        page's origin
     */
    public static CrossDomainChannel accept(Platform platform, AcceptOptions options) {
        DebugLog log = debugLog(options, "kuayu[remote] ");
        DefaultChannel channel = new DefaultChannel(platform, options, log, null);
        TransportSetup setup = new TransportSetup(Role.REMOTE, platform, log, null, null,
                proxyUrl(platform, options), PinnedProxies.of(options), options.trustsAncestors());
        open(channel, setup, options, null, null);
        return channel;
    }

    /**
     * The remote's origin: an http(s) page's, or for a WebSocket server its http(s) equivalent (what the server's
     * frames come from). Refuses a URL the transports cannot take: a page URL over WebSocket, a ws URL for a page.
     */
    private static Origin remoteOrigin(String url, Origin origin, ConnectOptions options) {
        boolean socket = true;
        for (TransportFactory f : options.transports()) {
            socket &= f.connectsToWebSocket();
        }
        if (socket) {
            if (origin == null || !origin.isWebSocket() || options.frame() != null) {
                throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the websocket transport needs a ws:// or wss://"
                        + " URL of the server's endpoint as remote (no frame), got '" + url + "'");
            }
            return origin.httpEquivalent();
        }
        if (origin == null || !(origin.scheme().equals("http") || origin.scheme().equals("https"))) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the remote page's URL '" + url
                    + "' has no http(s) origin; give an http:// or https:// URL"
                    + (origin != null && origin.isWebSocket()
                    ? " (a ws:// server needs the websocket transport: transport \"websocket\")" : ""));
        }
        return origin;
    }

    /** The helper page's absolute URL, or null when none was given; one of another origin is refused. */
    private static String proxyUrl(Platform platform, ChannelOptions options) {
        if (options.proxyUrl() == null) {
            return null;
        }
        String absolute = platform.resolveUrl(options.proxyUrl());
        Origin origin = Origin.tryParse(absolute);
        if (origin == null || !origin.equals(Origin.tryParse(platform.selfOrigin()))) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the proxy page '" + options.proxyUrl()
                    + "' must be on this page's own origin " + platform.selfOrigin() + ": serve the kuayu folder"
                    + " (proxy.html, proxy.js) from this site and give its proxy.html");
        }
        return absolute;
    }

    private static void open(DefaultChannel channel, TransportSetup setup, ChannelOptions options,
            String remoteOrigin, String channelId) {
        List<TransportFactory> usable = new ArrayList<TransportFactory>();
        for (TransportFactory factory : options.transports()) {
            if (factory.isSupported(setup.platform(), setup.role())) {
                usable.add(factory);
            } else {
                setup.log().log("transport " + factory.name() + " is not available here");
            }
        }
        if (usable.isEmpty()) {
            channel.failLater(new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE,
                    "none of the transports " + names(options) + " works in this browser or page"));
            return;
        }
        channel.start(new TransportChoice(channel, setup, options, usable, remoteOrigin, channelId));
    }

    private static String names(ChannelOptions options) {
        StringBuilder sb = new StringBuilder();
        for (TransportFactory f : options.transports()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.name());
        }
        return sb.toString();
    }

    private static DebugLog debugLog(ChannelOptions options, String prefix) {
        return options.debugSink() == null ? DebugLog.off() : DebugLog.to(options.debugSink(), prefix);
    }
}
