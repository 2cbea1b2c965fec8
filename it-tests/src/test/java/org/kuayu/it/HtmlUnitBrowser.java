package org.kuayu.it;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.ScriptException;
import org.htmlunit.ScriptResult;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.WebConsole;
import org.htmlunit.WebWindow;
import org.htmlunit.html.BaseFrameElement;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.javascript.JavaScriptErrorListener;

/**
 * {@link Browser} on HtmlUnit emulating Chrome: in-process and fast, one {@link WebClient} per test.
 *
 * <p>CSS is off, console and parser chatter is dropped, and every page error (an uncaught exception, a script
 * that fails to load, {@code console.error}) is collected for {@link #consoleErrors()}. A failing script the
 * test evaluates itself throws. HtmlUnit does not enforce the same-origin policy between frames, so security
 * assertions belong to the real browsers ({@link Browsers#REAL}).
 */
final class HtmlUnitBrowser extends AbstractBrowser {

    private final WebClient client = new WebClient(BrowserVersion.CHROME);
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private WebWindow window;

    HtmlUnitBrowser() {
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnScriptError(true);
        // A failing script load must fire the script's error event, as in a browser (JSONP relies on it), not throw
        // out of the test's eval; open() checks the page's own status instead.
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        client.setCssErrorHandler(new SilentCssErrorHandler());
        client.setIncorrectnessListener((message, origin) -> { });
        client.setHTMLParserListener(null);
        client.setJavaScriptErrorListener(new ErrorCollector());
        client.getWebConsole().setLogger(new ConsoleCollector());
    }

    @Override
    public BrowserKind kind() {
        return BrowserKind.HTMLUNIT;
    }

    @Override
    public void open(String url) {
        errors.clear();
        try {
            Page page = client.getPage(url);
            int status = page.getWebResponse().getStatusCode();
            if (status >= 400) {
                throw new AssertionError("HtmlUnit could not open " + url + ": HTTP " + status);
            }
            window = page.getEnclosingWindow().getTopWindow();
        } catch (IOException e) {
            throw new AssertionError("HtmlUnit could not open " + url + ": " + e, e);
        }
    }

    @Override
    protected String evalToString(String frameId, String expression) {
        ScriptResult result = page(frameId).executeJavaScript(expression);
        Object value = result.getJavaScriptResult();
        return value instanceof CharSequence ? value.toString() : null;
    }

    @Override
    public void click(String elementId) {
        clickIn(null, elementId);
    }

    @Override
    public void clickInFrame(String frameId, String elementId) {
        clickIn(frameId, elementId);
    }

    private void clickIn(String frameId, String elementId) {
        try {
            page(frameId).getHtmlElementById(elementId).click();
        } catch (IOException e) {
            throw new AssertionError("HtmlUnit could not click #" + elementId + ": " + e, e);
        }
    }

    /** The top-level page, or the page in its iframe with this id (HtmlUnit lets a test reach any origin's). */
    private HtmlPage page(String frameId) {
        Page page = window == null ? null : window.getEnclosedPage();
        if (!(page instanceof HtmlPage)) {
            throw new IllegalStateException("no HTML page is open (have: " + page + ")");
        }
        HtmlPage current = (HtmlPage) page;
        if (frameId == null) {
            return current;
        }
        for (String id : frameId.split("/")) {
            DomElement element = current.getElementById(id);
            if (!(element instanceof BaseFrameElement)) {
                throw new IllegalStateException("no iframe #" + id + " in " + current.getUrl()
                        + " (have: " + element + ")");
            }
            Page inside = ((BaseFrameElement) element).getEnclosedPage();
            if (!(inside instanceof HtmlPage)) {
                throw new IllegalStateException("iframe #" + id + " holds no HTML page (have: " + inside + ")");
            }
            current = (HtmlPage) inside;
        }
        return current;
    }

    @Override
    protected List<String> reportedErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private final class ErrorCollector implements JavaScriptErrorListener {
        @Override
        public void scriptException(HtmlPage page, ScriptException e) {
            errors.add("uncaught in " + page.getUrl() + ": " + e.getMessage());
        }

        @Override
        public void timeoutError(HtmlPage page, long allowed, long executed) {
            errors.add("script timeout in " + page.getUrl() + " after " + executed + " ms");
        }

        @Override
        public void malformedScriptURL(HtmlPage page, String url, MalformedURLException e) {
            errors.add("malformed script URL in " + page.getUrl() + ": " + url);
        }

        @Override
        public void loadScriptError(HtmlPage page, URL scriptUrl, Exception e) {
            errors.add("script failed to load in " + page.getUrl() + ": " + scriptUrl + " (" + e + ")");
        }

        @Override
        public void warn(String message, String sourceName, int line, String lineSource, int lineOffset) {
            // Rhino's parser warnings are noise.
        }
    }

    private final class ConsoleCollector implements WebConsole.Logger {
        @Override public boolean isTraceEnabled() { return false; }
        @Override public void trace(Object message) { }
        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(Object message) { }
        @Override public boolean isInfoEnabled() { return false; }
        @Override public void info(Object message) { }
        @Override public boolean isWarnEnabled() { return false; }
        @Override public void warn(Object message) { }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(Object message) { errors.add("console.error: " + message); }
    }
}
