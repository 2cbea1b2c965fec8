package org.kuayu.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CORS policy with safe defaults: Jetty's own {@link CrossOriginHandler}, configured by a builder that refuses
 * the policies that open a site to every other one.
 *
 * <p>Jetty does the protocol (the preflight {@code OPTIONS} answered without reaching the wrapped handler, the
 * {@code Access-Control-*} headers, {@code Vary: Origin} on every answer, with or without an {@code Origin}).
 * What this class adds is the choice of defaults and refusals. Jetty's handler, left as it is, allows
 * <em>any</em> origin <em>with</em> credentials: it echoes whatever {@code Origin} came, so any site could read
 * the user's data with the user's cookies. Here:
 * <ul>
 *   <li>no origin is allowed until you name it: exactly ({@link Builder#allowOrigin}), with a subdomain wildcard
 *       that Kuayu compiles ({@code https://*.domain1.com}: one DNS label, then exactly {@code .domain1.com}, same
 *       scheme and port), or by a regular expression that must match the whole origin
 *       ({@link Builder#allowOriginPattern});</li>
 *   <li>credentials are off until {@link Builder#allowCredentials}; with credentials only exact origins and
 *       Kuayu's wildcards are accepted: a raw regular expression is refused (it is easy to write one that admits
 *       {@code https://evildomain1.com}) unless {@link Builder#dangerouslyAllowRawPatternsWithCredentials} says
 *       otherwise; a policy that allows any origin (with {@link Builder#allowAnyOrigin}, or a pattern that matches
 *       an unrelated origin) together with credentials is refused in any case, as is {@code "*"} among the
 *       methods or headers of a policy with credentials (with credentials, browsers read {@code "*"} there as a
 *       literal name);</li>
 *   <li>the {@code null} origin (sent by sandboxed frames, {@code file:} pages and some redirects, so by pages
 *       of any site) is refused, also when a pattern happens to match it, unless {@link Builder#allowNullOrigin}
 *       says so (or the policy allows any origin, and so no credentials).</li>
 * </ul>
 * Refusals fail {@link Builder#build()} with an {@link IllegalStateException} that says the fix, and
 * {@link #doStart()} checks again, so changing the handler's Jetty setters afterwards cannot start a refused
 * policy. The setters fail once the handler has started (Jetty's own lock).
 *
 * <p>A request from an origin the policy does not allow still reaches the wrapped handler (Jetty's default), but
 * its answer carries no {@code Access-Control-Allow-Origin}, so the browser does not let the page read it; a
 * preflight from such an origin is answered {@code 200} without CORS headers, and its request is never sent. The
 * refused origin is logged at DEBUG.
 * CORS decides who may <em>read</em>; a request that changes state still needs its own CSRF defence.
 *
 * <p>Defaults: no origin, no credentials, methods {@code GET, HEAD, POST}, headers {@code Content-Type}, no
 * exposed headers, preflight max-age {@value #DEFAULT_PREFLIGHT_MAX_AGE_SECONDS} s.
 *
 * <pre>{@code
 * CorsHandler cors = CorsHandler.builder()
 *     .allowOrigin("http://www.domain1.com")
 *     .allowOrigin("https://*.domain1.com")           // api.domain1.com, not evildomain1.com
 *     .allowCredentials()
 *     .allowMethods("GET", "POST", "PUT")
 *     .allowHeaders("Content-Type", "X-Custom-Header")
 *     .exposeHeaders("X-Request-Id")
 *     .preflightMaxAge(Duration.ofMinutes(20))
 *     .build();
 * cors.setHandler(api);
 * }</pre>
 */
public final class CorsHandler extends CrossOriginHandler {

    /** The default preflight max-age, in seconds: {@value}. */
    public static final long DEFAULT_PREFLIGHT_MAX_AGE_SECONDS = 600;
    /** The longest preflight max-age accepted, in seconds: {@value} (one day; Chromium keeps at most 2 hours). */
    public static final long MAX_PREFLIGHT_MAX_AGE_SECONDS = 86_400;

    private static final Logger LOG = LoggerFactory.getLogger(CorsHandler.class);
    /** Origins no policy names on purpose: a pattern that matches one of them matches any origin. */
    private static final List<String> UNRELATED_ORIGINS = List.of("http://kuayu-unrelated.invalid",
        "https://kuayu-unrelated.invalid:8443");
    private static final String NULL_ORIGIN = "null";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** One DNS label, as a subdomain wildcard's {@code *} stands for. */
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

    private final boolean nullOriginAllowed;
    /** The patterns Kuayu wrote itself (exact origins, wildcards, null): every other one is a raw pattern. */
    private final Set<String> ownPatterns;
    private final boolean rawPatternsWithCredentials;
    private List<Pattern> compiled = List.of();

    private CorsHandler(Builder builder) {
        this.nullOriginAllowed = builder.nullOrigin;
        this.ownPatterns = Set.copyOf(builder.ownPatterns);
        this.rawPatternsWithCredentials = builder.rawWithCredentials;
        setAllowedOriginPatterns(builder.origins);
        setAllowCredentials(builder.credentials);
        setAllowedMethods(builder.methods);
        setAllowedHeaders(builder.headers);
        setExposedHeaders(builder.exposed);
        setPreflightMaxAge(builder.maxAge);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the policy allows the {@code null} origin ({@link Builder#allowNullOrigin}). */
    public boolean isNullOriginAllowed() {
        return nullOriginAllowed;
    }

    @Override
    protected void doStart() throws Exception {
        check(getAllowedOriginPatterns(), ownPatterns, rawPatternsWithCredentials, isAllowCredentials(),
            nullOriginAllowed, getAllowedMethods(), getAllowedHeaders(), getExposedHeaders());
        compiled = getAllowedOriginPatterns().stream().map(String::trim).filter(p -> !p.isEmpty() && !p.equals("*"))
            .map(Pattern::compile).toList();
        LOG.debug("CORS policy: origins {}, credentials {}", getAllowedOriginPatterns(), isAllowCredentials());
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && LOG.isDebugEnabled() && !getAllowedOriginPatterns().contains("*")
            && compiled.stream().noneMatch(p -> p.matcher(origin).matches())) {
            LOG.debug("CORS: refused origin {} for {} {}: not allowed by the policy",
                origin.length() > 100 ? origin.substring(0, 100) + "..." : origin, request.getMethod(),
                Request.getPathInContext(request));
        }
        return super.handle(request, response, callback);
    }

    /** Throws what a refused policy is refused for; the patterns are those given to Jetty. */
    private static void check(Set<String> patterns, Set<String> own, boolean rawWithCredentials, boolean credentials,
                              boolean nullOrigin, Set<String> methods, Set<String> headers, Set<String> exposed) {
        if (patterns.isEmpty()) {
            throw new IllegalStateException("A CORS policy needs the origins it allows: call allowOrigin("
                + "\"https://www.example.com\") (or allowOriginPattern, allowAnyOrigin)");
        }
        boolean any = patterns.stream().anyMatch(p -> p.trim().equals("*"));
        boolean matchesUnrelated = any || UNRELATED_ORIGINS.stream().anyMatch(o -> matchesAny(patterns, o));
        if (credentials && matchesUnrelated) {
            throw new IllegalStateException("A CORS policy that allows any origin must not allow credentials: any "
                + "site could read the user's data with the user's cookies. Name the origins that may read with "
                + "credentials (allowOrigin), or drop allowCredentials(); origins allowed: " + patterns);
        }
        List<String> raw = patterns.stream().filter(p -> !own.contains(p) && !p.trim().equals("*")).toList();
        if (credentials && !raw.isEmpty() && !rawWithCredentials) {
            throw new IllegalStateException("With credentials, a CORS policy takes exact origins and subdomain "
                + "wildcards only (allowOrigin(\"https://www.example.com\"), allowOrigin(\"https://*.example.com\")): "
                + "a regular expression easily admits a look-alike such as https://evilexample.com, which would read "
                + "the user's data with the user's cookies. Replace " + raw + ", or, if the expression is checked, "
                + "call dangerouslyAllowRawPatternsWithCredentials()");
        }
        // Any origin includes "null"; without credentials that reads nothing more than any page already can.
        if (!nullOrigin && !any && matchesAny(patterns, NULL_ORIGIN)) {
            throw new IllegalStateException("This CORS policy would allow the origin \"null\", which sandboxed frames "
                + "and file: pages of any site send; call allowNullOrigin() if that is meant, or narrow the origins "
                + "(allowed: " + patterns + ")");
        }
        if (credentials) {
            for (Set<String> names : List.of(methods, headers, exposed)) {
                if (names.contains("*")) {
                    throw new IllegalStateException("With credentials, browsers read \"*\" in the CORS methods or "
                        + "headers as a name, not a wildcard; list the names you allow instead");
                }
            }
        }
    }

    private static boolean matchesAny(Set<String> patterns, String origin) {
        for (String pattern : patterns) {
            String p = pattern.trim();
            if (!p.isEmpty() && !p.equals("*") && Pattern.compile(p).matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The anchored pattern of a subdomain wildcard {@code scheme://*.domain[:port]}: one DNS label, then exactly
     * {@code .domain}, same scheme, same port. The domain needs two labels at least ({@code *.com} is refused).
     */
    static String wildcardPattern(String origin) {
        int star = origin.indexOf("://*.");
        String normalized = normalizeOrigin(origin.substring(0, star + 3) + "x" + origin.substring(star + 4));
        String rest = normalized.substring(normalized.indexOf("://") + 5);
        String host = rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
        if (host.indexOf('*') >= 0 || !host.contains(".") || host.startsWith(".") || host.endsWith(".")
            || host.contains("..")) {
            throw new IllegalArgumentException("A subdomain wildcard is scheme://*.domain[:port] with a domain of two "
                + "labels at least, like \"https://*.domain1.com\"; got \"" + origin + "\"");
        }
        return Pattern.quote(normalized.substring(0, normalized.indexOf("://") + 3)) + LABEL + Pattern.quote("." + rest);
    }

    /** An origin as browsers send it: lower-case scheme and host, the port only when it is not the default. */
    static String normalizeOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
            || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
            || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("An origin is scheme://host[:port], with no path, not even a "
                + "trailing \"/\", like \"http://www.domain1.com\" or \"http://localhost:8081\"; got \"" + origin
                + "\"");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /**
     * The options of a {@link CorsHandler}; each setter checks its argument, {@link #build()} the whole policy.
     *
     * <pre>{@code
     * CorsHandler.builder().allowOrigin("http://www.domain1.com").allowCredentials().build();
     * }</pre>
     */
    public static final class Builder {
        private final Set<String> origins = new LinkedHashSet<>();
        private final Set<String> ownPatterns = new LinkedHashSet<>();
        private boolean rawWithCredentials;
        private boolean credentials;
        private boolean nullOrigin;
        private Set<String> methods = Set.of("GET", "HEAD", "POST");
        private Set<String> headers = Set.of("Content-Type");
        private Set<String> exposed = Set.of();
        private Duration maxAge = Duration.ofSeconds(DEFAULT_PREFLIGHT_MAX_AGE_SECONDS);

        private Builder() {
        }

        /**
         * Allows one origin, exactly: {@code scheme://host[:port]}, such as {@code http://www.domain1.com}; or the
         * subdomains of a domain, {@code scheme://*.domain[:port]}, such as {@code https://*.domain1.com}, which
         * Kuayu compiles into an anchored pattern: one DNS label for {@code *} ({@code api.domain1.com}; not
         * {@code a.b.domain1.com}, {@code domain1.com} itself or {@code evildomain1.com}), same scheme and port.
         * Both are accepted with credentials.
         */
        public Builder allowOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            if (origin.equals(NULL_ORIGIN)) {
                throw new IllegalArgumentException("The \"null\" origin is allowed with allowNullOrigin(), not "
                    + "allowOrigin(\"null\")");
            }
            String pattern = origin.contains("://*.") ? wildcardPattern(origin) : Pattern.quote(normalizeOrigin(origin));
            origins.add(pattern);
            ownPatterns.add(pattern);
            return this;
        }

        /**
         * Allows the origins that a Java regular expression matches as a whole, such as
         * {@code "https://[a-z0-9-]+\\.domain1\\.com"} (escape the dots: an unescaped one matches any character,
         * so {@code www.domain1.com} would also allow {@code wwwXdomain1.com}). Refused together with
         * {@link #allowCredentials} unless {@link #dangerouslyAllowRawPatternsWithCredentials}: prefer
         * {@code allowOrigin("https://*.domain1.com")}.
         */
        public Builder allowOriginPattern(String regex) {
            Objects.requireNonNull(regex, "regex");
            if (regex.trim().isEmpty() || regex.trim().equals("*")) {
                throw new IllegalArgumentException("allowOriginPattern takes a regular expression like "
                    + "\"https://[a-z0-9-]+\\\\.example\\\\.com\"; for any origin call allowAnyOrigin()");
            }
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("allowOriginPattern: not a regular expression: " + e.getMessage());
            }
            origins.add(regex);
            return this;
        }

        /**
         * Accepts {@link #allowOriginPattern raw regular expressions} together with {@link #allowCredentials}. Each
         * pattern then decides alone who reads the user's data with the user's cookies: anchor it, escape every dot,
         * bound every label (a pattern like {@code https://.*domain1\\.com} admits {@code https://evildomain1.com}).
         * A pattern that matches an unrelated origin is still refused.
         */
        public Builder dangerouslyAllowRawPatternsWithCredentials() {
            rawWithCredentials = true;
            return this;
        }

        /** Allows every origin ({@code *}); only for public data without credentials. */
        public Builder allowAnyOrigin() {
            origins.add("*");
            return this;
        }

        /**
         * Allows the {@code null} origin: that of sandboxed frames, {@code file:} pages and documents after some
         * cross-origin redirects, which any site can create. Without it a policy that would match {@code null} is
         * refused.
         */
        public Builder allowNullOrigin() {
            nullOrigin = true;
            origins.add(Pattern.quote(NULL_ORIGIN));
            ownPatterns.add(Pattern.quote(NULL_ORIGIN));
            return this;
        }

        /**
         * Lets the allowed origins send credentials (cookies, HTTP authentication) and read the answers
         * ({@code Access-Control-Allow-Credentials: true}). The page must ask too ({@code xhr.withCredentials}),
         * and the browser must be willing to send the cookie: today's browsers do not send a cookie to another
         * <em>site</em> (third-party cookies), only to another origin of the same site.
         */
        public Builder allowCredentials() {
            credentials = true;
            return this;
        }

        /** The methods a preflight allows, such as {@code "GET", "POST", "PUT"}. Default GET, HEAD, POST. */
        public Builder allowMethods(String... methods) {
            this.methods = tokens("allowMethods", methods, true);
            return this;
        }

        /**
         * The request headers a preflight allows, such as {@code "Content-Type", "X-Custom-Header"}. Default
         * {@code Content-Type}.
         */
        public Builder allowHeaders(String... headers) {
            this.headers = tokens("allowHeaders", headers, true);
            return this;
        }

        /** The answer headers a page may read beyond the safelisted ones. Default none. */
        public Builder exposeHeaders(String... headers) {
            this.exposed = tokens("exposeHeaders", headers, true);
            return this;
        }

        /** How long a browser may reuse a preflight's answer: 0 to one day. Default 600 s. */
        public Builder preflightMaxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.toSeconds() > MAX_PREFLIGHT_MAX_AGE_SECONDS) {
                throw new IllegalArgumentException("preflightMaxAge is from 0 to " + MAX_PREFLIGHT_MAX_AGE_SECONDS
                    + " s (a day), like Duration.ofMinutes(10); got " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        private static Set<String> tokens(String option, String[] names, boolean starAllowed) {
            Set<String> set = new LinkedHashSet<>();
            for (String name : names) {
                if (name == null || !TOKEN.matcher(name).matches() || (!starAllowed && name.equals("*"))) {
                    throw new IllegalArgumentException(option + " takes HTTP tokens like \"Content-Type\" or "
                        + "\"PUT\"; got \"" + name + "\"");
                }
                set.add(name);
            }
            return Set.copyOf(set);
        }

        /** Builds the handler; a refused policy fails here with an {@link IllegalStateException} saying why. */
        public CorsHandler build() {
            check(origins, ownPatterns, rawWithCredentials, credentials, nullOrigin, methods, headers, exposed);
            return new CorsHandler(this);
        }
    }
}
