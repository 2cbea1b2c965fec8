package org.kuayu.core.platform;

/**
 * A global function defined by {@link Platform#defineGlobalCallback}: the receiving end of a JSONP call. Two ways to
 * retire it, because whether a script may still call it decides what must stay behind.
 *
 * <pre>{@code
 * GlobalCallback global = platform.defineGlobalCallback(name, receiver);
 * Cancellable script = platform.loadScript(url, null, onLoad, new Runnable() {
 *     public void run() { global.delete(); }    // the script failed to load: nothing can call the global
 * });
 * ...
 * global.cancel();                              // timed out: the script may still arrive, so a stub stays
 * }</pre>
 *
 * <ul>
 * <li>{@link #cancel()}: stops delivery to the receiver for good. A global already called is deleted; one never
 * called becomes a stub that deletes the global when a late script calls it (no {@code ReferenceError}, nothing
 * kept but the stub).</li>
 * <li>{@link #delete()}: stops delivery and deletes the global at once, stub or not. For when nothing can call it
 * any more: its script failed to load, or has run and its reply came.</li>
 * </ul>
 * Both are harmless when repeated or combined ({@code delete()} after {@code cancel()} removes the stub), and
 * neither touches a global of the same name that something else defined meanwhile.
 */
public interface GlobalCallback extends Cancellable {
    /** Stops delivery and deletes {@code window[name]} (the function or its stub) at once, leaving no stub. */
    void delete();
}
