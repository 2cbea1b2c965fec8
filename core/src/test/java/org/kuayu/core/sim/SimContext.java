package org.kuayu.core.sim;

/**
 * A browsing context (what a tab or an iframe shows over time): the current document's window, the parent
 * context, the {@code <iframe>} element that hosts it. Handles to other windows point here, so they follow
 * navigations, as a {@code WindowProxy} does.
 */
final class SimContext {
    final SimBrowser browser;
    final SimContext parent;
    final SimFrame element;
    private SimWindow current;
    /** {@code window.name}: the context's, so it survives navigations whatever the origin. */
    String name = "";
    private boolean discarded;
    private int navigation;
    private int rateCount;
    private long rateWindowStart;

    SimContext(SimBrowser browser, SimContext parent, SimFrame element) {
        this.browser = browser;
        this.parent = parent;
        this.element = element;
        this.rateWindowStart = browser.now();
    }

    /**
     * Chromium's {@code NavigationRateLimiter}, one per frame, which {@code location} navigations of the frame and
     * {@code history.replaceState} in it both count against: the 201st call since the window started is ignored (with
     * a console warning) unless 10 s have passed, which starts a new window. False: ignore the call.
     */
    boolean mayNavigate() {
        if (!browser.limitsNavigationRate() || ++rateCount <= SimBrowser.NAVIGATIONS_PER_WINDOW) {
            return true;
        }
        long now = browser.now();
        if (now - rateWindowStart > SimBrowser.NAVIGATION_WINDOW_MILLIS) {
            rateWindowStart = now;
            rateCount = 1;
            return true;
        }
        browser.recordThrottled();
        return false;
    }

    SimWindow current() {
        return current;
    }

    /** Shows a new document at once (top-level windows, the initial about:blank of a frame). */
    void show(SimWindow window) {
        SimWindow old = current;
        current = window;
        if (old != null) {
            old.unload();
        }
    }

    boolean isDiscarded() {
        return discarded;
    }

    /** The frame was removed: its document goes away and nothing reaches it any more. */
    void discard() {
        discarded = true;
        navigation++;
        if (current != null) {
            current.unload();
        }
    }

    /**
     * Starts loading {@code url} in this (frame) context. In a later task the new document replaces the old one
     * (whose listeners, timers, frames and ports go away), its page script runs, and then, in the next task, the
     * frame element's load listeners fire. A newer navigation supersedes one still under way.
     */
    void navigate(final String url) {
        final int id = ++navigation;
        final SimWindow elementOwner = element.owner();
        browser.schedule(elementOwner, browser.loadDelayMillis(), false, new Runnable() {
            @Override
            public void run() {
                if (id != navigation || discarded) {
                    return;
                }
                SimWindow fresh = new SimWindow(browser, SimContext.this, url, SimUrls.origin(url), url, false);
                show(fresh);
                browser.runPageScript(fresh);
                browser.schedule(elementOwner, 0, false, new Runnable() {
                    @Override
                    public void run() {
                        if (id == navigation && !discarded && element.isAttached()) {
                            element.fireLoad();
                        }
                    }
                });
            }
        });
    }
}
