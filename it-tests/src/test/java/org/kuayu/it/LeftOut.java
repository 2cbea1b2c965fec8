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

    /** The kinds left out. */
    BrowserKind[] value();

    /** What fails there and how it was seen, or that the class has not been run there yet. */
    String why();
}
