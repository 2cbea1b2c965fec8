package org.kuayu.jsonp;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.UserCode;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.GlobalCallback;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.TextListener;

/**
 * A JSONP call: a {@code <script>} whose response calls a global function with the JSON reply. The oldest
 * cross-domain technique, done without its classic holes.
 *
 * <pre>{@code
 * Cancellable call = JsonpClient.request(platform, "https://api.example/login",
 *         JsonpOptions.builder().param("user", "admin").build(),
 *         new ReplyCallback() {
 *             public void onReply(String json) { ... }            // {"status":true,"user":"admin"}
 *             public void onError(KuayuException e) { ... }       // TIMEOUT or TRANSMISSION_FAILED
 *         });
 * call.cancel();   // optional: give up early; no outcome is reported, everything is released
 * }</pre>
 *
 * <ol>
 * <li>Requirement: a reply goes to its own call only. Protocol: the callback is a fresh global
 *     {@code __kuayu_jsonp_<128 random bits>}, sent as the {@code callbackParam} query parameter.</li>
 * <li>Requirement: a failed load is reported at once. Protocol: the script's error event (404, refused, server
 *     down) fails the call with {@code TRANSMISSION_FAILED} without waiting for the timeout.</li>
 * <li>Requirement: a server that never answers is reported. Protocol: no callback within {@code timeoutMillis}
 *     fails the call with {@code TIMEOUT} (a script that loads without calling waits for it too).</li>
 * <li>Requirement: exactly one outcome, once. Protocol: the first of reply, error and timeout settles the call;
 *     the others are ignored.</li>
 * <li>Requirement: nothing left behind. Protocol: the script element, the timer and the global are released once
 *     the call is settled and the script has run (load or error), or when the timeout fires or the call is
 *     cancelled. A script that failed to load can never run, so its global is deleted outright
 *     ({@link GlobalCallback#delete()}); so is one that was called. A global not yet called after a timeout or a
 *     cancel becomes a stub that deletes itself when a late reply calls it ({@link GlobalCallback#cancel()}), so
 *     a late reply is absorbed.</li>
 * </ol>
 * Releasing after the script's load rather than at the reply lets a script that calls twice hit our (ignoring)
 * receiver instead of a deleted global.
 */
public final class JsonpClient {
    /** The prefix of every callback name; the rest is {@link Platform#randomId()}. */
    public static final String CALLBACK_PREFIX = "__kuayu_jsonp_";

    private final Platform platform;
    private final String url;
    private final ReplyCallback callback;
    private Cancellable script;
    private GlobalCallback global;
    private Cancellable timer;
    private boolean settled;
    private boolean called;
    private boolean scriptDone;
    private boolean loadFailed;
    private boolean released;

    private JsonpClient(Platform platform, String url, ReplyCallback callback) {
        this.platform = platform;
        this.url = url;
        this.callback = callback;
    }

    /**
     * Starts one JSONP call of {@code url} with {@code options}; the outcome reaches {@code callback} in a later
     * task: {@code onReply} with the JSON text the server passed to the callback, or {@code onError} with
     * {@code TRANSMISSION_FAILED} or {@code TIMEOUT}.
     *
     * @param url an absolute or page-relative URL; a query is kept, the parameters go before any fragment
     * @return the call: {@code cancel()} gives it up (no outcome is reported after it) and releases the script
     *         element, the timer and the global (a stub if the script may still arrive); harmless once settled
     * @throws IllegalArgumentException for a null argument or an empty URL
     */
    public static Cancellable request(Platform platform, String url, JsonpOptions options, ReplyCallback callback) {
        if (platform == null || options == null || callback == null) {
            throw new IllegalArgumentException("platform, options and callback must not be null: pass"
                    + " JsonpOptions.defaults() for the default options");
        }
        if (url == null || url.trim().isEmpty()) {
            throw new IllegalArgumentException("url must not be null or empty: give the JSONP endpoint, e.g."
                    + " https://api.example/login");
        }
        String name = CALLBACK_PREFIX + platform.randomId();
        String full = JsonpUrl.build(url, options.params(), options.callbackParam(), name);
        final JsonpClient call = new JsonpClient(platform, full, callback);
        call.start(name, options);
        return new Cancellable() {
            @Override
            public void cancel() {
                call.settled = true;
                call.release();
            }
        };
    }

    private void start(String name, JsonpOptions options) {
        global = platform.defineGlobalCallback(name, new TextListener() {
            @Override
            public void onText(String json) {
                called = true;
                if (!settled) {
                    settle(json, null);
                }
                if (scriptDone) {
                    release();
                }
            }
        });
        timer = platform.schedule(options.timeoutMillis(), new Runnable() {
            @Override
            public void run() {
                if (!settled) {
                    settle(null, new KuayuException(ErrorCode.TIMEOUT, "JSONP call of " + url + " got no reply"
                            + " within " + options.timeoutMillis() + " ms: check that the server calls the function"
                            + " named in '" + options.callbackParam() + "', or raise timeoutMillis"));
                }
                release();
            }
        });
        script = platform.loadScript(url, options.nonce(), new Runnable() {
            @Override
            public void run() {
                scriptDone = true;
                if (settled) {
                    release();
                } else {
                    // The script ran without calling back: nothing more will come from the element, but an
                    // asynchronous call may, until the timeout.
                    script.cancel();
                }
            }
        }, new Runnable() {
            @Override
            public void run() {
                scriptDone = true;
                loadFailed = true;
                if (!settled) {
                    settle(null, new KuayuException(ErrorCode.TRANSMISSION_FAILED, "JSONP script " + url
                            + " failed to load (404, refused connection, server down, or blocked by CSP)"));
                }
                release();
            }
        });
    }

    private void settle(String json, KuayuException error) {
        settled = true;
        UserCode.settle(platform, DebugLog.off(), callback, json, error);
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        timer.cancel();
        script.cancel();
        if (called || loadFailed) {
            // Nothing can call it any more: the reply came (a JSONP script calls once), or the script never ran.
            global.delete();
        } else {
            // The script may still be on its way (a timeout, a cancel): a stub absorbs it.
            global.cancel();
        }
    }
}
