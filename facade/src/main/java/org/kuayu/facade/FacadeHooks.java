package org.kuayu.facade;

import org.kuayu.core.DebugLog;
import org.kuayu.core.RequestHandler;

/**
 * What a binding gives the facade for one {@code kuayu.connect} / {@code kuayu.accept} call: the user's callbacks
 * of its options object, called as JS calls them. The binding implements it over its own JS values; the facade
 * decides when each is called.
 *
 * <pre>{@code
 * FacadeChannel channel = FacadeChannel.connect(platform, args, new TeaVmHooks(options));
 * }</pre>
 *
 * <p>Every call into user code is isolated: what a callback throws is rethrown in a new task (the console shows
 * it), never into Kuayu. A missing callback is simply not called.
 */
public interface FacadeHooks {
    /** {@code onReady()}. */
    void ready();

    /**
     * {@code onMessage(JSON.parse(json), origin)}. Returns false, calling nothing, when {@code json} is not JSON
     * (a misbehaving peer; the facade reports it).
     */
    boolean message(String json, String origin);

    /** {@code onClose()}. */
    void closed();

    /** {@code onError(error)} with a JS {@code Error} whose {@code code} is {@code code}. */
    void error(String code, String message);

    /** The request handler over {@code onRequest}, or null when the options have none. */
    RequestHandler requestHandler();

    /** The user's {@code debug} function as a sink, or null when {@code debug} is not a function. */
    DebugLog.Sink debugFunction();

    /**
     * The absolute URL of the bundle's own script file ({@code kuayu.js}, {@code kuayu.mjs}, {@code kuayu-gwt.js}),
     * or null when the binding cannot tell: the default {@code proxy} is the {@code proxy.html} next to it.
     */
    String scriptUrl();

    /** The transports of this bundle: {@link FacadeTransports#all()}, or fewer in a smaller bundle. */
    FacadeTransports transports();
}
