package org.kuayu.facade;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.iframe.domain.DomainTransport;
import org.kuayu.iframe.domain.ParentDomain;
import org.kuayu.iframe.hash.HashTransport;
import org.kuayu.iframe.name.NameTransport;
import org.kuayu.postmessage.PostMessageTransport;
import org.kuayu.websocket.WebSocketTransport;

/**
 * Every transport ({@link FacadeTransports#all()}): what {@code kuayu.js} has, WebSocket (forced only) included. The
 * host's {@code "auto"} order is
 * postMessage, document.domain (where the two origins share a parent domain), window.name and location.hash (where
 * this page has a proxy page). The remote's {@code "auto"} is postMessage alone: the others let pages that can
 * navigate frames write to it, and it takes them only when its page names them ({@code transport: ["postMessage",
 * "name", "hash"]}).
 */
final class AllTransports extends FacadeTransports {
    @Override
    boolean has(String name) {
        return PostMessageTransport.NAME.equals(name) || DomainTransport.NAME.equals(name)
                || NameTransport.NAME.equals(name) || HashTransport.NAME.equals(name)
                || WebSocketTransport.NAME.equals(name);
    }

    @Override
    String unknown(String name) {
        return "transport must be \"auto\", \"postMessage\", \"domain\", \"name\", \"hash\" or \"websocket\"";
    }

    @Override
    boolean autoUsesProxy() {
        return true;
    }

    @Override
    boolean needsProxy(String name, boolean host) {
        return NameTransport.NAME.equals(name) || host && HashTransport.NAME.equals(name);
    }

    private static TransportFactory factory(String name) {
        return DomainTransport.NAME.equals(name) ? DomainTransport.FACTORY
                : HashTransport.NAME.equals(name) ? HashTransport.FACTORY
                : NameTransport.NAME.equals(name) ? NameTransport.FACTORY
                : WebSocketTransport.NAME.equals(name) ? WebSocketTransport.FACTORY : PostMessageTransport.FACTORY;
    }

    @Override
    void forced(ConnectOptions.Builder b, String name) {
        b.transport(factory(name));
    }

    @Override
    void forced(AcceptOptions.Builder b, String name) {
        b.transport(factory(name));
    }

    @Override
    void autoHost(ConnectOptions.Builder b, Platform platform, Origin remote, boolean hasProxy) {
        b.transport(PostMessageTransport.FACTORY);
        if (ParentDomain.common(Origin.tryParse(platform.selfOrigin()), remote) != null) {
            b.transport(DomainTransport.FACTORY);
        }
        if (hasProxy) {
            b.transport(NameTransport.FACTORY).transport(HashTransport.FACTORY);
        }
    }

    @Override
    void autoRemote(AcceptOptions.Builder b, boolean hasProxy) {
        b.transport(PostMessageTransport.FACTORY);
    }
}
