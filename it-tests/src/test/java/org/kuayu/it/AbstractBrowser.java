package org.kuayu.it;

import java.time.Duration;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.TimeoutException;

/**
 * What every {@link Browser} shares: values travel as JSON text (one parser, so both kinds answer with the same
 * Java types) and waiting is a bounded poll of a page condition.
 */
abstract class AbstractBrowser implements Browser {

    private static final Duration POLL = Duration.ofMillis(25);
    private static final Json JSON = new Json();
    private static final String PAGE_LOG = "(window.KT && KT.dump) ? KT.dump()"
            + " : (document.body ? String(document.body.innerText || document.body.textContent || '') : '')";

    /** Runs a script whose value is a string (or null) in the top-level page. */
    protected abstract String evalToString(String expression);

    @Override
    public final Object eval(String expression) {
        String json = evalToString("(function (v) { return v === undefined ? 'null' : JSON.stringify(v); })"
                + "((function () { return (" + expression + "\n); })())");
        return json == null ? null : JSON.toType(json, Object.class);
    }

    @Override
    public final void waitFor(String condition, Duration bound) {
        try {
            new FluentWait<>(this)
                    .withTimeout(bound)
                    .pollingEvery(POLL)
                    .until(browser -> Boolean.TRUE.equals(browser.eval("!!(" + condition + "\n)")) ? Boolean.TRUE : null);
        } catch (TimeoutException e) {
            throw new AssertionError(kind() + ": timed out after " + bound.toMillis() + " ms waiting for: "
                    + condition + "\npage log:\n" + pageLog());
        }
    }

    @Override
    public final String pageLog() {
        try {
            Object log = eval(PAGE_LOG);
            String text = String.valueOf(log);
            return text.length() > 20_000 ? text.substring(0, 20_000) + "\n... (cut)" : text;
        } catch (RuntimeException e) {
            return "(no page log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return kind().toString();
    }
}
