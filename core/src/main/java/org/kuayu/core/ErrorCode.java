package org.kuayu.core;

/**
 * What went wrong, as a stable code a program can switch on. The same names appear as {@code error.code} in the
 * JavaScript API and in {@code ERR} frames on the wire, so a code never changes meaning once released.
 */
public enum ErrorCode {
    /** A handshake or request got no answer in time. */
    TIMEOUT,
    /** The other page's origin is not the expected one, or the remote refused this page's origin. */
    ORIGIN_REJECTED,
    /** The channel is closed (by either side); the operation cannot run on it. */
    CLOSED,
    /** The remote's request handler threw or rejected; the message is the remote's. */
    REMOTE_ERROR,
    /** The chosen transport cannot work in this browser or page (no parent window, ignored setter, ...). */
    TRANSPORT_UNAVAILABLE,
    /** The caller passed something invalid: fix the call. */
    INVALID_ARGUMENT,
    /** A message could not be delivered (the remote page went away mid-request, a script failed to load, ...). */
    TRANSMISSION_FAILED;

    /**
     * Looks a code up by its name, for codes read off the wire.
     *
     * @return the code, or {@link #REMOTE_ERROR} for a name this version does not know
     */
    public static ErrorCode fromName(String name) {
        for (ErrorCode code : values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return REMOTE_ERROR;
    }
}
