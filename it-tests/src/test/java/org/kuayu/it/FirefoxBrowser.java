package org.kuayu.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.kuayu.browser.BiDiConnection;
import org.kuayu.browser.DebianFirefox;

/**
 * {@link Browser} on Debian's headless Firefox ESR over WebDriver BiDi ({@link DebianFirefox}; there is no
 * geckodriver). One instance serves a whole test class and is {@linkplain #reset() reset} between tests.
 *
 * <p>How a frame is found by its iframe's id, also across origins: the parent page evaluates
 * {@code document.getElementById(id).contentWindow}, and BiDi serializes a window as its browsing context's id
 * ({@code {"type": "window", "value": {"context": ...}}}), a handle the test may then run scripts in. This asks the
 * parent's DOM itself, so it needs no guess from URLs or frame order, and it is redone on every call, so a frame
 * that navigated is still found.
 *
 * <p>Page errors are BiDi {@code log.entryAdded} events of level {@code error}: {@code console.error} and uncaught
 * exceptions, in the page and in its frames. (Firefox does not log failed loads there, unlike Chromium.)
 */
final class FirefoxBrowser extends AbstractBrowser {

    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final DebianFirefox firefox;
    private final BiDiConnection bidi;
    private String top;

    FirefoxBrowser() {
        String missing = DebianFirefox.missing();
        if (missing != null) {
            throw new AssertionError("The integration tests cannot run: " + missing);
        }
        // Firefox resolves *.localhost, every test site's name, to loopback by itself: no names to map.
        firefox = DebianFirefox.start("kuayu-firefox-", List.of(), this::onEvent);
        bidi = firefox.bidi();
        bidi.call("session.subscribe", Map.of("events", List.of("log.entryAdded")));
        top = topLevelContexts().get(0);
    }

    @Override
    public BrowserKind kind() {
        return BrowserKind.FIREFOX;
    }

    private void onEvent(Map<String, Object> event) {
        if ("log.entryAdded".equals(event.get("method"))) {
            Map<?, ?> entry = (Map<?, ?>) event.get("params");
            if ("error".equals(entry.get("level"))) {
                errors.add(entry.get("type") + ": " + entry.get("text"));
            }
        }
    }

    /** Back to one blank tab (a new browsing context group) with an empty error list, ready for the next test. */
    @Override
    void reset() {
        String fresh = (String) bidi.call("browsingContext.create", Map.of("type", "tab")).get("context");
        for (String context : topLevelContexts()) {
            if (!context.equals(fresh)) {
                bidi.call("browsingContext.close", Map.of("context", context));
            }
        }
        top = fresh;
        errors.clear();
        forgetExpectedErrors();
    }

    private List<String> topLevelContexts() {
        List<?> tree = (List<?>) bidi.call("browsingContext.getTree", Map.of("maxDepth", 0)).get("contexts");
        List<String> ids = new ArrayList<>();
        for (Object context : tree) {
            ids.add((String) ((Map<?, ?>) context).get("context"));
        }
        return ids;
    }

    /**
     * Navigates the tab and waits for its load event. Firefox answers {@code NS_BINDING_ABORTED} when a navigation
     * the old page started at that moment (seen in HostileOriginTest) supersedes the test's: it is then made once
     * more.
     */
    @Override
    public void open(String url) {
        errors.clear();
        Map<String, Object> navigate = Map.of("context", top, "url", url, "wait", "complete");
        try {
            bidi.call("browsingContext.navigate", navigate);
        } catch (BiDiConnection.BiDiException e) {
            if (!String.valueOf(e.getMessage()).contains("NS_BINDING_ABORTED")) {
                throw e;
            }
            bidi.call("browsingContext.navigate", navigate);
        }
    }

    @Override
    protected String evalToString(String frameId, String expression) {
        Map<?, ?> value = evaluate(context(frameId), expression);
        Object text = value.get("value");
        return text == null ? null : text.toString();
    }

    @Override
    public void click(String elementId) {
        clickIn(top, elementId);
    }

    @Override
    public void clickInFrame(String frameId, String elementId) {
        clickIn(context(frameId), elementId);
    }

    /** A real mouse click at the element's centre (scrolled into view first), as a user's would be: trusted. */
    private void clickIn(String context, String elementId) {
        Map<?, ?> node = evaluate(context, "(function (e) { if (e) { e.scrollIntoView({block: 'center',"
                + " inline: 'center'}); } return e; })(document.getElementById(" + HostPage.js(elementId) + "))");
        if (!"node".equals(node.get("type"))) {
            throw new IllegalStateException(kind() + ": no element #" + elementId + " to click (have: " + node + ")");
        }
        Map<String, Object> element = Map.of("sharedId", node.get("sharedId"));
        bidi.call("input.performActions", Map.of("context", context, "actions", List.of(Map.of(
                "type", "pointer", "id", "mouse", "parameters", Map.of("pointerType", "mouse"),
                "actions", List.of(
                        Map.of("type", "pointerMove", "x", 0, "y", 0,
                                "origin", Map.of("type", "element", "element", element)),
                        Map.of("type", "pointerDown", "button", 0),
                        Map.of("type", "pointerUp", "button", 0))))));
        bidi.call("input.releaseActions", Map.of("context", context));
    }

    /** The browsing context of the top-level page, or of its iframe with this id ({@code "outer/inner"} nests). */
    private String context(String frameId) {
        String context = top;
        if (frameId == null) {
            return context;
        }
        for (String id : frameId.split("/")) {
            Map<?, ?> window = evaluate(context, "(function (f) { return f && f.contentWindow; })"
                    + "(document.getElementById(" + HostPage.js(id) + "))");
            if (!"window".equals(window.get("type"))) {
                throw new IllegalStateException(kind() + ": no iframe #" + id + " in " + frameId + " (have: "
                        + window + ")");
            }
            context = (String) ((Map<?, ?>) window.get("value")).get("context");
        }
        return context;
    }

    /** {@code script.evaluate} in the page's own realm; returns the BiDi remote value, throws on an exception. */
    private Map<?, ?> evaluate(String context, String expression) {
        Map<String, Object> result = bidi.call("script.evaluate", Map.of("expression", expression,
                "target", Map.of("context", context), "awaitPromise", false, "userActivation", true));
        if (!"success".equals(result.get("type"))) {
            Map<?, ?> details = (Map<?, ?>) result.get("exceptionDetails");
            throw new IllegalStateException(kind() + ": script failed: "
                    + (details == null ? result : details.get("text")) + "\nin: " + expression);
        }
        return (Map<?, ?>) result.get("result");
    }

    @Override
    protected List<String> reportedErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    @Override
    public void close() {
        firefox.close();
    }
}
