package org.kuayu.it;

import java.util.List;
import org.kuayu.browser.DebianWebKit;

/**
 * {@link Browser} on Debian's WebKitGTK (Safari's engine, MiniBrowser) through WebKitWebDriver, on a display of its
 * own (Xvfb). One instance serves a whole test class and is {@linkplain #reset() reset} between tests.
 *
 * <p>WebKitWebDriver has no console log: this browser reports no page errors, so the check after each test
 * ({@link Browser#consoleErrors()}) is done only by the other engines. If WebKitGTK is not installed the constructor
 * fails with what to install.
 */
final class WebKitBrowser extends SeleniumBrowser {

    private final DebianWebKit webkit;

    WebKitBrowser() {
        this(start());
    }

    private WebKitBrowser(DebianWebKit webkit) {
        super(webkit.driver());
        this.webkit = webkit;
    }

    private static DebianWebKit start() {
        String missing = DebianWebKit.missing();
        if (missing != null) {
            throw new AssertionError("The integration tests cannot run: " + missing);
        }
        return DebianWebKit.start();
    }

    @Override
    public BrowserKind kind() {
        return BrowserKind.WEBKIT;
    }

    /**
     * WebKitWebDriver's native click on an element inside a cross-origin frame leaves that page untouched (no click
     * event; also with the element scrolled into view), so the element is clicked by the frame's own script
     * ({@code HTMLElement.click()}, a trusted-enough click for pages that listen to {@code click}).
     */
    @Override
    public void clickInFrame(String frameId, String elementId) {
        evalInFrame(frameId, "(function () { document.getElementById(" + HostPage.js(elementId) + ").click();"
                + " return true; })()");
    }

    @Override
    protected void clearErrors() {
        // Nothing is collected (see the class comment).
    }

    @Override
    protected List<String> reportedErrors() {
        return List.of();
    }

    @Override
    public void close() {
        webkit.close();
    }
}
