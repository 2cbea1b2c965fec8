package org.kuayu.gwt;

import org.kuayu.core.Origin;
import org.kuayu.core.platform.AncestorOrigins;
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

import com.google.gwt.core.client.JavaScriptObject;

/**
 * The platform SPI on a real browser, for code compiled by GWT: the twin of {@code org.kuayu.teavm.TeaVmPlatform},
 * with the same semantics method by method. A GWT application (inheriting {@code org.kuayu.Kuayu}) opens channels
 * from Java with it:
 *
 * <pre>{@code
 * CrossDomainChannel ch = Kuayu.connect(GwtPlatform.get(), ConnectOptions.builder()
 *         .remote("https://b.example/remote.html").transport(PostMessageTransport.FACTORY).build());
 * }</pre>
 *
 * <p>The compiled code must run in the page's own window, as GWT's {@code sso} linker (one self-contained script,
 * used for {@code kuayu-gwt.js}) installs it; {@link #get()} refuses otherwise. GWT's default {@code xsiframe}
 * linker runs an application in a hidden iframe, and a browser names the window whose code calls
 * {@code postMessage} as the sender: every frame would come from that iframe, which the other page rightly drops.
 * A GWT application using this class adds {@code <add-linker name="sso"/>} and {@code <collapse-all-properties/>}
 * to its module.
 *
 * <p>Every browser call is a small JSNI body here or in {@link JsWindow}, {@link JsFrame}, {@link JsPort}. They
 * name the page's window and document {@code $wnd} and {@code $doc}, as GWT code should (with the {@code sso} linker
 * they are {@code window} and {@code document}). Every Java callback reaches the browser wrapped in {@code $entry}, so an
 * application's {@code GWT.setUncaughtExceptionHandler} sees what it throws; without one, the exception goes to
 * the browser's event loop (the console) and the next event is delivered as usual, as in the TeaVM binding.
 */
public final class GwtPlatform implements Platform {
    private static final GwtPlatform INSTANCE = new GwtPlatform();

    private GwtPlatform() {
    }

    /**
     * The platform of the page this code runs in.
     *
     * @throws IllegalStateException when the module was installed in an iframe rather than in the page (see the
     *                               class comment)
     */
    public static Platform get() {
        if (!installedInPage()) {
            throw new IllegalStateException("GwtPlatform needs the GWT code in the page's own window, but this module"
                    + " runs in the hidden iframe of GWT's default xsiframe linker, which browsers would name as the"
                    + " sender of every postMessage: add <add-linker name=\"sso\"/> and <collapse-all-properties/>"
                    + " to the GWT module, as kuayu-gwt.js does");
        }
        return INSTANCE;
    }

    private static native boolean installedInPage() /*-{
        return $wnd === window;
    }-*/;

    /** True when {@code o} is an {@code <iframe>} element {@link #frame} accepts. */
    public static boolean isFrame(JavaScriptObject o) {
        return JsFrame.isFrame(o);
    }

    /**
     * Wraps an {@code <iframe>} element (from page code, or a GWT {@code IFrameElement}) for
     * {@code ConnectOptions.frame}.
     */
    public static FrameHandle frame(JavaScriptObject iframeElement) {
        if (!JsFrame.isFrame(iframeElement)) {
            throw new IllegalArgumentException("frame must be an <iframe> element");
        }
        return new JsFrame(iframeElement);
    }

    @Override
    public String selfOrigin() {
        return selfOriginJs();
    }

    @Override
    public String resolveUrl(String url) {
        return resolve(url);
    }

    @Override
    public String randomId() {
        String id = random128();
        if (id == null) {
            throw new IllegalStateException("Kuayu needs crypto.getRandomValues for channel ids");
        }
        return id;
    }

    @Override
    public double now() {
        return nowJs();
    }

    @Override
    public Cancellable schedule(int delayMillis, final Runnable task) {
        final int handle = setTimeout(new JsCallbacks.Action() {
            @Override
            public void run() {
                task.run();
            }
        }, delayMillis);
        return new Cancellable() {
            @Override
            public void cancel() {
                clearTimeout(handle);
            }
        };
    }

    @Override
    public WindowHandle parent() {
        JavaScriptObject p = parentJs();
        return p == null ? null : new JsWindow(p);
    }

    @Override
    public String[] ancestorOrigins() {
        return AncestorOrigins.parse(ancestorOriginsJs());
    }

    @Override
    public String parentOriginHint() {
        String hint = parentOriginHintJs();
        Origin origin = hint == null ? null : Origin.tryParse(hint);
        return origin == null ? null : origin.toString();
    }

    @Override
    public Cancellable listen(final WindowMessageListener listener) {
        final JavaScriptObject handler = listenMessages(new JsCallbacks.WindowMessage() {
            @Override
            public void handle(String text, String origin, JavaScriptObject source, JavaScriptObject port) {
                listener.onMessage(text, origin, source == null ? null : new JsWindow(source),
                        port == null ? null : new JsPort(port));
            }
        });
        return new Cancellable() {
            @Override
            public void cancel() {
                unlisten(window(), "message", handler);
            }
        };
    }

    @Override
    public PortPair createMessageChannel() {
        JavaScriptObject channel = newMessageChannel();
        if (channel == null) {
            return null;
        }
        // This page posts into port2 and hands port1 over: HtmlUnit's MessageChannel only carries port2 -> port1.
        return new PortPair(new JsPort(port(channel, 2)), new JsPort(port(channel, 1)));
    }

    @Override
    public FrameHandle createFrame(String url, boolean hidden) {
        return new JsFrame(createFrameJs(url, hidden, null));
    }

    @Override
    public FrameHandle createNamedFrame(String url, String name) {
        return new JsFrame(createFrameJs(url, true, name));
    }

    @Override
    public String windowName() {
        return windowNameJs();
    }

    @Override
    public void setWindowName(String name) {
        setWindowNameJs(name);
    }

    private static native String windowNameJs() /*-{
        var n = $wnd.name; return typeof n === 'string' ? n : '';
    }-*/;

    private static native void setWindowNameJs(String n) /*-{
        $wnd.name = n;
    }-*/;

    @Override
    public Cancellable loadScript(String url, String nonce, final Runnable onLoad, final Runnable onError) {
        final JavaScriptObject script = loadScriptJs(url, nonce, new JsCallbacks.Action() {
            @Override
            public void run() {
                onLoad.run();
            }
        }, new JsCallbacks.Action() {
            @Override
            public void run() {
                onError.run();
            }
        });
        return new Cancellable() {
            @Override
            public void cancel() {
                removeScript(script);
            }
        };
    }

    // The element keeps its settled flag as an expando property so that cancel() and the events agree without a
    // Java-side closure: whichever comes first wins, the others do nothing.
    private static native JavaScriptObject loadScriptJs(String u, String nonce, JsCallbacks.Action ok,
            JsCallbacks.Action fail) /*-{
        var s = $doc.createElement('script');
        s.async = true; if (nonce != null) s.setAttribute('nonce', nonce);
        var done = function(f) {
            var run = $entry(function() { f(); });
            return function() { if (s.__kuayuDone) return; s.__kuayuDone = true; s.onload = s.onerror = null; run(); };
        };
        s.onload = done(ok); s.onerror = done(fail); s.src = u;
        ($doc.head || $doc.body || $doc.documentElement).appendChild(s);
        return s;
    }-*/;

    private static native void removeScript(JavaScriptObject s) /*-{
        s.__kuayuDone = true; s.onload = s.onerror = null;
        if (s.parentNode) s.parentNode.removeChild(s);
    }-*/;

    @Override
    public GlobalCallback defineGlobalCallback(String name, TextListener receiver) {
        return new JsGlobalCallback(name, receiver);
    }

    /**
     * {@inheritDoc}
     *
     * <p>GWT strings are JS strings and Java's {@code +} on them compiles to JS's own {@code +}: already the
     * browser's concatenation, with no copy.
     */
    @Override
    public String decimal(int n) {
        return decimalJs(n);
    }

    private static native String decimalJs(int n) /*-{
        return String(n);
    }-*/;

    @Override
    public String join(String head, String tail) {
        return head + tail;
    }

    @Override
    public void debug(String line) {
        debugJs(line);
    }

    @Override
    public String documentDomain() {
        return documentDomainJs();
    }

    @Override
    public String setDocumentDomain(String domain) {
        return setDocumentDomainJs(domain);
    }

    @Override
    public Cancellable exposeMailbox(final String name, final TextListener receiver) {
        final JavaScriptObject box = exposeMailboxJs(name, new JsCallbacks.Text() {
            @Override
            public void accept(String text) {
                receiver.onText(text);
            }
        });
        return new Cancellable() {
            @Override
            public void cancel() {
                removeMailbox(name, box);
            }
        };
    }

    @Override
    public String locationHash() {
        return locationHashJs();
    }

    @Override
    public void clearLocationHash() {
        clearLocationHashJs();
    }

    @Override
    public Cancellable listenHashChange(final Runnable onChange) {
        final JavaScriptObject handler = listenHashChangeJs(new JsCallbacks.Action() {
            @Override
            public void run() {
                onChange.run();
            }
        });
        if (handler == null) {
            return null;
        }
        return new Cancellable() {
            @Override
            public void cancel() {
                unlisten(window(), "hashchange", handler);
            }
        };
    }

    // The fragment of href: HtmlUnit's location.hash decodes some escapes (%3A, %6B). Its href keeps the fragment
    // that replaceState removed, though, while location.hash is empty then, as everywhere without a fragment.
    private static native String locationHashJs() /*-{
        var l = $wnd.location;
        if (!l.hash) return '';
        var h = String(l.href), i = h.indexOf('#');
        return i < 0 ? '' : h.substring(i + 1);
    }-*/;

    // The absolute URL, not pathname + search, which a <base> element would resolve elsewhere.
    private static native void clearLocationHashJs() /*-{
        try {
            var h = String($wnd.location.href), i = h.indexOf('#'), s = $wnd.history;
            if (i >= 0 && s && s.replaceState) s.replaceState(s.state, '', h.substring(0, i));
        } catch (e) { }
    }-*/;

    private static native JavaScriptObject listenHashChangeJs(JsCallbacks.Action f) /*-{
        if (!('onhashchange' in $wnd)) return null;
        var h = $entry(function() { f(); });
        $wnd.addEventListener('hashchange', h);
        return h;
    }-*/;

    private static native String documentDomainJs() /*-{
        return $doc.domain;
    }-*/;

    // Chromium ignores the assignment silently in an origin-keyed agent cluster; other refusals throw.
    private static native String setDocumentDomainJs(String d) /*-{
        try { $doc.domain = d; } catch (e) { }
        return $doc.domain;
    }-*/;

    // Delivery in a task of this page: a caller never runs Kuayu on its own stack, nor sees what it throws.
    private static native JavaScriptObject exposeMailboxJs(String n, JsCallbacks.Text f) /*-{
        var deliver = $entry(function(t) { f(t); });
        var box = function(t) {
            if (typeof t === 'string' && $wnd[n] === box) {
                $wnd.setTimeout(function() { if ($wnd[n] === box) deliver(t); }, 0);
            }
        };
        $wnd[n] = box;
        return box;
    }-*/;

    private static native void removeMailbox(String n, JavaScriptObject box) /*-{
        if ($wnd[n] === box) { try { delete $wnd[n]; } catch (e) { $wnd[n] = undefined; } }
    }-*/;

    static JavaScriptObject listen(JavaScriptObject target, String type, JsCallbacks.Action action) {
        return addListener(target, type, action);
    }

    private static native JavaScriptObject addListener(JavaScriptObject t, String type, JsCallbacks.Action f) /*-{
        var h = $entry(function() { f(); });
        t.addEventListener(type, h);
        return h;
    }-*/;

    static native void unlisten(JavaScriptObject t, String type, JavaScriptObject h) /*-{
        t.removeEventListener(type, h);
    }-*/;

    private static native JavaScriptObject window() /*-{
        return $wnd;
    }-*/;

    private static native JavaScriptObject listenMessages(JsCallbacks.WindowMessage f) /*-{
        var deliver = $entry(function(t, o, s, p) { f(t, o, s, p); });
        var h = function(e) {
            deliver(typeof e.data === 'string' ? e.data : null, String(e.origin), e.source || null,
                (e.ports && e.ports[0]) || null);
        };
        $wnd.addEventListener('message', h);
        return h;
    }-*/;

    // An opaque origin (a sandboxed frame, a data: URL) is "null", whatever its URL says.
    private static native String selfOriginJs() /*-{
        if ($wnd.origin === 'null') return 'null';
        var l = $wnd.location;
        return l.origin && l.origin !== 'null' ? l.origin : l.protocol + '//' + l.host;
    }-*/;

    private static native String resolve(String u) /*-{
        var a = $doc.createElement('a'); a.href = u; return a.href;
    }-*/;

    // Null (and an IllegalStateException in Java) rather than a JS throw: Java callers get a Java exception.
    private static native String random128() /*-{
        var c = $wnd.crypto || $wnd.msCrypto;
        if (!c || !c.getRandomValues) return null;
        var b = c.getRandomValues(new $wnd.Uint8Array(16)); var s = '';
        for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
        return s;
    }-*/;

    private static native double nowJs() /*-{
        var p = $wnd.performance;
        return p && p.now ? p.now() : new Date().getTime();
    }-*/;

    private static native int setTimeout(JsCallbacks.Action f, int ms) /*-{
        return $wnd.setTimeout($entry(function() { f(); }), ms);
    }-*/;

    private static native void clearTimeout(int h) /*-{
        $wnd.clearTimeout(h);
    }-*/;

    private static native JavaScriptObject parentJs() /*-{
        return $wnd.parent && $wnd.parent !== $wnd ? $wnd.parent : null;
    }-*/;

    private static native String parentOriginHintJs() /*-{
        try {
            var a = $wnd.location.ancestorOrigins; if (a && a.length) return String(a[0]);
            return $doc.referrer || null;
        } catch (e) { return null; }
    }-*/;

    private static native String ancestorOriginsJs() /*-{
        try { var out = [], w = $wnd, a = null, i = 0, p, o;
         try { a = $wnd.location.ancestorOrigins; } catch (e) { a = null; }
         while (i < 64) { try { p = w.parent; } catch (e) { break; } if (!p || p === w) { break; } o = '';
         if (a && a.length > i) { o = String(a[i]); } else { try { o = String(p.location.origin); } catch (e) { o = ''; }
         if ((!o || o === 'undefined') && i === 0 && $doc.referrer) { o = String($doc.referrer); } }
         out.push(o === 'undefined' ? '' : o); w = p; i++; }
         return out.length ? '\n' + out.join('\n') : ''; } catch (e) { return ''; }
    }-*/;

    private static native JavaScriptObject newMessageChannel() /*-{
        return typeof $wnd.MessageChannel === 'function' ? new $wnd.MessageChannel() : null;
    }-*/;

    private static native JavaScriptObject port(JavaScriptObject c, int n) /*-{
        return n === 1 ? c.port1 : c.port2;
    }-*/;

    // The name is set before the element is attached: the browsing context takes it when it is created.
    private static native JavaScriptObject createFrameJs(String u, boolean hidden, String n) /*-{
        var f = $doc.createElement('iframe');
        if (hidden) {
            f.setAttribute('aria-hidden', 'true'); f.tabIndex = -1; f.title = 'kuayu';
            f.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
        }
        if (n != null) f.name = n;
        f.src = u; ($doc.body || $doc.documentElement).appendChild(f);
        return f;
    }-*/;

    private static native void debugJs(String s) /*-{
        var c = $wnd.console; if (c && c.debug) c.debug(s);
    }-*/;

    @Override
    public WebSocketHandle openWebSocket(String url, WebSocketListener listener) {
        return JsWebSocket.open(url, listener);
    }
}
