package org.kuayu.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scenario run once per browser kind and bundle ({@code kuayu.js}, {@code kuayu-gwt.js}). The method takes a {@link Browser} and usually the {@link DemoSites}.
 *
 * <pre>{@code
 * @BrowserTest
 * void requestIsAnswered(Browser browser, DemoSites sites) { ... }
 *
 * @BrowserTest(BrowserKind.CHROMIUM)   // security: only a real browser enforces the same-origin policy
 * void thirdOriginIsIgnored(Browser browser, DemoSites sites) { ... }
 *
 * @BrowserTest(bundles = Bundle.TEAVM)  // a page that only exists with kuayu.js
 * void moduleBuildWorks(Browser browser, DemoSites sites) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {

    /** The kinds to run in; both by default. */
    BrowserKind[] value() default {BrowserKind.HTMLUNIT, BrowserKind.CHROMIUM};

    /**
     * The bundles to run against, in every kind; both by default. Pages opened through {@link HostPage} load it;
     * a test may read {@link Browser#bundle()}.
     */
    Bundle[] bundles() default {Bundle.TEAVM, Bundle.GWT};
}
