package org.kuayu.it;

/** The browsers a scenario runs in; {@link Browsers} names the usual sets of them. */
public enum BrowserKind {
    /** HtmlUnit emulating Chrome: fast, in-process, but it does not enforce the same-origin policy. */
    HTMLUNIT("HtmlUnit"),
    /** Debian's headless Chromium through chromedriver. */
    CHROMIUM("Chromium"),
    /** Debian's headless Firefox ESR over WebDriver BiDi (no geckodriver). */
    FIREFOX("Firefox"),
    /** Debian's WebKitGTK (Safari's engine) through WebKitWebDriver, on its own Xvfb display. */
    WEBKIT("WebKit");

    private final String label;

    BrowserKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
