package org.kuayu.server;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reverse proxy to one upstream server, named in its configuration: the Java twin of an nginx
 * {@code location} with {@code proxy_pass}, {@code proxy_cookie_domain}, {@code proxy_cookie_path} and
 * {@code proxy_redirect}, or of http-proxy-middleware with {@code cookieDomainRewrite}. It is Jetty's core
 * {@link ProxyHandler} (which copies requests, streams both bodies, removes the standard hop-by-hop headers and
 * adds {@code Via} and {@code Forwarded}); this class decides where requests go and what comes back.
 *
 * <p>Why: a page may call its own origin freely. Put the proxy on the page's origin (or on the same site, another
 * port) and the browser sees one site; the proxy, a server, has no same-origin policy. Rewrite the upstream's
 * cookies to the proxy's domain and a login at the upstream becomes a cookie of the page's site, sent back with
 * every later request.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>Not an open proxy.</b> Every request goes to the configured upstream: scheme, host and port come from
 *       the configuration only. The request adds its path in context and its query; its {@code Host} header, an
 *       absolute-form target ({@code GET http://other.host/ HTTP/1.1}), {@code Forwarded}/{@code X-Forwarded-*}
 *       headers and paths such as {@code //other.host/} change nothing about where it goes. {@code CONNECT} is
 *       answered {@code 405}, a target that is not a path {@code 400}; redirects are never followed (they go back
 *       to the browser, rewritten).</li>
 *   <li><b>Cookies</b> of the upstream's {@code Set-Cookie} headers are rewritten by a {@link CookieRewrite}, one
 *       header at a time, every other attribute kept.</li>
 *   <li><b>Redirects</b>: a {@code Location} or {@code Content-Location} on the upstream's own origin (its
 *       configured URI or the {@link Builder#hostHeader Host} it is sent), under its base path, becomes a path on
 *       this proxy, the context path in front ({@code http://www.domain2.com:8080/a} becomes {@code /a}, as
 *       nginx's {@code proxy_redirect}); other locations, which this proxy does not map, pass unchanged.</li>
 *   <li><b>Hop-by-hop headers</b> ({@code Connection} and those it names, {@code Keep-Alive}, {@code TE},
 *       {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}, {@code Proxy-*}) are dropped both ways, and
 *       the upstream's {@code Date} and {@code Server} (this server sends its own, as nginx does);
 *       {@code Forwarded} (RFC 7239: {@code by}, {@code for}, {@code host}, {@code proto}) and {@code Via}
 *       (with a pseudonym, not the machine's name) are added.</li>
 *   <li><b>Failures</b> are told plainly: an upstream that cannot be reached is {@code 502 Bad Gateway}, one that
 *       has not answered within the {@link Builder#timeout timeout} {@code 504 Gateway Timeout}, each with a
 *       {@code text/plain} body that says so, and without the upstream's address.</li>
 * </ul>
 * The upstream gets the request's {@code Host} replaced by the upstream's own ({@link Builder#hostHeader} to send
 * another, as nginx's {@code proxy_set_header Host}), and the browser's cookies as they are.
 *
 * <p>Defaults: no cookie rewriting, {@code Host} of the upstream URI, timeout {@value #DEFAULT_TIMEOUT_SECONDS} s,
 * connect timeout {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s, {@code Via} pseudonym {@value #DEFAULT_VIA}. The
 * options are fixed when the handler is built; Jetty's setters fail once it has started.
 *
 * <pre>{@code
 * ReverseProxyHandler proxy = ReverseProxyHandler.builder()
 *     .upstream(URI.create("http://127.0.0.1:8080"))          // proxy_pass http://127.0.0.1:8080;
 *     .hostHeader("www.domain2.com:8080")                      // proxy_set_header Host www.domain2.com:8080;
 *     .cookies(CookieRewrite.builder()
 *         .domain("www.domain2.com", "www.domain1.com")        // proxy_cookie_domain www.domain2.com www.domain1.com;
 *         .build())
 *     .timeout(Duration.ofSeconds(10))                         // proxy_read_timeout 10s;
 *     .build();
 * server.setHandler(new ContextHandler(proxy, "/"));           // or under "/api": /api/x goes to /x
 * }</pre>
 */
public final class ReverseProxyHandler extends ProxyHandler {

    /** The default time the upstream has to answer, in seconds: {@value}. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 30;
    /** The default time to open a connection to the upstream, in seconds: {@value}. */
    public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    /** The default pseudonym in the {@code Via} header: {@value}. */
    public static final String DEFAULT_VIA = "kuayu";

    private static final Logger LOG = LoggerFactory.getLogger(ReverseProxyHandler.class);
    private static final Set<HttpHeader> HOP_HEADERS = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
        HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_AUTHORIZATION, HttpHeader.PROXY_CONNECTION, HttpHeader.TE,
        HttpHeader.TRAILER, HttpHeader.TRANSFER_ENCODING, HttpHeader.UPGRADE);
    /** What this server says itself (as nginx, which does not pass the upstream's either). */
    private static final Set<HttpHeader> OWN_HEADERS = EnumSet.of(HttpHeader.DATE, HttpHeader.SERVER);
    /** What an upstream's answer says about its body, dropped when the proxy answers an error instead. */
    private static final List<HttpHeader> BODY_HEADERS = List.of(HttpHeader.CONTENT_LENGTH, HttpHeader.CONTENT_TYPE,
        HttpHeader.CONTENT_ENCODING, HttpHeader.CONTENT_RANGE, HttpHeader.ETAG, HttpHeader.LAST_MODIFIED,
        HttpHeader.SET_COOKIE, HttpHeader.LOCATION);

    private final URI upstream;
    private final String basePath;
    private final LocationRewrite locations;
    private final CookieRewrite cookies;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final ForwardedHeaders forwarded;

    private ReverseProxyHandler(Builder builder) {
        this.forwarded = new ForwardedHeaders(builder.trustedForwarders);
        this.upstream = builder.upstream;
        String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.cookies = builder.cookies;
        this.timeout = builder.timeout;
        this.connectTimeout = builder.connectTimeout;
        String hostHeader = builder.hostHeader != null ? builder.hostHeader : authority(upstream);
        this.locations = new LocationRewrite(upstream.getScheme(), List.of(authority(upstream), hostHeader), basePath);
        super.setProxyToServerHost(hostHeader);
        super.setViaHost(builder.via);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The one server every request goes to. */
    public URI getUpstream() {
        return upstream;
    }

    public CookieRewrite getCookieRewrite() {
        return cookies;
    }

    public Duration getTimeout() {
        return timeout;
    }

    @Override
    public void setProxyToServerHost(String host) {
        throwIfStarted();
        super.setProxyToServerHost(host);
    }

    @Override
    public void setViaHost(String viaHost) {
        throwIfStarted();
        super.setViaHost(viaHost);
    }

    @Override
    public void setHttpClient(HttpClient httpClient) {
        throwIfStarted();
        super.setHttpClient(httpClient);
    }

    private void throwIfStarted() {
        if (isStarted()) {
            throw new IllegalStateException("The proxy to " + upstream + " is started; configure it before start()");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        LOG.info("Reverse proxy to {} (Host {}, cookies {}, forwarding headers {}, timeout {} ms)", upstream,
            getProxyToServerHost(), cookies, forwarded, timeout.toMillis());
    }

    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("kuayu-proxy-client");
        connector.setExecutor(threads);
        return new HttpClient(new HttpClientTransportDynamic(connector));
    }

    @Override
    protected void configureHttpClient(HttpClient httpClient) {
        super.configureHttpClient(httpClient);
        httpClient.setConnectTimeout(connectTimeout.toMillis());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (HttpMethod.CONNECT.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS");
            writeText(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                "405 Method Not Allowed: this is a reverse proxy to one configured server, not a tunnel");
            return true;
        }
        String path = Request.getPathInContext(request);
        if (path == null || (!path.isEmpty() && !path.startsWith("/"))) {
            writeText(response, callback, HttpStatus.BAD_REQUEST_400, "400 Bad Request: the target must be a path");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** The configured upstream with the request's path in context and query; nothing else of the request. */
    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        String path = Request.getPathInContext(request);
        return HttpURI.build()
            .scheme(upstream.getScheme())
            .host(upstream.getHost())
            .port(upstream.getPort())
            .path(basePath + (path.isEmpty() ? "/" : path))
            .query(request.getHttpURI().getQuery());
    }

    /**
     * Replaces the client's forwarding headers with what this proxy saw, unless its peer is trusted
     * ({@link ForwardedHeaders}); Jetty's {@code Forwarded} is then added to what is left.
     */
    @Override
    protected void addForwardedHeader(Request request, org.eclipse.jetty.client.Request proxyRequest) {
        boolean trusted = forwarded.trusts(request);
        if (!trusted) {
            proxyRequest.headers(ForwardedHeaders::removeInbound);
        }
        super.addForwardedHeader(request, proxyRequest);
        proxyRequest.headers(headers -> ForwardedHeaders.addOwn(request, headers, trusted));
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI target) {
        return super.newProxyToServerRequest(request, target).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(
            Request request, org.eclipse.jetty.client.Request proxyRequest, Response response, Callback callback) {
        return new RewritingListener(request, proxyRequest, response, callback);
    }

    @Override
    protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request proxyRequest,
                                                  org.eclipse.jetty.client.Response upstreamResponse,
                                                  Response response, Callback callback, Throwable failure) {
        if (response.isCommitted()) {
            LOG.debug("The upstream {} failed after the answer started: {}", upstream, failure.toString());
            callback.failed(failure);
            return;
        }
        BODY_HEADERS.forEach(response.getHeaders()::remove);
        if (failure instanceof TimeoutException) {
            LOG.info("The upstream {} did not answer {} {} within {} ms: 504", upstream, request.getMethod(),
                Request.getPathInContext(request), timeout.toMillis());
            writeText(response, callback, HttpStatus.GATEWAY_TIMEOUT_504, "504 Gateway Timeout: the upstream server "
                + "did not answer within " + timeout.toMillis() + " ms");
        } else {
            LOG.info("The upstream {} could not be reached for {} {}: {}: 502", upstream, request.getMethod(),
                Request.getPathInContext(request), failure.toString());
            writeText(response, callback, HttpStatus.BAD_GATEWAY_502, "502 Bad Gateway: the upstream server could "
                + "not be reached or broke the connection");
        }
    }

    private static void writeText(Response response, Callback callback, int status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A {@code Location} on the upstream's origin, as a path on this proxy; any other unchanged. */
    String rewriteLocation(String location, String contextPath) {
        return locations.rewrite(location, contextPath);
    }

    private static String authority(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** Copies the upstream's headers without hop-by-hop ones, cookies and redirects rewritten. */
    private final class RewritingListener extends ProxyResponseListener {
        private final Request request;
        private final Response response;

        RewritingListener(Request request, org.eclipse.jetty.client.Request proxyRequest, Response response,
                          Callback callback) {
            super(request, proxyRequest, response, callback);
            this.request = request;
            this.response = response;
        }

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response upstreamResponse) {
            HttpFields headers = upstreamResponse.getHeaders();
            Set<String> named = new HashSet<>();
            for (String value : headers.getValuesList(HttpHeader.CONNECTION)) {
                for (String name : value.split(",")) {
                    named.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
            String contextPath = Request.getContextPath(request);
            for (HttpField field : headers) {
                if (HOP_HEADERS.contains(field.getHeader()) || named.contains(field.getLowerCaseName())
                    || OWN_HEADERS.contains(field.getHeader())) {
                    continue;
                }
                HttpField copy = field;
                if (field.getHeader() == HttpHeader.SET_COOKIE) {
                    copy = new HttpField(HttpHeader.SET_COOKIE, cookies.rewrite(field.getValue()));
                } else if (field.getHeader() == HttpHeader.LOCATION || field.getHeader() == HttpHeader.CONTENT_LOCATION) {
                    copy = new HttpField(field.getHeader(), rewriteLocation(field.getValue(),
                        contextPath == null || contextPath.equals("/") ? "" : contextPath));
                }
                response.getHeaders().add(copy);
            }
        }
    }

    /**
     * The options of a {@link ReverseProxyHandler}; each setter checks its argument and says how to fix it.
     *
     * <pre>{@code
     * ReverseProxyHandler.builder().upstream(URI.create("http://127.0.0.1:8082")).build();
     * }</pre>
     */
    public static final class Builder {
        private URI upstream;
        private String hostHeader;
        private CookieRewrite cookies = CookieRewrite.NONE;
        private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
        private String via = DEFAULT_VIA;
        private final List<String> trustedForwarders = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * The server every request goes to: {@code http://host[:port]} or {@code https://...}, with an optional
         * base path ({@code http://127.0.0.1:8080/legacy} sends {@code /x} to {@code /legacy/x}); no query, no
         * user info. Required.
         */
        public Builder upstream(URI upstream) {
            Objects.requireNonNull(upstream, "upstream");
            String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || upstream.getHost() == null
                || upstream.getRawUserInfo() != null || upstream.getRawQuery() != null
                || upstream.getRawFragment() != null) {
                throw new IllegalArgumentException("The upstream is an http or https URI with a host and an optional "
                    + "path, like http://127.0.0.1:8080 or http://backend.internal/api; got " + upstream);
            }
            this.upstream = upstream;
            return this;
        }

        /**
         * The {@code Host} header the upstream gets, {@code host[:port]}, when it is not the upstream URI's (the
         * upstream is reached by address but serves a virtual host).
         */
        public Builder hostHeader(String host) {
            Objects.requireNonNull(host, "host");
            if (!host.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("hostHeader is host[:port], like www.domain2.com:8080; got " + host);
            }
            this.hostHeader = host;
            return this;
        }

        /** How the upstream's cookies are rewritten. Default {@link CookieRewrite#NONE}. */
        public Builder cookies(CookieRewrite cookies) {
            this.cookies = Objects.requireNonNull(cookies, "cookies");
            return this;
        }

        /** How long the upstream has to answer a request in full before the proxy answers 504. Default 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive("timeout", timeout);
            return this;
        }

        /** How long to wait for a connection to the upstream before the proxy answers 502. Default 5 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * Trusts the forwarding headers ({@code Forwarded}, {@code X-Forwarded-*}) of requests whose immediate
         * peer is one of these addresses: IPs, CIDR blocks ({@code 10.0.0.0/8}) or ranges, in the syntax of
         * Jetty's {@code InetAddressSet}; for a known load balancer in front of this proxy. This proxy's hop is
         * then appended to them. Default: none, every client's forwarding headers are replaced with what the
         * proxy saw.
         */
        public Builder trustForwardedFrom(String... addresses) {
            for (String address : addresses) {
                Objects.requireNonNull(address, "address");
                try {
                    if (!address.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3}|-[0-9A-Fa-f:.]+)?")) {
                        throw new IllegalArgumentException("not an address");
                    }
                    new org.eclipse.jetty.util.InetAddressSet().add(address);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("trustForwardedFrom takes IP addresses, CIDR blocks or "
                        + "ranges, like \"10.0.0.1\" or \"10.0.0.0/8\"; got \"" + address + "\"");
                }
                trustedForwarders.add(address);
            }
            return this;
        }

        /** The pseudonym of this proxy in the {@code Via} header. Default {@value ReverseProxyHandler#DEFAULT_VIA}. */
        public Builder via(String pseudonym) {
            Objects.requireNonNull(pseudonym, "pseudonym");
            if (!pseudonym.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("via is a pseudonym of 1 to 64 letters, digits, '.', '_', '-', "
                    + "like \"kuayu\"; got \"" + pseudonym + "\"");
            }
            this.via = pseudonym;
            return this;
        }

        private static Duration positive(String option, Duration duration) {
            Objects.requireNonNull(duration, option);
            if (duration.isNegative() || duration.isZero() || duration.toDays() > 1) {
                throw new IllegalArgumentException(option + " is more than 0 and at most a day, like "
                    + "Duration.ofSeconds(10); got " + duration);
            }
            return duration;
        }

        public ReverseProxyHandler build() {
            if (upstream == null) {
                throw new IllegalStateException("A reverse proxy needs its upstream: call upstream(URI.create("
                    + "\"http://127.0.0.1:8080\"))");
            }
            return new ReverseProxyHandler(this);
        }
    }
}
