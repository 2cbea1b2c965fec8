package org.kuayu.core.sim;

import org.kuayu.core.platform.Cancellable;

/**
 * A {@code <script src>} element of the {@link SimBrowser}, appended by {@code loadScript}; its load is answered by
 * the {@link ScriptResponder} registered for its URL (none: the error event, as for a refused connection).
 */
public final class SimScript implements Cancellable {
    private final SimWindow owner;
    private final String url;
    private final String nonce;
    private Runnable onLoad;
    private Runnable onError;
    private boolean attached = true;
    private boolean settled;

    SimScript(SimWindow owner, String url, String nonce, Runnable onLoad, Runnable onError) {
        this.owner = owner;
        this.url = url;
        this.nonce = nonce;
        this.onLoad = onLoad;
        this.onError = onError;
    }

    /** The document that holds this element. */
    public SimWindow owner() {
        return owner;
    }

    /** The {@code src} as the page gave it. */
    public String url() {
        return url;
    }

    /** The {@code nonce} attribute, or null. */
    public String nonce() {
        return nonce;
    }

    /** True while the element is in the document. */
    public boolean isAttached() {
        return attached;
    }

    /** Removes the element; its load and error events are not heard any more. */
    @Override
    public void cancel() {
        if (attached) {
            attached = false;
            onLoad = null;
            onError = null;
            owner.scriptRemoved(this);
        }
    }

    void execute(final PageScript body) {
        if (settled || !owner.isAlive()) {
            return;
        }
        settled = true;
        if (body != null) {
            owner.browser().runGuarded(() -> body.run(owner));
        }
        fire(onLoad);
    }

    void fail() {
        if (settled || !owner.isAlive()) {
            return;
        }
        settled = true;
        owner.browser().recordConsole("GET " + url + " net::ERR_FAILED");
        fire(onError);
    }

    private void fire(Runnable handler) {
        onLoad = null;
        onError = null;
        if (handler != null) {
            owner.browser().runGuarded(handler);
        }
    }

    @Override
    public String toString() {
        return "SimScript[" + url + (attached ? "" : ", removed") + "]";
    }
}
