package org.kuayu.core.sim;

/**
 * The code of a simulated page: runs each time a window loads the URL it is registered for with
 * {@link SimBrowser#page}, before the frame's {@code load} event fires (as inline scripts do in browsers).
 *
 * <pre>{@code
 * browser.page("http://remote.test/remote.html", window -> Kuayu.accept(window, acceptOptions));
 * }</pre>
 */
public interface PageScript {
    /** Runs the page's code in {@code window}, the new document's global. */
    void run(SimWindow window);
}
