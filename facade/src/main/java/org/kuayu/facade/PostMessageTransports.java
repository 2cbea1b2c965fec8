package org.kuayu.facade;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Platform;
import org.kuayu.postmessage.PostMessageTransport;

/**
 * postMessage alone ({@link FacadeTransports#postMessageOnly()}): what {@code kuayu-pm.js} has. {@code "auto"} is
 * postMessage; any other transport is refused with a message that names the full bundle.
 */
final class PostMessageTransports extends FacadeTransports {
    @Override
    boolean has(String name) {
        return PostMessageTransport.NAME.equals(name);
    }

    @Override
    String unknown(String name) {
        boolean known = "domain".equals(name) || "name".equals(name) || "hash".equals(name)
                || "websocket".equals(name);
        return known ? "transport \"" + name + "\" is not in kuayu-pm.js, which has postMessage only: load kuayu.js"
                : "transport must be \"auto\" or \"postMessage\" (kuayu-pm.js has postMessage only)";
    }

    @Override
    boolean autoUsesProxy() {
        return false;
    }

    @Override
    boolean needsProxy(String name, boolean host) {
        return false;
    }

    @Override
    void forced(ConnectOptions.Builder b, String name) {
        b.transport(PostMessageTransport.FACTORY);
    }

    @Override
    void forced(AcceptOptions.Builder b, String name) {
        b.transport(PostMessageTransport.FACTORY);
    }

    @Override
    void autoHost(ConnectOptions.Builder b, Platform platform, Origin remote, boolean hasProxy) {
        b.transport(PostMessageTransport.FACTORY);
    }

    @Override
    void autoRemote(AcceptOptions.Builder b, boolean hasProxy) {
        b.transport(PostMessageTransport.FACTORY);
    }
}
