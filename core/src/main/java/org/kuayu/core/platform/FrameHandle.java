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

    /** Removes the element from the document. */
    void remove();

    /** True while the element is attached to a document. */
    boolean isAttached();
}
