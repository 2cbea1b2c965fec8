package org.kuayu.it;

import java.util.List;

/**
 * The sets of browsers a {@link BrowserTest} runs in: {@link #ALL} by default, {@link #REAL} for what only a real
 * browser enforces (the same-origin policy, CSP, frame-ancestors, cookies).
 */
public enum Browsers {
    /** HtmlUnit and the three real engines. */
    ALL(BrowserKind.HTMLUNIT, BrowserKind.CHROMIUM, BrowserKind.FIREFOX, BrowserKind.WEBKIT),
    /** The three real engines: Chromium, Firefox and WebKit. */
    REAL(BrowserKind.CHROMIUM, BrowserKind.FIREFOX, BrowserKind.WEBKIT);

    private final List<BrowserKind> kinds;

    Browsers(BrowserKind... kinds) {
        this.kinds = List.of(kinds);
    }

    /** The kinds of this set, in report order. */
    List<BrowserKind> kinds() {
        return kinds;
    }
}
