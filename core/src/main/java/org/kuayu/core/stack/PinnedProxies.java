package org.kuayu.core.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.Origin;

/**
 * Where a remote page may write over location.hash and window.name, and whom it may serve there: the host pages'
 * {@code proxy.html} URLs it pins, and the origins it allows.
 *
 * <p>The host names its return address in every frame (location.hash) or in the frame's name (window.name); anyone
 * able to write a fragment or name a frame can name any address. A remote that wrote to any URL of an allowed origin
 * would follow every open redirect of that site to wherever it points, with its frames. So the address must equal a
 * pinned URL exactly: {@link AcceptOptions#hostProxies()}, or by default {@code <allowed origin>}{@value #DEFAULT_PATH}
 * for each allowed origin (for {@code allowAnyOrigin}: that path on any http(s) origin). Those pages are Kuayu's
 * {@code proxy.html}, which never redirects and hands a frame only to a page of its own origin.
 *
 * <pre>{@code
 * PinnedProxies pins = PinnedProxies.of(acceptOptions);
 * pins.admits("http://www.domain1.localhost:8081/kuayu/proxy.html");   // true when that origin is allowed
 * }</pre>
 */
public final class PinnedProxies {
    /** Where the kuayu folder's {@code proxy.html} is unless the remote pins others. */
    public static final String DEFAULT_PATH = "/kuayu/proxy.html";
    /** The longest proxy URL either transport takes. */
    public static final int MAX_URL_LENGTH = 512;

    private final List<String> urls;
    private final List<String> origins;
    private final boolean anyOrigin;
    /** {@code allowAnyOrigin} without pinned URLs: {@value #DEFAULT_PATH} on any http(s) origin. */
    private final boolean anyOriginsDefault;

    private PinnedProxies(List<String> urls, List<String> origins, boolean anyOrigin, boolean anyOriginsDefault) {
        this.urls = Collections.unmodifiableList(urls);
        this.origins = Collections.unmodifiableList(origins);
        this.anyOrigin = anyOrigin;
        this.anyOriginsDefault = anyOriginsDefault;
    }

    /** The pins of a remote page's options. */
    public static PinnedProxies of(AcceptOptions options) {
        List<String> urls = new ArrayList<String>(options.hostProxies());
        boolean any = options.allowAnyOrigin() && urls.isEmpty();
        if (urls.isEmpty()) {
            for (String origin : options.allowedOrigins()) {
                urls.add(origin + DEFAULT_PATH);
            }
        }
        return new PinnedProxies(urls, new ArrayList<String>(options.allowedOrigins()), options.allowAnyOrigin(), any);
    }

    /** True when a host may name {@code url} as its return address. */
    public boolean admits(String url) {
        if (url == null) {
            return false;
        }
        if (urls.contains(url)) {
            return true;
        }
        if (!anyOriginsDefault) {
            return false;
        }
        Origin origin = Origin.tryParse(url);
        return origin != null && (origin.scheme().equals("http") || origin.scheme().equals("https"))
                && url.equals(origin.toString() + DEFAULT_PATH);
    }

    /** True when {@code origin} (serialised) is an allowed host origin. */
    public boolean allowsOrigin(String origin) {
        Origin parsed = origin == null ? null : Origin.tryParse(origin);
        return parsed != null && (anyOrigin || origins.contains(parsed.toString()));
    }

    /** The pinned URLs, for messages. */
    public String describe() {
        return anyOriginsDefault ? "any origin's " + DEFAULT_PATH + (urls.isEmpty() ? "" : " or " + urls)
                : urls.toString();
    }
}
