package org.kuayu.facade;

import org.kuayu.core.Origin;
import org.kuayu.core.platform.Platform;

/**
 * {@code kuayu.origin(url)}: the origin Kuayu sees in a URL (scheme, host and port, as browsers serialise it), the
 * one its origin checks compare. A relative URL is resolved against the page first.
 *
 * <pre>{@code
 * kuayu.origin("http://www.domain1.com:80/lab/c.js")   // "http://www.domain1.com"
 * kuayu.origin("HTTP://WWW.Domain1.com:8000/a.js")     // "http://www.domain1.com:8000"
 * }</pre>
 */
public final class FacadeOrigin {
    private FacadeOrigin() {
    }

    /**
     * The serialised origin of {@code url} ({@code null} when the argument is not a string).
     *
     * @throws org.kuayu.core.KuayuException INVALID_ARGUMENT when it is not a string, or names no origin a page could
     *                                      have ({@code data:}, {@code about:blank}, an opaque {@code "null"})
     */
    public static String of(Platform platform, String url) {
        if (url == null) {
            throw FacadeOptions.invalid("kuayu.origin(url) needs the URL as a string");
        }
        Origin origin = Origin.tryParse(platform.resolveUrl(url));
        if (origin == null) {
            throw FacadeOptions.invalid("'" + url + "' names no origin a page could have: give an http:// or"
                    + " https:// URL");
        }
        return origin.toString();
    }
}
