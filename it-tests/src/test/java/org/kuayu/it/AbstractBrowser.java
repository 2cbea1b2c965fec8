package org.kuayu.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Runs a script whose value is a string (or null) in the top-level page, or with a {@code frameId} in the
     * page of the top-level page's iframe with that id.
     */
    protected abstract String evalToString(String frameId, String expression);

    /** The errors as the browser reported them since the last {@link #open}, expected or not. */
    protected abstract List<String> reportedErrors();

    private final List<String> expectedErrors = new ArrayList<>();
    private Bundle bundle = Bundle.TEAVM;

    @Override
    public final Bundle bundle() {
        return bundle;
    }

    /** Sets the bundle of the test about to run. */
    final void useBundle(Bundle b) {
        bundle = b;
    }

    @Override
    public final List<String> consoleErrors() {
        List<String> unexpected = new ArrayList<>();
        for (String error : reportedErrors()) {
            if (expectedErrors.stream().noneMatch(error::contains)) {
                unexpected.add(error);
            }
        }
        return unexpected;
    }

    @Override
    public final void expectConsoleErrors(String fragment) {
        expectedErrors.add(fragment);
    }

    /**
     * Back to one blank window with no errors and nothing expected, for the next test of a class that shares this
     * browser. HtmlUnit, made per test, has nothing to reset.
     */
    void reset() {
        forgetExpectedErrors();
    }

    /** Forgets what an earlier test expected; a browser shared by a class calls it before each test. */
    protected final void forgetExpectedErrors() {
        expectedErrors.clear();
    }

    @Override
    public final Object eval(String expression) {
        return evalIn(null, expression);
    }

    @Override
    public final Object evalInFrame(String frameId, String expression) {
        return evalIn(frameId, expression);
    }

    @Override
    public final void waitFor(String condition, Duration bound) {
        waitIn(null, condition, bound);
    }

    @Override
    public final void waitForInFrame(String frameId, String condition, Duration bound) {
        waitIn(frameId, condition, bound);
    }

    private Object evalIn(String frameId, String expression) {
        String json = evalToString(frameId, "(function (v) { return v === undefined ? 'null' : JSON.stringify(v); })"
                + "((function () { return (" + expression + "\n); })())");
        return json == null ? null : JSON.toType(json, Object.class);
    }

    private void waitIn(String frameId, String condition, Duration bound) {
        try {
            new FluentWait<>(this)
                    .withTimeout(bound)
                    .pollingEvery(POLL)
                    .until(browser -> Boolean.TRUE.equals(evalIn(frameId, "!!(" + condition + "\n)"))
                            ? Boolean.TRUE : null);
        } catch (TimeoutException e) {
            String where = frameId == null ? "" : " in frame #" + frameId;
            throw new AssertionError(kind() + ": timed out after " + bound.toMillis() + " ms waiting" + where + " for: "
                    + condition + "\npage log:\n" + pageLog()
                    + (frameId == null ? "" : "\nframe #" + frameId + " text:\n" + frameText(frameId)));
        }
    }

    /** The start of the frame's body text, for failure messages; never throws. */
    private String frameText(String frameId) {
        try {
            String text = String.valueOf(evalIn(frameId, "document.body ? String(document.body.innerText"
                    + " || document.body.textContent || '') : ''"));
            return text.length() > 20_000 ? text.substring(0, 20_000) + "\n... (cut)" : text;
        } catch (RuntimeException e) {
            return "(no frame text: " + e + ")";
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
