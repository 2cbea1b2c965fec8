package org.kuayu.core.platform;

/** A reference to another browser window (a frame's content window, the parent, an opener). */
public interface WindowHandle {
    /**
     * Posts a string to the window, which the browser delivers only if that window's origin is
     * {@code targetOrigin} ({@code "*"} for any: the platform never passes it unless the user opted in).
     *
     * @param transfer a port to hand over with the message, or null
     */
    void post(String text, String targetOrigin, PortHandle transfer);

    /** True when both handles denote the same window object. */
    boolean isSame(WindowHandle other);

    /**
     * Calls the mailbox {@code name} of that window ({@link Platform#exposeMailbox}) with {@code text}. Returns false,
     * calling nothing, when this page may not script that window (another origin and no shared
     * {@code document.domain}) or it has no such function.
     */
    boolean callMailbox(String name, String text);

    /**
     * That window's origin ({@code location.origin}) when this page may script it (same origin, or the same relaxed
     * {@code document.domain}), else null.
     */
    String scriptableOrigin();
}
