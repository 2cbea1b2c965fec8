package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.kuayu.demo.Site;
import org.openqa.selenium.json.Json;

/**
 * The test host page ({@code domain1/test/host.html}, also served by the document.domain host site) in Java terms:
 * each method is one call into its harness {@code KT} ({@code harness.js}), so scenarios read as what the user of
 * the API does.
 *
 * <pre>{@code
 * HostPage host = HostPage.open(browser, sites);
 * host.connect("{remote: " + HostPage.js(host.remoteUrl("echo")) + "}");
 * host.awaitCount("ready", 1);
 * assertEquals(Map.of("echo", "hi"), host.reply("'hi'"));
 * }</pre>
 * JavaScript goes in as source text ({@link #js(Object)} quotes a Java value); values come back as JSON types.
 * Every wait is bounded by {@link #BOUND}, longer than Kuayu's default 10 s timeout so that Kuayu's own
 * failure, not the test's patience, is what shows in the event log.
 */
final class HostPage {

    /** How long any one expected thing may take. */
    static final Duration BOUND = Duration.ofSeconds(20);

    private static final Json JSON = new Json();

    private final Browser browser;
    private final DemoSites sites;

    private HostPage(Browser browser, DemoSites sites) {
        this.browser = browser;
        this.sites = sites;
    }

    /** Opens the host page of domain1 and checks that Kuayu and the harness loaded. */
    static HostPage open(Browser browser, DemoSites sites) {
        return open(browser, sites, Site.DOMAIN1, null);
    }

    /**
     * Opens the host page of this site (domain1, or the document.domain host {@link Site#DOMAIN_WWW}), with more
     * query parameters when {@code query} is not null (such as {@code "oac=1"}), and checks that Kuayu and the
     * harness loaded.
     */
    static HostPage open(Browser browser, DemoSites sites, Site site, String query) {
        String page = sites.origin(site) + "/test/host.html" + (query == null ? "" : "?" + query);
        browser.open(browser.bundle().select(page));
        browser.waitFor("typeof KT === 'object' && typeof kuayu === 'object' && typeof kuayu.connect === 'function'",
                BOUND);
        return new HostPage(browser, sites);
    }

    /** A Java value as JavaScript source (JSON). */
    static String js(Object value) {
        return JSON.toJson(value);
    }

    Browser browser() {
        return browser;
    }

    /** {@code domain2/test/remote.html} admitting the host (domain1), answering requests per {@code mode}. */
    String remoteUrl(String mode) {
        return remoteUrl(mode, sites.domain1());
    }

    /** {@code domain2/test/remote.html} admitting exactly these origins. */
    String remoteUrl(String mode, String... allowedOrigins) {
        return (String) browser.eval("KT.remoteUrl({mode: " + js(mode) + ", allowed: " + js(List.of(allowedOrigins))
                + "})");
    }

    /**
     * {@code test/remote.html} on the document.domain remote site ({@code child}), admitting this page's site and
     * accepting over {@code transport: "domain"}, answering requests per {@code mode}; {@code extra} is more of its
     * query (such as {@code "oac=1"}), or null.
     */
    String childRemoteUrl(String mode, String extra) {
        return (String) browser.eval("KT.remoteUrl({site: 'child', mode: " + js(mode) + ", transport: 'domain',"
                + " extra: " + js(extra) + "})");
    }

    /** {@code KT.connect(options)}: options as a JavaScript object literal; fails if connect threw. */
    void connect(String options) {
        if (!Boolean.TRUE.equals(browser.eval("KT.connect(" + options + ")"))) {
            fail(browser.kind() + ": kuayu.connect(" + options + ") threw\n" + log());
        }
    }

    /** Connects to the remote test page in this mode through a frame Kuayu creates, and waits for onReady. */
    void connectAndAwaitReady(String mode) {
        connect("{remote: " + js(remoteUrl(mode)) + "}");
        awaitCount("ready", 1);
    }

    /** Evaluates a JavaScript expression in the host page. */
    Object eval(String expression) {
        return browser.eval(expression);
    }

    /** Waits for a JavaScript condition, within {@link #BOUND}. */
    void waitFor(String condition) {
        browser.waitFor(condition, BOUND);
    }

    /** Waits for a JavaScript condition, within {@code bound}. */
    void waitFor(String condition, Duration bound) {
        browser.waitFor(condition, bound);
    }

    /** Waits until at least {@code n} events of this type were recorded. */
    void awaitCount(String type, int n) {
        waitFor("KT.count(" + js(type) + ") >= " + n);
    }

    long count(String type) {
        return ((Number) eval("KT.count(" + js(type) + ")")).longValue();
    }

    /** The recorded events of this type: maps of type, data, origin, code, message. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events(String type) {
        return (List<Map<String, Object>>) eval("KT.find(" + js(type) + ")");
    }

    /** The types of all recorded events, in order. */
    @SuppressWarnings("unchecked")
    List<String> eventTypes() {
        return (List<String>) eval("(function () { var t = []; for (var i = 0; i < KT.events.length; i++) {"
                + " t.push(KT.events[i].type); } return t; })()");
    }

    /** Sends a request (data as JavaScript) and returns its id; it settles into {@code KT.results[id]}. */
    int request(String data) {
        return ((Number) eval("KT.request(" + data + ")")).intValue();
    }

    /** The same through {@code request(data, onReply, onError)}. */
    int requestWithCallbacks(String data) {
        return ((Number) eval("KT.request(" + data + ", {callbacks: true})")).intValue();
    }

    /** Waits until request {@code id} settled and returns its result: state, value, code, message. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitResult(int id) {
        waitFor("KT.results[" + id + "].state !== 'pending'");
        return (Map<String, Object>) eval("KT.results[" + id + "]");
    }

    /** Sends a request, waits for it, checks that it succeeded and returns the reply. */
    Object reply(String data) {
        Map<String, Object> result = awaitResult(request(data));
        assertEquals("ok", result.get("state"), () -> "request(" + data + ") did not succeed: " + result + "\n" + log());
        return result.get("value");
    }

    /**
     * Pings the remote ({@code {cmd: 'ping'}}) until one ping is answered, at most {@code attempts} times, stopping
     * early once the channel closed; returns every ping's result in order (the last is "ok" when one was answered).
     * For a channel whose remote page may be loading again: each ping that fails failed on that.
     */
    List<Map<String, Object>> pingUntilAnsweredOrClosed(int attempts) {
        List<Map<String, Object>> pings = new java.util.ArrayList<>();
        while (pings.size() < attempts && count("close") == 0
                && (pings.isEmpty() || !"ok".equals(pings.get(pings.size() - 1).get("state")))) {
            pings.add(awaitResult(request("{cmd: 'ping'}")));
        }
        return pings;
    }

    /** {@code KT.send(data)}: null, or {code, message} when send threw. */
    Object send(String data) {
        return eval("KT.send(" + data + ")");
    }

    /** The remote page's own event log, asked for over the channel (no browser lets the host read it). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> remoteEvents() {
        return (List<Map<String, Object>>) reply("{cmd: 'events'}");
    }

    /** What the channel says about itself: ready, state, transport, origin. */
    @SuppressWarnings("unchecked")
    Map<String, Object> state() {
        return (Map<String, Object>) eval("KT.state()");
    }

    long iframes() {
        return ((Number) eval("KT.iframes()")).longValue();
    }

    /** The page's event log as text, for assertion messages. */
    String log() {
        return browser.kind() + " page log:\n" + browser.pageLog();
    }

    /** The page's event log as a message supplier. */
    Supplier<String> why() {
        return this::log;
    }
}
