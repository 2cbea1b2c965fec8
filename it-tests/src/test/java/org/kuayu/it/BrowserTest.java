package org.kuayu.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scenario run once per browser kind. The method takes a {@link Browser} and usually the {@link DemoSites}.
 *
 * <pre>{@code
 * @BrowserTest
 * void requestIsAnswered(Browser browser, DemoSites sites) { ... }
 *
 * @BrowserTest(BrowserKind.CHROMIUM)   // security: only a real browser enforces the same-origin policy
 * void thirdOriginIsIgnored(Browser browser, DemoSites sites) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {

    /** The kinds to run in; both by default. */
    BrowserKind[] value() default {BrowserKind.HTMLUNIT, BrowserKind.CHROMIUM};
}
