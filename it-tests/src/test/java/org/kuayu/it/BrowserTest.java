package org.kuayu.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scenario run once per browser kind and bundle ({@code kuayu.js}, {@code kuayu-gwt.js}). The method takes a
 * {@link Browser} and usually the {@link DemoSites}.
 *
 * <pre>{@code
 * @BrowserTest                          // HtmlUnit, Chromium, Firefox and WebKit
 * void requestIsAnswered(Browser browser, DemoSites sites) { ... }
 *
 * @BrowserTest(Browsers.REAL)           // security: only a real browser enforces the same-origin policy
 * void thirdOriginIsIgnored(Browser browser, DemoSites sites) { ... }
 *
 * // WebKit: <what fails there and how it was seen, with the issue that will fix it>
 * @BrowserTest(except = BrowserKind.WEBKIT)
 * void hashCarriesLongMessages(Browser browser, DemoSites sites) { ... }
 *
 * @BrowserTest(only = BrowserKind.CHROMIUM)   // reads the heap through Chromium's DevTools protocol
 * void noLeak(Browser browser, DemoSites sites) { ... }
 *
 * @BrowserTest(bundles = Bundle.TEAVM)  // a page that only exists with kuayu.js
 * void moduleBuildWorks(Browser browser, DemoSites sites) { ... }
 * }</pre>
 *
 * Every kind left out by {@link #except()} carries a comment at the annotation saying why; {@link LeftOut} leaves
 * kinds out of a whole class.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {

    /** The set of browsers to run in; all four by default. */
    Browsers value() default Browsers.ALL;

    /** Kinds of {@link #value()} left out, each with a comment at the annotation that says why. */
    BrowserKind[] except() default {};

    /** When not empty, exactly these kinds instead of {@link #value()}: for what one kind alone can do. */
    BrowserKind[] only() default {};

    /**
     * The bundles to run against, in every kind; both by default. Pages opened through {@link HostPage} load it;
     * a test may read {@link Browser#bundle()}.
     */
    Bundle[] bundles() default {Bundle.TEAVM, Bundle.GWT};
}
