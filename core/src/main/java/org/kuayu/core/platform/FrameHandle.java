package org.kuayu.core.platform;

/** An {@code <iframe>} element in this page. */
public interface FrameHandle {
    /** The URL the frame was given ({@code src}), resolved against this page; null if it has none. */
    String src();

    /**
     * The origin of the frame's current document as far as this page may know it: null when the browser hides it
     * (a cross-origin document), the empty string while the frame still shows its initial {@code about:blank}.
     */
    String documentOrigin();

    /** The frame's current content window; null once the frame is removed. */
    WindowHandle window();

    /** Calls {@code onLoad} each time the frame finishes loading a document (first load and every reload). */
    Cancellable onLoad(Runnable onLoad);

    /**
     * Calls {@code onRemoved} once, in a task soon after the element has left its document (page code removed it,
     * or an ancestor of it), as a {@code MutationObserver} sees it; a frame moved within the document in one task
     * was not removed. Nothing is called for a frame that was never attached, nor in a browser without
     * {@code MutationObserver}.
     */
    Cancellable onRemoved(Runnable onRemoved);

    /**
     * Navigates the frame with {@code contentWindow.location.replace(url)}, which a page may do to a frame it contains
     * whatever the origin of the document shown there, and which adds no history entry (the back button is
     * unaffected). When {@code url} differs from the URL of the frame's current document in its fragment only, the
     * document stays and gets a {@code hashchange} event: a fragment navigation, how a page hands a cross-origin frame
     * a string that the frame can read and this page cannot read back. Any other URL loads a new document (the load
     * listeners fire when it has loaded). The element's {@code src} stays as it was.
     *
     * @return false, navigating nothing, when the frame has no window (removed) or the browser refused
     */
    boolean replaceLocation(String url);

    /** Removes the element from the document. */
    void remove();

    /** True while the element is attached to a document. */
    boolean isAttached();
}
