package org.kuayu.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.GlobalCallback;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.PortPair;
import org.kuayu.core.platform.TextListener;
import org.kuayu.core.platform.WebSocketHandle;
import org.kuayu.core.platform.WebSocketListener;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.platform.WindowMessageListener;

/**
 * One document's global object in the {@link SimBrowser}: the {@link Platform} its page code runs on.
 *
 * <pre>{@code
 * SimWindow host = browser.open("http://host.test/index.html");
 * CrossDomainChannel channel = Kuayu.connect(host, options);    // host is the platform
 * browser.runUntil(channel::isReady, 5000);
 * }</pre>
 *
 * <p>Each load makes a new {@code SimWindow}: when a frame reloads or navigates, the old one dies with its message
 * listeners, timers, ports and child frames, and calls made on it afterwards do nothing (as no code of a gone
 * document runs in browsers). Its origin comes from its URL; a frame's initial {@code about:blank} document
 * inherits its parent's origin. {@link #randomId()} is seeded by the browser, so runs repeat exactly.
 */
public final class SimWindow implements Platform {
    private final SimBrowser browser;
    private final SimContext context;
    /** The document's URL; only its fragment changes over the document's life (fragment navigations). */
    private String url;
    private final String origin;
    private final String baseUrl;
    private final boolean initialBlank;
    private boolean alive = true;
    private final List<Registration> listeners = new ArrayList<Registration>();
    private final List<Runnable> hashListeners = new ArrayList<Runnable>();
    private final List<SimFrame> frames = new ArrayList<SimFrame>();
    private final List<String> debugLines = new ArrayList<String>();
    private final List<SimScript> scripts = new ArrayList<SimScript>();
    private final List<SimWebSocket> sockets = new ArrayList<SimWebSocket>();
    /** window[name]: a callback's function, or a cancelled callback's self-deleting {@link Stub}. */
    private final Map<String, TextListener> globals = new LinkedHashMap<String, TextListener>();
    private final Map<String, TextListener> mailboxes = new LinkedHashMap<String, TextListener>();
    /** {@code document.domain}; {@code domainSet} once the page assigned it (which nulls the port for access). */
    private String documentDomain;
    private boolean domainSet;

    /** What {@code defineGlobalCallback} returns in a document that is gone: nothing to retire. */
    private static final GlobalCallback NO_GLOBAL = new GlobalCallback() {
        @Override
        public void cancel() {
        }

        @Override
        public void delete() {
        }
    };

    SimWindow(SimBrowser browser, SimContext context, String url, String origin, String baseUrl, boolean initialBlank) {
        this.browser = browser;
        this.context = context;
        this.url = url;
        this.origin = origin;
        this.baseUrl = baseUrl;
        this.initialBlank = initialBlank;
        browser.register(this);
    }

    /** The browser this window lives in. */
    public SimBrowser browser() {
        return browser;
    }

    /** The document's URL, fragment included ({@code about:blank} for a frame's initial document). */
    public String url() {
        return url;
    }

    /** This document's serialised origin. */
    public String origin() {
        return origin;
    }

    /** False once the document was replaced (reload, navigation) or its frame removed. */
    public boolean isAlive() {
        return alive;
    }

    /** True for a tab's window, false for a frame's. */
    public boolean isTopLevel() {
        return context.parent == null;
    }

    /** The frame element showing this window, or null for a top-level window. */
    public SimFrame frameElement() {
        return context.element;
    }

    /** The frames this document created that are still attached, oldest first. */
    public List<SimFrame> frames() {
        return Collections.unmodifiableList(new ArrayList<SimFrame>(frames));
    }

    /** The number of {@code message} listeners registered and not cancelled. */
    public int listenerCount() {
        return alive ? listeners.size() : 0;
    }

    /** The number of {@code hashchange} listeners registered and not cancelled. */
    public int hashListenerCount() {
        return alive ? hashListeners.size() : 0;
    }

    /** The script elements {@code loadScript} appended that are still in the document, oldest first. */
    public List<SimScript> scripts() {
        return Collections.unmodifiableList(new ArrayList<SimScript>(scripts));
    }

    /** Names of the globals {@code defineGlobalCallback} defined that still deliver to a receiver. */
    public List<String> globalCallbacks() {
        List<String> names = new ArrayList<String>();
        for (Map.Entry<String, TextListener> e : globals.entrySet()) {
            if (!(e.getValue() instanceof Stub)) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    /** How many cancelled callbacks are still stubs, waiting for a late call to delete themselves. */
    public int globalStubCount() {
        int n = 0;
        for (TextListener receiver : globals.values()) {
            n += receiver instanceof Stub ? 1 : 0;
        }
        return n;
    }

    /** True while {@code window[name]} is defined (as a callback or a stub). */
    public boolean hasGlobal(String name) {
        return globals.containsKey(name);
    }

    /** Lines written with {@link #debug}. */
    public List<String> debugLines() {
        return Collections.unmodifiableList(new ArrayList<String>(debugLines));
    }

    /**
     * A reference to {@code other}'s browsing context as this document's script could hold one ({@code window.open},
     * {@code opener}, {@code frames[i]}); posting through it sends from this document. For forging attacks in tests.
     */
    public WindowHandle handleTo(SimWindow other) {
        return new SimWindowHandle(other.context, this);
    }

    /**
     * {@code window.parent} taken {@code generations} times, as this document's script could reach it (reaching is
     * always allowed; calling a mailbox through it is checked as usual), or null above the top. For pages of the
     * simulation that script their ancestors, such as a proxy page calling {@code parent.parent[mailbox](...)}.
     */
    public WindowHandle ancestor(int generations) {
        SimContext c = context;
        for (int i = 0; i < generations && c != null; i++) {
            c = c.parent;
        }
        return c == null ? null : new SimWindowHandle(c, this);
    }

    boolean isInitialBlank() {
        return initialBlank;
    }

    SimContext context() {
        return context;
    }

    // ---- Platform ----

    @Override
    public String selfOrigin() {
        return origin;
    }

    @Override
    public String resolveUrl(String relative) {
        return SimUrls.resolve(baseUrl, relative);
    }

    @Override
    public String join(String head, String tail) {
        return head + tail;
    }

    @Override
    public String decimal(int n) {
        return Integer.toString(n);
    }

    @Override
    public String randomId() {
        Random random = browser.idRandom();
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    @Override
    public double now() {
        return browser.now();
    }

    @Override
    public Cancellable schedule(int delayMillis, Runnable task) {
        if (!alive) {
            return SimBrowser.NOTHING;
        }
        return browser.schedule(this, delayMillis, true, task);
    }

    @Override
    public WindowHandle parent() {
        return context.parent == null ? null : new SimWindowHandle(context.parent, this);
    }

    @Override
    public String parentOriginHint() {
        if (context.parent == null || !browser.hasAncestorOrigins() || context.parent.current() == null) {
            return null;
        }
        return context.parent.current().origin();
    }

    /**
     * As a browser: every ancestor's origin where the browser has {@code location.ancestorOrigins}, else those of
     * same-origin ancestors and the parent's (which the referrer of a frame its parent loaded tells), null for the
     * others.
     */
    @Override
    public String[] ancestorOrigins() {
        java.util.List<String> out = new java.util.ArrayList<String>();
        for (SimContext c = context.parent; c != null; c = c.parent) {
            String o = c.current() == null ? null : c.current().origin();
            out.add(browser.hasAncestorOrigins() || origin.equals(o) || c == context.parent ? o : null);
        }
        return out.toArray(new String[0]);
    }

    @Override
    public Cancellable listen(WindowMessageListener listener) {
        if (!alive) {
            return SimBrowser.NOTHING;
        }
        final Registration r = new Registration(listener);
        listeners.add(r);
        return new Cancellable() {
            @Override
            public void cancel() {
                listeners.remove(r);
            }
        };
    }

    @Override
    public PortPair createMessageChannel() {
        if (!browser.hasMessageChannels()) {
            return null;
        }
        SimPort a = new SimPort(browser, this);
        SimPort b = new SimPort(browser, this);
        a.entangle(b);
        return new PortPair(a, b);
    }

    @Override
    public FrameHandle createFrame(String frameUrl, boolean hidden) {
        return newFrame(frameUrl, hidden, "");
    }

    @Override
    public FrameHandle createNamedFrame(String frameUrl, String name) {
        return newFrame(frameUrl, true, name);
    }

    private SimFrame newFrame(String frameUrl, boolean hidden, String name) {
        if (!alive) {
            throw new IllegalStateException("the document is gone");
        }
        String target = SimUrls.withBrowserFragment(resolveUrl(frameUrl));
        browser.recordNavigation(target);
        SimFrame frame = new SimFrame(this, target, hidden, name == null ? "" : name);
        frames.add(frame);
        return frame;
    }

    @Override
    public String windowName() {
        return context.name;
    }

    @Override
    public void setWindowName(String name) {
        if (alive) {
            context.name = name == null ? "" : name;
        }
    }

    /**
     * {@code ancestor(generations).frames[i]} for every {@code i}: the frames of that ancestor's document, as this
     * document's script could reach them (reaching is always allowed; calling a mailbox through one is checked as
     * usual). For pages of the simulation that look for a sibling, such as a proxy page looking for the remote page
     * next to it. Empty above the top.
     */
    public List<WindowHandle> framesOf(int generations) {
        SimContext c = context;
        for (int i = 0; i < generations && c != null; i++) {
            c = c.parent;
        }
        List<WindowHandle> handles = new ArrayList<WindowHandle>();
        if (c != null && c.current() != null) {
            for (SimFrame f : c.current().frames()) {
                if (f.isAttached()) {
                    handles.add(new SimWindowHandle(f.context(), this));
                }
            }
        }
        return handles;
    }

    @Override
    public Cancellable loadScript(String scriptUrl, String nonce, Runnable onLoad, Runnable onError) {
        if (!alive) {
            return SimBrowser.NOTHING;
        }
        final SimScript script = new SimScript(this, scriptUrl, nonce, onLoad, onError);
        scripts.add(script);
        browser.schedule(this, 0, false, () -> browser.fetchScript(script));
        return script;
    }

    @Override
    public WebSocketHandle openWebSocket(String socketUrl, WebSocketListener listener) {
        if (!alive) {
            return null;
        }
        SimWebSocket socket = browser.connectWebSocket(this, socketUrl, listener);
        sockets.add(socket);
        return socket;
    }

    @Override
    public GlobalCallback defineGlobalCallback(final String name, TextListener receiver) {
        if (!alive) {
            return NO_GLOBAL;
        }
        if (receiver == null) {
            throw new IllegalArgumentException("receiver must not be null");
        }
        final boolean[] called = {false};
        final TextListener mine = text -> {
            called[0] = true;
            receiver.onText(text);
        };
        final Stub stub = new Stub();
        globals.put(name, mine);
        return new GlobalCallback() {
            @Override
            public void cancel() {
                if (globals.get(name) != mine) {
                    return;
                }
                if (called[0]) {
                    globals.remove(name);
                } else {
                    globals.put(name, stub);
                }
            }

            @Override
            public void delete() {
                TextListener current = globals.get(name);
                if (current == mine || current == stub) {
                    globals.remove(name);
                }
            }
        };
    }

    @Override
    public String documentDomain() {
        if (documentDomain == null) {
            documentDomain = SimUrls.host(origin);
        }
        return documentDomain;
    }

    @Override
    public String setDocumentDomain(String domain) {
        String host = SimUrls.host(origin);
        boolean parentOrSelf = domain != null && host != null
                && (host.equals(domain) || host.endsWith("." + domain)) && domain.indexOf('.') > 0;
        if (alive && parentOrSelf && browser.documentDomainSettable(origin)) {
            documentDomain = domain;
            domainSet = true;
        }
        return documentDomain();
    }

    @Override
    public Cancellable exposeMailbox(final String name, TextListener receiver) {
        if (!alive) {
            return SimBrowser.NOTHING;
        }
        mailboxes.put(name, receiver);
        final TextListener mine = receiver;
        return () -> {
            if (mailboxes.get(name) == mine) {
                mailboxes.remove(name);
            }
        };
    }

    @Override
    public String locationHash() {
        String fragment = SimUrls.fragment(url);
        return fragment == null ? "" : fragment;
    }

    @Override
    public void clearLocationHash() {
        if (alive && url.indexOf('#') >= 0 && context.mayNavigate()) {
            url = SimUrls.withoutFragment(url);
        }
    }

    @Override
    public Cancellable listenHashChange(Runnable onChange) {
        if (!browser.hasHashChangeEvents()) {
            return null;
        }
        if (!alive) {
            return SimBrowser.NOTHING;
        }
        final Runnable mine = () -> onChange.run();
        hashListeners.add(mine);
        return () -> hashListeners.remove(mine);
    }

    /**
     * A fragment navigation of this document to {@code target} (the same URL but for the fragment): the URL changes
     * at once; when the fragment changed, {@code hashchange} fires in a later task, and its listeners read whatever
     * the fragment is by then.
     */
    void navigateToFragment(String target) {
        String before = SimUrls.fragment(url);
        String after = SimUrls.fragment(target);
        url = target;
        if (before == null ? after == null : before.equals(after)) {
            return;
        }
        browser.schedule(this, 0, false, () -> {
            for (Runnable r : new ArrayList<Runnable>(hashListeners)) {
                if (alive && hashListeners.contains(r)) {
                    browser.runGuarded(r);
                }
            }
        });
    }

    /** The mailbox names this page exposes ({@link #exposeMailbox}), for leak checks. */
    public List<String> mailboxes() {
        return new ArrayList<String>(mailboxes.keySet());
    }

    /**
     * Whether this document may script {@code other}, as browsers decide: same origin when neither assigned
     * {@code document.domain}, or the same scheme and {@code document.domain} when both did.
     */
    boolean mayScript(SimWindow other) {
        if (other == null || !other.alive || !alive) {
            return false;
        }
        if (domainSet != other.domainSet) {
            return false;
        }
        if (!domainSet) {
            return origin.equals(other.origin) && !"null".equals(origin);
        }
        return SimUrls.scheme(origin).equals(SimUrls.scheme(other.origin))
                && documentDomain().equals(other.documentDomain());
    }

    /** Runs {@code other}'s mailbox {@code name} with {@code text}, as this document's script calling it would. */
    boolean callMailboxOf(SimWindow other, String name, final String text) {
        if (!mayScript(other)) {
            return false;
        }
        final TextListener box = other.mailboxes.get(name);
        if (box == null) {
            return false;
        }
        other.schedule(0, () -> box.onText(text));
        return true;
    }

    @Override
    public void debug(String line) {
        debugLines.add(line);
        browser.recordDebug(this, line);
    }

    // ---- the browser's side ----

    /** Dispatches a message event to this document's listeners, each in turn; a throwing listener is reported. */
    void dispatch(String text, String senderOrigin, SimContext sender, SimPort port) {
        for (Registration r : new ArrayList<Registration>(listeners)) {
            if (alive && listeners.contains(r)) {
                browser.runGuarded(() -> r.listener.onMessage(text, senderOrigin, new SimWindowHandle(sender, this), port));
            }
        }
    }

    /**
     * What a script of this page does with {@code window[global](JSON.parse(json))}; {@code json} null stands for
     * {@code undefined}. An undefined global throws, as the {@code ReferenceError} of browsers.
     */
    public void callGlobal(String global, String json) {
        if (!globals.containsKey(global)) {
            throw new IllegalStateException("ReferenceError: " + global + " is not defined");
        }
        TextListener receiver = globals.get(global);
        if (receiver instanceof Stub) {
            globals.remove(global);
        } else {
            receiver.onText(json == null ? "null" : json);
        }
    }

    void scriptRemoved(SimScript script) {
        scripts.remove(script);
    }

    void frameRemoved(SimFrame frame) {
        frames.remove(frame);
    }

    /** The document goes away: listeners, timers (via {@link #isAlive}), frames and ports with it. */
    void unload() {
        if (!alive) {
            return;
        }
        alive = false;
        listeners.clear();
        hashListeners.clear();
        scripts.clear();
        for (SimWebSocket s : sockets) {
            s.close();
        }
        sockets.clear();
        globals.clear();
        mailboxes.clear();
        for (SimFrame f : new ArrayList<SimFrame>(frames)) {
            f.remove();
        }
        browser.closePortsOf(this);
    }

    @Override
    public String toString() {
        return "SimWindow[" + url + (alive ? "" : ", gone") + "]";
    }

    /** A cancelled callback's stand-in: deletes {@code window[name]} when a late script calls it. */
    private static final class Stub implements TextListener {
        @Override
        public void onText(String text) {
        }
    }

    private static final class Registration {
        final WindowMessageListener listener;

        Registration(WindowMessageListener listener) {
            this.listener = listener;
        }
    }
}
