package org.kuayu.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves kinds out of every {@link BrowserTest} of a class, saying why: an engine where the class's scenarios fail
 * for a known reason (a Kuayu bug being fixed elsewhere), or that they have not yet been proven in. Reports list what
 * ran, so a kind left out is visible; remove the annotation once the class is green there.
 *
 * <pre>{@code
 * @LeftOut(value = BrowserKind.WEBKIT, why = "location.hash: WebKit fires load per fragment write (issue 19)")
 * class LocationHashTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LeftOut {

    /**
     * Seen in both bundles in WebKitGTK 2.50: every window.name and location.hash host fails at once with
     * TRANSPORT_UNAVAILABLE "this page's proxy page .../kuayu/proxy.html is not Kuayu's proxy.html (it loaded without
     * running proxy.js ...)" although domain1 serves Kuayu's: ProxyProbe (iframe-transports) misjudges it there.
     */
    String WEBKIT_PROXY_PROBE = "WebKit: ProxyProbe (iframe-transports) takes the host site's real /kuayu/proxy.html"
            + " for a page that is not Kuayu's, so window.name and location.hash hosts fail at once with"
            + " TRANSPORT_UNAVAILABLE; a Kuayu bug for the iframe-transports work of issue 19";

    /** Issue 19: WebKit fires load on the iframe per cross-origin fragment write; HashHost takes each for a reload. */
    String WEBKIT_HASH = "WebKit: location.hash is broken (issue 19: WebKit fires load on the iframe for every"
            + " cross-origin fragment write and HashHost takes each for a reload of the remote page); iframe-transports"
            + " is being changed for it";

    /** The kinds left out. */
    BrowserKind[] value();

    /** What fails there and how it was seen, or that the class has not been run there yet. */
    String why();
}
