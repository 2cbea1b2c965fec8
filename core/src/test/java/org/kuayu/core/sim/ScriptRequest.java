package org.kuayu.core.sim;

/**
 * One script load as its {@link ScriptResponder} sees it: the URL, and the ways to answer (call one of
 * {@link #callAndLoad}, {@link #loadWithoutCall}, {@link #fail}, once; {@link #delay} first to answer later).
 *
 * <p>As in browsers, a script already fetched still runs when its element was removed meanwhile: only its load and
 * error events go unheard. That is what makes a late JSONP reply reach the page's global after its timeout.
 */
public final class ScriptRequest {
    private final SimScript script;
    private int delayMillis;
    private boolean answered;

    ScriptRequest(SimScript script) {
        this.script = script;
    }

    /** The script's URL as the page gave it. */
    public String url() {
        return script.url();
    }

    /** The nonce attribute of the element, or null. */
    public String nonce() {
        return script.nonce();
    }

    /** The raw (still percent-encoded) value of the first query parameter {@code name}, or null. */
    public String param(String name) {
        String url = SimUrls.withoutFragment(script.url());
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    /** Answers {@code millis} virtual ms later instead of at once. */
    public ScriptRequest delay(int millis) {
        delayMillis = Math.max(0, millis);
        return this;
    }

    /**
     * A script that runs {@code window[global](JSON.parse(json))}, then the load event. A missing global throws a
     * {@code ReferenceError}, reported in {@link SimBrowser#uncaughtErrors()} as browsers do.
     */
    public void callAndLoad(final String global, final String json) {
        answer(() -> script.execute(w -> w.callGlobal(global, json)));
    }

    /** A script that runs {@code body} in the page (e.g. {@link SimWindow#callGlobal} twice, or later), then loads. */
    public void runAndLoad(final PageScript body) {
        answer(() -> script.execute(body));
    }

    /** A script that loads and runs without calling anything. */
    public void loadWithoutCall() {
        answer(() -> script.execute(null));
    }

    /** No script: 404, refused connection, server down. The error event fires. */
    public void fail() {
        answer(script::fail);
    }

    private void answer(Runnable outcome) {
        if (answered) {
            throw new IllegalStateException("a script request is answered once");
        }
        answered = true;
        script.owner().browser().schedule(script.owner(), delayMillis, false, outcome);
    }
}
