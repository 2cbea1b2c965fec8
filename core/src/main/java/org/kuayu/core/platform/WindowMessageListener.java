package org.kuayu.core.platform;

/** Receives this window's {@code message} events. */
public interface WindowMessageListener {
    /**
     * @param text   the message data if it was a string, else null (Kuayu frames are always strings)
     * @param origin the sender's serialised origin as the browser reports it ({@code "null"} for opaque origins)
     * @param source the sending window, or null when the browser gives none
     * @param port   the first transferred port, or null
     */
    void onMessage(String text, String origin, WindowHandle source, PortHandle port);
}
