package org.kuayu.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a reverse proxy rewrites the {@code Domain} and {@code Path} of the cookies its upstream sets, so that a
 * cookie the upstream sets for itself lands in the browser as a cookie of the proxy's site: nginx's
 * {@code proxy_cookie_domain} and {@code proxy_cookie_path}, http-proxy-middleware's {@code cookieDomainRewrite}
 * and {@code cookiePathRewrite}.
 *
 * <p>Only the value of each {@code Domain} and {@code Path} attribute of a {@code Set-Cookie} header changes (or
 * the attribute goes, when its replacement is empty); the cookie's name and value, every other attribute
 * ({@code HttpOnly}, {@code Secure}, {@code SameSite}, {@code Expires} with its comma, {@code Max-Age}, unknown
 * ones), their order, spelling and spacing stay exactly as the upstream wrote them. Attribute names match in any
 * case ({@code domain}, {@code DOMAIN}); domains match in any case and with or without a leading or trailing dot;
 * paths match by prefix, case-sensitively, as nginx does. A cookie without a {@code Domain} attribute is host-only:
 * it already belongs to whatever host the browser asked, the proxy, and is left as it is.
 *
 * <p>Domain rules: an exact domain first, then {@code "*"} for any other domain. Once there is a domain rule, a
 * {@code Domain} that no rule matches is <b>removed</b> (the cookie becomes host-only on the proxy's host): it
 * could otherwise name the proxy's parent domain and set a cookie for every site under it (nginx's
 * {@code proxy_cookie_domain} passes it unchanged). A {@code __Host-} cookie never gets a {@code Domain}: any it
 * has is removed, and its {@code Path} is not rewritten (browsers keep such a cookie only host-only with
 * {@code Path=/}). Path rules: the longest matching prefix wins, its prefix replaced; no rule matches: the path is
 * kept.
 *
 * <pre>{@code
 * CookieRewrite.builder()
 *     .domain("www.domain2.localhost", "www.domain1.localhost")  // proxy_cookie_domain www.domain2... www.domain1...
 *     .domain("*", "")                                           // cookieDomainRewrite {"*": ""}: host-only
 *     .path("/api/", "/")                                        // proxy_cookie_path /api/ /
 *     .build()
 *     .rewrite("l=a123456; Path=/api/x; Domain=www.domain2.localhost; HttpOnly");
 * // "l=a123456; Path=/x; Domain=www.domain1.localhost; HttpOnly"
 * }</pre>
 *
 * Default ({@link #NONE}): no rule, every cookie is forwarded untouched (nginx's {@code proxy_cookie_domain off}).
 */
public final class CookieRewrite {

    /** Rewrites nothing. */
    public static final CookieRewrite NONE = builder().build();

    /** The domain rule key that matches any domain without a rule of its own. */
    public static final String ANY_DOMAIN = "*";

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    private final Map<String, String> domains;
    private final String anyDomain;
    private final List<Map.Entry<String, String>> paths;

    private CookieRewrite(Builder builder) {
        this.domains = Collections.unmodifiableMap(new LinkedHashMap<>(builder.domains));
        this.anyDomain = builder.anyDomain;
        List<Map.Entry<String, String>> byLength = new ArrayList<>(builder.paths.entrySet());
        byLength.sort((a, b) -> b.getKey().length() - a.getKey().length());
        this.paths = List.copyOf(byLength);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether this rewrites nothing at all. */
    public boolean isEmpty() {
        return domains.isEmpty() && anyDomain == null && paths.isEmpty();
    }

    /** The value of one {@code Set-Cookie} header, its {@code Domain} and {@code Path} rewritten by the rules. */
    public String rewrite(String setCookie) {
        if (isEmpty() || setCookie.indexOf(';') < 0) {
            return setCookie;
        }
        String[] parts = setCookie.split(";", -1);
        boolean hostPrefixed = parts[0].trim().regionMatches(true, 0, "__Host-", 0, "__Host-".length());
        StringBuilder out = new StringBuilder(setCookie.length() + 16).append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int equals = part.indexOf('=');
            String name = (equals < 0 ? part : part.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            String replacement = part;
            if (equals >= 0 && (name.equals("domain") || name.equals("path"))) {
                String value = part.substring(equals + 1).trim();
                String rewritten = name.equals("domain") ? (hostPrefixed ? "" : rewriteDomain(value))
                    : (hostPrefixed ? null : rewritePath(value));
                if (rewritten == null) {
                    replacement = part;
                } else if (rewritten.isEmpty()) {
                    replacement = null;
                } else {
                    replacement = part.substring(0, equals + 1) + rewritten;
                }
            }
            if (replacement != null) {
                out.append(';').append(replacement);
            }
        }
        return out.toString();
    }

    /** The new domain, {@code ""} to remove the attribute, or null to keep it (no domain rule at all). */
    private String rewriteDomain(String value) {
        String to = domains.get(bare(value));
        if (to != null) {
            return to;
        }
        if (anyDomain != null) {
            return anyDomain;
        }
        return domains.isEmpty() ? null : "";
    }

    /** A domain in lower case without its leading and trailing dots. */
    private static String bare(String domain) {
        int start = 0;
        int end = domain.length();
        while (start < end && domain.charAt(start) == '.') {
            start++;
        }
        while (end > start && domain.charAt(end - 1) == '.') {
            end--;
        }
        return domain.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** The new path, {@code ""} to remove the attribute, or null to keep it. */
    private String rewritePath(String value) {
        for (Map.Entry<String, String> rule : paths) {
            if (value.startsWith(rule.getKey())) {
                String to = rule.getValue();
                return to.isEmpty() ? "" : to + value.substring(rule.getKey().length());
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CookieRewrite{domains=" + domains + (anyDomain == null ? "" : ", *=" + anyDomain) + ", paths=" + paths
            + "}";
    }

    /**
     * The rules of a {@link CookieRewrite}; each setter checks its arguments and says how to fix them.
     *
     * <pre>{@code
     * CookieRewrite.builder().domain("www.domain2.localhost", "www.domain1.localhost").build();
     * }</pre>
     */
    public static final class Builder {
        private final Map<String, String> domains = new LinkedHashMap<>();
        private String anyDomain;
        private final Map<String, String> paths = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Rewrites {@code Domain=from} (any case, with or without leading or trailing dots) to {@code Domain=to};
         * {@code to} empty removes the attribute, which makes the cookie host-only on the proxy's host. Once a
         * domain rule is given, a domain that no rule matches is removed. {@code from} may be
         * {@value CookieRewrite#ANY_DOMAIN}: any domain without a rule of its own (http-proxy-middleware's
         * {@code cookieDomainRewrite: "www.domain1.com"} is {@code domain("*", "www.domain1.com")}).
         */
        public Builder domain(String from, String to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            String key = from.equals(ANY_DOMAIN) ? from : bare(from);
            if (!key.equals(ANY_DOMAIN) && !DOMAIN.matcher(key).matches()) {
                throw new IllegalArgumentException("A cookie domain rule starts from a domain name like "
                    + "\"www.domain2.com\", or \"*\" for any domain; got \"" + from + "\"");
            }
            if (!to.isEmpty() && !DOMAIN.matcher(to).matches()) {
                throw new IllegalArgumentException("A cookie domain rule ends in a domain name like "
                    + "\"www.domain1.com\", or \"\" to remove the Domain attribute; got \"" + to + "\"");
            }
            if (key.equals(ANY_DOMAIN)) {
                anyDomain = to.toLowerCase(Locale.ROOT);
            } else {
                domains.put(key.toLowerCase(Locale.ROOT), to.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Rewrites a {@code Path} that starts with {@code fromPrefix}: the prefix becomes {@code toPrefix}
         * ({@code path("/api/", "/")} turns {@code Path=/api/v1} into {@code Path=/v1}, as nginx's
         * {@code proxy_cookie_path /api/ /}); {@code toPrefix} empty removes the attribute. Both start with
         * {@code /} (but an empty {@code toPrefix}).
         */
        public Builder path(String fromPrefix, String toPrefix) {
            Objects.requireNonNull(fromPrefix, "fromPrefix");
            Objects.requireNonNull(toPrefix, "toPrefix");
            if (!fromPrefix.startsWith("/") || fromPrefix.indexOf(';') >= 0) {
                throw new IllegalArgumentException("A cookie path rule starts from a path prefix like \"/api/\"; got \""
                    + fromPrefix + "\"");
            }
            if ((!toPrefix.isEmpty() && !toPrefix.startsWith("/")) || toPrefix.indexOf(';') >= 0) {
                throw new IllegalArgumentException("A cookie path rule ends in a path prefix like \"/\", or \"\" to "
                    + "remove the Path attribute; got \"" + toPrefix + "\"");
            }
            paths.put(fromPrefix, toPrefix);
            return this;
        }

        public CookieRewrite build() {
            return new CookieRewrite(this);
        }
    }
}
