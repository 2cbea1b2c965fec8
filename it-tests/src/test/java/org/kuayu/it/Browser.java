package org.kuayu.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One real browser (or HtmlUnit) driven by a test, so each scenario is written once and runs in every kind.
 *
 * <p>Values cross the boundary as JSON: {@link #eval} stringifies the result in the page and parses it here,
 * so both kinds answer with the same Java types ({@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code List}, {@code Map}, {@code null}).
 *
 * <pre>{@code
 * browser.open(sites.domain1() + "/test/host.html");
 * browser.eval("KT.connect({remote: '...'})");
 * browser.waitFor("KT.count('ready') === 1", Duration.ofSeconds(10));
 * browser.clickInFrame("remote", "request");          // inside the page of <iframe id="remote">
 * }</pre>
 */
public interface Browser extends AutoCloseable {

    /** Which kind this is; its {@code toString} names the browser in reports and failure messages. */
    BrowserKind kind();

    /** The bundle this test runs against: test pages opened through {@link HostPage} load it. */
    Bundle bundle();

    /** Loads {@code url} in the one top-level window and returns once its load event has fired. */
    void open(String url);

    /**
     * Evaluates a JavaScript <em>expression</em> in the top-level page and returns its JSON value.
     * Statements go inside {@code (function () { ... })()}.
     */
    Object eval(String expression);

    /**
     * Waits until the JavaScript expression is truthy, polling within {@code bound}; on timeout fails with the
     * condition and the page's event log (see {@link #pageLog()}).
     */
    void waitFor(String condition, Duration bound);

    /** Clicks the element with this id the way a user would. */
    void click(String elementId);

    /**
     * {@link #eval} in the page of the top-level page's iframe with this id, also across origins (a test, unlike
     * the page, may look inside); {@code "outer/inner"} names the iframe {@code inner} in the page of {@code outer}.
     */
    Object evalInFrame(String frameId, String expression);

    /** {@link #waitFor} on a condition evaluated in the page of the iframe with this id. */
    void waitForInFrame(String frameId, String condition, Duration bound);

    /** {@link #click} on an element of the page in the iframe with this id. */
    void clickInFrame(String frameId, String elementId);

    /**
     * Saves what the page looks like as {@code target/screenshots/<name>.png} and returns the file, or null where the
     * browser cannot render (HtmlUnit).
     */
    default Path screenshot(String name) {
        return null;
    }

    /**
     * What the page says happened: {@code KT.dump()} on test pages, else the start of the body's text.
     * Never throws: meant for failure messages.
     */
    String pageLog();

    /**
     * Errors the pages printed or threw since the last {@link #open}: console errors and uncaught exceptions, but
     * for those the test said to expect.
     */
    List<String> consoleErrors();

    /**
     * Expects, for the rest of this test, console errors that contain {@code fragment}: the browser's own report
     * of a load the test makes fail on purpose (a JSONP 404, a refused connection), which is not a page error.
     */
    void expectConsoleErrors(String fragment);

    @Override
    void close();
}
