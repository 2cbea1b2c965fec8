package org.kuayu.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.kuayu.core.stack.TransportFactory;

/**
 * What {@link ConnectOptions} and {@link AcceptOptions} share. Immutable; built with a builder; safe defaults:
 * timeout {@value #DEFAULT_TIMEOUT_MILLIS} ms, no listener (events are dropped), no request handler (requests are
 * answered with REMOTE_ERROR), debug log off.
 */
public abstract class ChannelOptions {
    /** The default handshake and request timeout. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 10000;

    private final List<TransportFactory> transports;
    private final int timeoutMillis;
    private final ChannelListener listener;
    private final RequestHandler requestHandler;
    private final DebugLog.Sink debugSink;
    private final boolean trustPayloadJson;
    private final String proxyUrl;
    private final boolean trustAncestors;

    protected ChannelOptions(Builder<?> b) {
        this.trustPayloadJson = b.trustPayloadJson;
        if (b.transports.isEmpty()) {
            throw new IllegalArgumentException("no transport given: add one, e.g. .transport(PostMessageTransport.FACTORY)");
        }
        this.transports = Collections.unmodifiableList(new ArrayList<TransportFactory>(b.transports));
        this.timeoutMillis = b.timeoutMillis;
        this.listener = b.listener != null ? b.listener : new ChannelListener() {
        };
        this.requestHandler = b.requestHandler;
        this.debugSink = b.debugSink;
        this.proxyUrl = b.proxyUrl;
        this.trustAncestors = b.trustAncestors;
    }

    /** True when the page trusts every page that frames it with its window.name and location.hash frames. */
    public boolean trustsAncestors() {
        return trustAncestors;
    }

    /** The helper page's URL as given (absolute or relative to this page), or null. */
    public String proxyUrl() {
        return proxyUrl;
    }

    /** The transports to try, in order (one: forced; several: automatic choice). */
    public List<TransportFactory> transports() {
        return transports;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    public ChannelListener listener() {
        return listener;
    }

    /** The request handler, or null. */
    public RequestHandler requestHandler() {
        return requestHandler;
    }

    /** True when the caller guarantees that outgoing payloads are valid JSON text (see the builder). */
    public boolean trustsPayloadJson() {
        return trustPayloadJson;
    }

    /** Where debug lines go, or null when the debug log is off. */
    public DebugLog.Sink debugSink() {
        return debugSink;
    }

    /** The shared setters. {@code B} is the concrete builder, so calls chain. */
    public abstract static class Builder<B extends Builder<B>> {
        private final List<TransportFactory> transports = new ArrayList<TransportFactory>();
        private int timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        private ChannelListener listener;
        private RequestHandler requestHandler;
        private DebugLog.Sink debugSink;
        private boolean trustPayloadJson;
        private String proxyUrl;
        private boolean trustAncestors;

        protected abstract B self();

        /**
         * Lets window.name and location.hash work in a page framed by a page of another origin (host), or a remote
         * page whose ancestors are not all allowed origins. Off by default, for a reason: an ancestor may navigate
         * every frame below it, so it can read the frames these transports write (secrets included) and write its
         * own. Only for pages that are framed by sites they trust with everything the channel carries.
         */
        public B trustAncestors() {
            trustAncestors = true;
            return self();
        }

        /**
         * The URL of Kuayu's helper page ({@code proxy.html}, with {@code proxy.js} next to it) on this page's own
         * origin, absolute or relative to this page, for the transports that bring frames in through a page of this
         * origin: location.hash (host) and window.name (host and remote). {@link Kuayu} refuses one of another
         * origin: only a page of this origin may hand frames to this page. Default: none, which those transports
         * refuse; the JS API defaults it to the {@code proxy.html} next to {@code kuayu.js}.
         */
        public B proxy(String url) {
            if (url == null || url.isEmpty()) {
                throw new IllegalArgumentException("proxy must be the URL of proxy.html on this page's own origin");
            }
            proxyUrl = url;
            return self();
        }

        /**
         * Skips validating outgoing JSON text (messages, requests, replies). Only for bindings whose payloads come
         * straight from {@code JSON.stringify}, such as the JS facade: validation would read every payload once
         * more. Text that is not JSON then fails on the other page instead of here.
         */
        public B trustPayloadJson() {
            trustPayloadJson = true;
            return self();
        }

        /** Adds a transport to try; the first added is tried first. */
        public B transport(TransportFactory factory) {
            if (factory == null) {
                throw new IllegalArgumentException("transport must not be null");
            }
            transports.add(factory);
            return self();
        }

        /** Timeout for the handshake and for each request, in ms (1 ms to 24 days). */
        public B timeoutMillis(int millis) {
            if (millis <= 0) {
                throw new IllegalArgumentException("timeout must be a positive number of milliseconds, got " + millis);
            }
            timeoutMillis = millis;
            return self();
        }

        public B listener(ChannelListener l) {
            listener = l;
            return self();
        }

        public B requestHandler(RequestHandler h) {
            requestHandler = h;
            return self();
        }

        /** Turns the debug log on, writing to {@code sink}. */
        public B debug(DebugLog.Sink sink) {
            debugSink = sink;
            return self();
        }
    }
}
