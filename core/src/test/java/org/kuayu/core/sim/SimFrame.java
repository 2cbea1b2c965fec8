package org.kuayu.core.sim;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.WindowHandle;

/**
 * An {@code <iframe>} element of the {@link SimBrowser}, owned by the document that created it.
 *
 * <pre>{@code
 * SimFrame frame = (SimFrame) host.createFrame("http://remote.test/remote.html", true);
 * browser.runUntilIdle();            // the remote page loaded, its script ran, then load listeners fired
 * frame.reload();                    // a new document: the old one's listeners are gone
 * frame.navigate("http://other.test/");
 * frame.remove();                    // the remote window becomes unreachable
 * }</pre>
 *
 * <p>It starts with an initial {@code about:blank} document ({@link #documentOrigin()} is {@code ""} then); the
 * URL loads in a later task. {@link #documentOrigin()} answers as browsers let the owner know: the origin when it
 * is the owner's own, null when it is another origin.
 */
public final class SimFrame implements FrameHandle {
    private final SimWindow owner;
    private final String src;
    private final boolean hidden;
    private final SimContext context;
    private final List<Runnable> loadListeners = new ArrayList<Runnable>();
    private final List<Runnable> removalListeners = new ArrayList<Runnable>();
    private boolean attached = true;

    SimFrame(SimWindow owner, String src, boolean hidden, String name) {
        this.owner = owner;
        this.src = src;
        this.hidden = hidden;
        this.context = new SimContext(owner.browser(), owner.context(), this);
        context.name = name;
        context.show(new SimWindow(owner.browser(), context, "about:blank", owner.origin(), owner.url(), true));
        context.navigate(src);
    }

    /** The document that holds this element. */
    public SimWindow owner() {
        return owner;
    }

    /** True when created hidden. */
    public boolean isHidden() {
        return hidden;
    }

    /** The document the frame shows now, or null once removed (for tests; pages only get {@link #window()}). */
    public SimWindow contentWindow() {
        return attached ? context.current() : null;
    }

    /** Loads the frame's current URL again: a new document, a fresh page script run, load fires again. */
    public void reload() {
        requireAttached();
        SimWindow shown = context.current();
        context.navigate(shown.isInitialBlank() ? src : shown.url());
    }

    /** Navigates the frame's document to {@code url} (as its own script setting {@code location} would). */
    public void navigate(String url) {
        requireAttached();
        context.navigate(context.current().resolveUrl(url));
    }

    /** The frame's browsing context name ({@code window.name} of what it shows), as the browser keeps it. */
    public String name() {
        return context.name;
    }

    SimContext context() {
        return context;
    }

    /** The number of load listeners not cancelled. */
    public int loadListenerCount() {
        return attached ? loadListeners.size() : 0;
    }

    @Override
    public String src() {
        return src;
    }

    @Override
    public String documentOrigin() {
        SimWindow shown = context.current();
        if (!attached || shown == null) {
            return null;
        }
        if (shown.isInitialBlank()) {
            return "";
        }
        return shown.origin().equals(owner.origin()) ? shown.origin() : null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>In the simulation: the URL is recorded in {@link SimBrowser#navigations()} with its fragment as a browser
     * keeps it; a frame still showing its initial {@code about:blank} always loads the URL; beyond Chromium's rate
     * limit the call is ignored, as there, though it returns true ({@link SimBrowser#limitNavigationRate}).
     */
    @Override
    public boolean replaceLocation(String url) {
        SimWindow shown = attached ? context.current() : null;
        if (shown == null || !owner.isAlive()) {
            return false;
        }
        String target = SimUrls.withBrowserFragment(owner.resolveUrl(url));
        owner.browser().recordNavigation(target);
        if (!context.mayNavigate()) {
            return true;
        }
        if (!shown.isInitialBlank()
                && SimUrls.withoutFragment(target).equals(SimUrls.withoutFragment(shown.url()))) {
            shown.navigateToFragment(target);
        } else {
            context.navigate(target);
        }
        return true;
    }

    @Override
    public WindowHandle window() {
        return attached ? new SimWindowHandle(context, owner) : null;
    }

    @Override
    public Cancellable onLoad(final Runnable onLoad) {
        if (!attached || !owner.isAlive()) {
            return SimBrowser.NOTHING;
        }
        final Runnable registration = () -> onLoad.run();
        loadListeners.add(registration);
        return new Cancellable() {
            @Override
            public void cancel() {
                loadListeners.remove(registration);
            }
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>In the simulation the listeners run in one task after {@link #remove()}, as a browser's mutation observers
     * run after the script that removed the element.
     */
    @Override
    public Cancellable onRemoved(final Runnable onRemoved) {
        if (!attached || !owner.isAlive()) {
            return SimBrowser.NOTHING;
        }
        final Runnable registration = () -> onRemoved.run();
        removalListeners.add(registration);
        return new Cancellable() {
            @Override
            public void cancel() {
                removalListeners.remove(registration);
            }
        };
    }

    /** The number of removal listeners not cancelled. */
    public int removalListenerCount() {
        return removalListeners.size();
    }

    @Override
    public void remove() {
        if (!attached) {
            return;
        }
        attached = false;
        loadListeners.clear();
        owner.frameRemoved(this);
        context.discard();
        if (!removalListeners.isEmpty() && owner.isAlive()) {
            owner.browser().schedule(owner, 0, false, () -> {
                for (Runnable r : new ArrayList<Runnable>(removalListeners)) {
                    if (removalListeners.remove(r)) {
                        owner.browser().runGuarded(r);
                    }
                }
            });
        }
    }

    @Override
    public boolean isAttached() {
        return attached;
    }

    void fireLoad() {
        for (Runnable r : new ArrayList<Runnable>(loadListeners)) {
            if (attached && loadListeners.contains(r)) {
                owner.browser().runGuarded(r);
            }
        }
    }

    private void requireAttached() {
        if (!attached) {
            throw new IllegalStateException("the frame was removed");
        }
    }

    @Override
    public String toString() {
        return "SimFrame[" + src + (attached ? "" : ", removed") + "]";
    }
}
