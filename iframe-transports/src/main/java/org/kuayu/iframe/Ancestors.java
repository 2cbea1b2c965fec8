package org.kuayu.iframe;

import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.PinnedProxies;

/**
 * Who frames a page, for the transports an ancestor can spy on: a page may navigate every frame below it (the
 * browser's rule for who may navigate a frame), so a page of another origin above a window.name or location.hash
 * channel can send the channel's messenger frames to its own page and read what they carry, secrets included.
 *
 * <ul>
 * <li>A host refuses those transports when any ancestor is not of its own origin, or cannot be told.</li>
 * <li>A remote refuses a host whose address names an origin its parent does not have, and any ancestor the browser
 *     names that is not an allowed origin; an ancestor the browser does not name (Firefox has no
 *     {@code location.ancestorOrigins}) is left to the host's own check.</li>
 * </ul>
 * Pages that trust whoever frames them opt out with {@code trustAncestors}.
 */
public final class Ancestors {
    private Ancestors() {
    }

    /** Host: null when no ancestor is of another origin, else why this transport is refused. */
    public static String hostRefusal(Platform platform, String transport) {
        String self = platform.selfOrigin();
        String[] origins = platform.ancestorOrigins();
        for (String origin : origins) {
            if (origin == null || !origin.equals(self)) {
                return "this page is framed by " + (origin == null ? "a page of another origin" : origin)
                        + ", which may navigate the frames " + transport + " writes and read them: refused (use"
                        + " postMessage, or set trustAncestors if you trust every page that may frame this one)";
            }
        }
        return null;
    }

    /**
     * Remote: null when the parent is of {@code hostOrigin} (the origin the host's address names) and no ancestor
     * the browser names is refused by {@code pins}; else why that host is refused.
     */
    public static String remoteRefusal(String[] origins, String hostOrigin, PinnedProxies pins) {
        if (origins.length == 0) {
            return "this page has no parent window";
        }
        if (!hostOrigin.equals(origins[0])) {
            return "the host's address names " + hostOrigin + " but this page's parent is "
                    + (origins[0] == null ? "of an origin the browser does not tell" : origins[0]);
        }
        for (int i = 1; i < origins.length; i++) {
            if (origins[i] != null && !pins.allowsOrigin(origins[i])) {
                return "an ancestor of the host page, " + origins[i] + ", is not an allowed origin and could read"
                        + " this channel's frames";
            }
        }
        return null;
    }
}
