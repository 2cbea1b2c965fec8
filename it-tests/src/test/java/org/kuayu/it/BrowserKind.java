package org.kuayu.it;

/** The browsers every scenario runs in. */
public enum BrowserKind {
    /** HtmlUnit emulating Chrome: fast, in-process, but it does not enforce the same-origin policy. */
    HTMLUNIT("HtmlUnit"),
    /** Debian's headless Chromium through chromedriver: the authority on security behaviour. */
    CHROMIUM("Chromium");

    private final String label;

    BrowserKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
