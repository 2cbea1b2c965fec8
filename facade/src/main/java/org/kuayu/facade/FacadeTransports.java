package org.kuayu.facade;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Platform;

/**
 * The transports a bundle of the JS API has, by the names of its {@code transport} option, and which of them
 * {@code "auto"} tries. A binding picks one set for its bundle: {@link #all()} for {@code kuayu.js},
 * {@code kuayu.mjs} and {@code kuayu-gwt.js}; {@link #postMessageOnly()} for {@code kuayu-pm.js}. Because the
 * facade reaches the transports only through this object, a bundle that never calls {@link #all()} leaves the other
 * transports' code out (TeaVM and GWT drop what nothing reaches).
 *
 * <pre>{@code
 * FacadeChannel.connect(platform, args, hooks);   // hooks.transports() says which set
 * }</pre>
 */
public abstract class FacadeTransports {
    /** Every transport: postMessage, document.domain, window.name, location.hash. */
    public static FacadeTransports all() {
        return new AllTransports();
    }

    /** postMessage alone, the smallest bundle. */
    public static FacadeTransports postMessageOnly() {
        return new PostMessageTransports();
    }

    /** True when {@code name} (not {@code "auto"}) names a transport of this bundle. */
    abstract boolean has(String name);

    /** INVALID_ARGUMENT's text for a {@code transport} option this bundle does not know. */
    abstract String unknown(String name);

    /** Whether {@code "auto"} may use a transport that needs a proxy page (then its default is looked for). */
    abstract boolean autoUsesProxy();

    /** Whether the transport of this name brings frames in through the page's own proxy.html on this side. */
    abstract boolean needsProxy(String name, boolean host);

    /** Adds the forced transport of this name. */
    abstract void forced(ConnectOptions.Builder b, String name);

    /** Adds the forced transport of this name. */
    abstract void forced(AcceptOptions.Builder b, String name);

    /**
     * Adds what {@code "auto"} tries on the host, in order; {@code remote} is the remote page's origin (null when
     * unknown), {@code hasProxy} whether this page has a proxy page.
     */
    abstract void autoHost(ConnectOptions.Builder b, Platform platform, Origin remote, boolean hasProxy);

    /** Adds what {@code "auto"} listens on in the remote page. */
    abstract void autoRemote(AcceptOptions.Builder b, boolean hasProxy);
}
