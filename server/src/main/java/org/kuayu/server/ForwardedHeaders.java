package org.kuayu.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * What {@link ReverseProxyHandler} tells its upstream about the client: the forwarding headers {@code Forwarded},
 * {@code X-Forwarded-For}, {@code X-Forwarded-Host}, {@code X-Forwarded-Proto} (and, dropped, every other
 * {@code X-Forwarded-*} and {@code X-Real-IP}).
 *
 * <p>By default the client's own values are removed and replaced with what the proxy saw: its address, the
 * {@code Host} it asked for, the scheme it used, so that an upstream that reads them cannot be fed a spoofed client
 * address or host (as the shipped nginx configuration does with {@code proxy_set_header}). Only a request whose
 * immediate peer is a {@linkplain ReverseProxyHandler.Builder#trustForwardedFrom trusted address} (a known load
 * balancer in front) keeps them: this proxy's hop is then appended to {@code Forwarded} and {@code X-Forwarded-For}
 * (nginx's {@code $proxy_add_x_forwarded_for}), and the peer's {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Proto} stay.
 */
final class ForwardedHeaders {
    private static final String X_REAL_IP = "x-real-ip";
    private static final String X_FORWARDED = "x-forwarded-";

    private final InetAddressSet trusted = new InetAddressSet();

    ForwardedHeaders(List<String> trustedAddresses) {
        trustedAddresses.forEach(trusted::add);
    }

    /** Whether the request's immediate peer is trusted to tell who the client is. */
    boolean trusts(Request request) {
        if (trusted.isEmpty()) {
            return false;
        }
        SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
        InetAddress address = peer instanceof InetSocketAddress socket ? socket.getAddress() : null;
        return address != null && trusted.test(address);
    }

    /** Removes every forwarding header the client sent (copied by Jetty into the upstream request). */
    static void removeInbound(HttpFields.Mutable headers) {
        List<String> names = headers.stream().map(f -> f.getLowerCaseName())
            .filter(n -> n.startsWith(X_FORWARDED) || n.equals(X_REAL_IP)).distinct().toList();
        names.forEach(headers::remove);
        headers.remove(HttpHeader.FORWARDED);
    }

    /** Sets the {@code X-Forwarded-*} headers from what the proxy saw (appending to a trusted peer's chain). */
    static void addOwn(Request request, HttpFields.Mutable headers, boolean trusted) {
        String client = Request.getRemoteAddr(request);
        String inboundFor = trusted ? headers.get(HttpHeader.X_FORWARDED_FOR) : null;
        headers.put(HttpHeader.X_FORWARDED_FOR, inboundFor == null ? client : inboundFor + ", " + client);
        if (!trusted || headers.get(HttpHeader.X_FORWARDED_HOST) == null) {
            String host = request.getHeaders().get(HttpHeader.HOST);
            if (host == null) {
                headers.remove(HttpHeader.X_FORWARDED_HOST);
            } else {
                headers.put(HttpHeader.X_FORWARDED_HOST, host);
            }
        }
        if (!trusted || headers.get(HttpHeader.X_FORWARDED_PROTO) == null) {
            String scheme = request.getHttpURI().getScheme();
            headers.put(HttpHeader.X_FORWARDED_PROTO, (scheme != null ? scheme : request.isSecure() ? "https" : "http")
                .toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return trusted.isEmpty() ? "replaced" : "trusted from " + trusted;
    }
}
