package org.kuayu.core.platform;

/**
 * The platform SPI: every touch of the browser that portable Kuayu code makes goes through this one interface.
 *
 * <p>There are three implementations: the TeaVM binding ({@code org.kuayu.teavm.TeaVmPlatform}), the GWT binding,
 * and the simulated browser of core's test-jar ({@code org.kuayu.core.sim.SimBrowser}), which runs every transport
 * and behaviour in milliseconds with a virtual clock and fault injection.
 *
 * <p>All callbacks run on the page's single event loop, never re-entrantly from inside a call that posts: a post
 * is always delivered in a later task, as in browsers.
 */
public interface Platform {
    /**
     * This page's origin, serialised ({@code location.origin}); {@code "null"} when it is opaque ({@code self.origin}
     * says so: a sandboxed frame, a {@code data:} URL), whatever its URL is.
     */
    String selfOrigin();

    /** Resolves a possibly relative URL against this page's URL. */
    String resolveUrl(String url);

    /** 128 bits from the browser's cryptographically strong source, as 32 lower-case hex digits. */
    String randomId();

    /** Milliseconds on a monotonic-enough clock, for measuring intervals only. */
    double now();

    /** Runs {@code task} once after {@code delayMillis} (0 = next task). */
    Cancellable schedule(int delayMillis, Runnable task);

    /** The parent window, or null when this page is a top-level page. */
    WindowHandle parent();

    /**
     * The parent page's origin when the browser tells it ({@code location.ancestorOrigins}, else the referrer's
     * origin), or null. Only a hint for addressing the first frame politely: never trusted for security.
     */
    String parentOriginHint();

    /**
     * The origins of this page's ancestors, its parent first, as far as the browser tells them: every entry from
     * {@code location.ancestorOrigins} where the browser has it, else an ancestor's own {@code location.origin} where
     * this page may read it (same origin), else, for the parent only, the referrer's origin; null for an ancestor
     * this page cannot learn. Empty in a top-level page. Origins are serialised; an opaque one is {@code "null"}.
     */
    String[] ancestorOrigins();

    /** Listens to this window's {@code message} events. */
    Cancellable listen(WindowMessageListener listener);

    /** Creates a new {@code MessageChannel}, or returns null when the browser has none. */
    PortPair createMessageChannel();

    /**
     * Creates an {@code <iframe>} for {@code url}, appends it to the document body and starts loading it.
     *
     * @param hidden true for an invisible frame (the usual case: the frame only carries messages)
     */
    FrameHandle createFrame(String url, boolean hidden);

    /**
     * Loads a classic script from another site, the JSONP way: appends an {@code async} {@code <script src=url>} to
     * the document, with a {@code nonce} attribute for the page's Content-Security-Policy when {@code nonce} is not
     * null.
     *
     * <p>Exactly one of {@code onLoad} (the script was fetched and has run) and {@code onError} (404, refused
     * connection, server down, blocked by CSP) is called, once, in a later task. {@code cancel()} removes the
     * element and silences both callbacks; note that browsers may still run a script already fetched after its
     * element is gone, which is why {@link #defineGlobalCallback} leaves a stub when cancelled.
     */
    Cancellable loadScript(String url, String nonce, Runnable onLoad, Runnable onError);

    /**
     * Defines {@code window[name]} as a function that passes {@code JSON.stringify} of its first argument to
     * {@code receiver} ({@code "null"} when that is {@code undefined}, a function or a symbol), on every call until
     * the returned handle retires it.
     *
     * <p>{@link GlobalCallback#cancel() cancel()} stops delivery to {@code receiver} for good. When the function has
     * been called at least once (the JSONP reply came: a JSONP script calls its callback once), the global is
     * deleted outright. When it has not, a script may still be in flight and call it later, so the global is
     * replaced by a stub that deletes the global when called: a late reply neither throws a {@code ReferenceError}
     * nor reaches anyone, and nothing but that stub (no receiver, no closure over page state) is kept until then.
     *
     * <p>{@link GlobalCallback#delete() delete()} stops delivery and deletes the global at once, leaving no stub
     * (and removing one that {@code cancel()} left): for when no script can call it any more, e.g. its script
     * failed to load. Neither touches {@code window[name]} once something else has replaced the function.
     */
    GlobalCallback defineGlobalCallback(String name, TextListener receiver);

    /**
     * {@code head + tail}, the platform's fastest way. Frames join a short header to a payload that may be megabytes:
     * TeaVM's Java string concatenation copies both through char arrays, a browser's own does not copy at all.
     */
    String join(String head, String tail);

    /**
     * {@code n} (not negative) in decimal, the platform's fastest way ({@code String(n)} in a browser): frame numbers
     * are written for every frame, and TeaVM's Java conversion goes through a char array.
     */
    String decimal(int n);

    /** Writes one line to the developer's debug log (the console's debug level in browsers). */
    void debug(String line);

    /** {@code document.domain}: this page's host name, or the parent domain it relaxed to. */
    String documentDomain();

    /**
     * Sets {@code document.domain} to {@code domain} (this page's host name or one of its parent domains) and returns
     * {@code document.domain} afterwards. Browsers may ignore the setter: Chromium does in an origin-keyed agent
     * cluster (on {@code *.localhost}, on https, and by default since version 115) unless the page was served with
     * {@code Origin-Agent-Cluster: ?0}; then the value returned is unchanged. Never throws: a refused value (not a
     * parent domain, a sandboxed page) also leaves it unchanged.
     */
    String setDocumentDomain(String domain);

    /**
     * Defines the global function {@code window[name]}, a mailbox that pages allowed to script this one (same origin,
     * or the same relaxed {@code document.domain}) call with one string. Each call delivers the string to
     * {@code receiver} in a later task, so a caller never runs this page's code on its own stack; a call with
     * anything but a string is ignored. {@code cancel()} deletes the function.
     */
    Cancellable exposeMailbox(String name, TextListener receiver);

    /**
     * This page's URL fragment without its leading {@code #}; empty when the URL has none. It is given as the URL
     * holds it (the fragment of {@code location.href}; HtmlUnit's {@code location.hash} decodes some escapes): what a
     * writer percent-encoded stays encoded, and characters outside the URL's fragment set (space, {@code "},
     * non-ASCII, and in some browsers {@code | { } [ ]}) come percent-encoded as UTF-8 even when the writer left them
     * raw. Callers decode it themselves.
     */
    String locationHash();

    /**
     * Removes the fragment from this page's URL with {@code history.replaceState}: no history entry is added (the back
     * button is unaffected), no {@code hashchange} fires, the document stays, and {@link #locationHash()} is empty
     * afterwards. A later navigation to the same fragment is a change again, so it fires {@code hashchange}. Where the
     * browser has no {@code replaceState} or refuses it (a sandboxed or opaque-origin document) nothing happens.
     */
    void clearLocationHash();

    /**
     * Calls {@code onChange} on each {@code hashchange} event of this window: its fragment changed, by a fragment
     * navigation of this page, of its parent ({@link FrameHandle#replaceLocation}) or of another page allowed to
     * navigate it. The event comes in a later task, by which time the fragment may have changed again (two
     * navigations in one task give two events and one value): read {@link #locationHash()} in the callback.
     *
     * <p>Returns null, listening to nothing, when the browser has no {@code hashchange} event; the caller then polls
     * {@link #locationHash()} with {@link #schedule} (the binding does not poll: how often is the caller's choice).
     */
    Cancellable listenHashChange(Runnable onChange);

    /**
     * {@code window.name}: the name of this page's browsing context (tab or frame), which survives navigations to
     * other documents, of any origin, in that frame. Empty when it has none.
     */
    String windowName();

    /** Sets {@code window.name}, which the documents this frame shows next may read. */
    void setWindowName(String name);

    /**
     * Creates a hidden {@code <iframe>} whose browsing context is named {@code name} (its {@code name} attribute, set
     * before the element is attached, so that the first document it loads already has it as {@code window.name}),
     * appends it to the document body and starts loading {@code url}. The name survives the navigation from the
     * initial {@code about:blank} to {@code url}, whatever the origin: how the window.name technique hands a string
     * to a page of another origin.
     */
    FrameHandle createNamedFrame(String url, String name);

    /**
     * Opens a WebSocket ({@code new WebSocket(url)}) to a {@code ws://} or {@code wss://} URL. The browser sends this
     * page's origin in the upgrade's {@code Origin} header, which the server checks. Events reach {@code listener} in
     * later tasks: {@code onOpen}, then texts, then one {@code onClose}; a socket that never opens gets
     * {@code onError} and {@code onClose} (a URL the browser refuses at once, such as {@code ws:} from an https page,
     * too: it never throws). Returns null when the browser has no WebSocket.
     */
    WebSocketHandle openWebSocket(String url, WebSocketListener listener);
}
