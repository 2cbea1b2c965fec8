package org.kuayu.teavm;

import org.kuayu.core.Origin;
import org.kuayu.core.platform.AncestorOrigins;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.GlobalCallback;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.PortPair;
import org.kuayu.core.platform.TextListener;
import org.kuayu.core.platform.WebSocketHandle;
import org.kuayu.core.platform.WebSocketListener;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.platform.WindowMessageListener;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The platform SPI on a real browser, for code compiled by TeaVM. A TeaVM application uses it to open channels
 * from Java without the JS facade:
 *
 * <pre>{@code
 * CrossDomainChannel ch = Kuayu.connect(TeaVmPlatform.get(), ConnectOptions.builder()
 *         .remote("https://b.example/remote.html").transport(PostMessageTransport.FACTORY).build());
 * }</pre>
 *
 * <p>Every browser call is a small {@code @JSBody} here or in {@link JsWindow}, {@link JsFrame}, {@link JsPort}:
 * TeaVM's JSO APIs lack {@code MessageEvent.origin}/{@code source}, and one-line bodies are easier to audit.
 */
public final class TeaVmPlatform implements Platform {
    private static final TeaVmPlatform INSTANCE = new TeaVmPlatform();

    private TeaVmPlatform() {
    }

    /** The platform of the page this code runs in. */
    public static Platform get() {
        return INSTANCE;
    }

    /** Wraps an {@code <iframe>} element (from page code) for {@code ConnectOptions.frame}. */
    public static FrameHandle frame(JSObject iframeElement) {
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
        return random128();
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
        JSObject p = parentJs();
        return p == null ? null : new JsWindow(p);
    }

    @Override
    public String parentOriginHint() {
        String hint = parentOriginHintJs();
        Origin origin = hint == null ? null : Origin.tryParse(hint);
        return origin == null ? null : origin.toString();
    }

    @Override
    public String[] ancestorOrigins() {
        return AncestorOrigins.parse(ancestorOriginsJs());
    }

    @Override
    public Cancellable listen(final WindowMessageListener listener) {
        final JSObject handler = listenMessages(new JsCallbacks.WindowMessage() {
            @Override
            public void handle(String text, String origin, JSObject source, JSObject port) {
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
        JSObject channel = newMessageChannel();
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

    @JSBody(script = "var n = window.name; return typeof n === 'string' ? n : '';")
    private static native String windowNameJs();

    @JSBody(params = {"n"}, script = "window.name = n;")
    private static native void setWindowNameJs(String name);

    @Override
    public Cancellable loadScript(String url, String nonce, final Runnable onLoad, final Runnable onError) {
        final JSObject script = loadScriptJs(url, nonce, new JsCallbacks.Action() {
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

    @Override
    public GlobalCallback defineGlobalCallback(final String name, final TextListener receiver) {
        final JSObject function = defineGlobalJs(name, new JsCallbacks.Text() {
            @Override
            public void accept(String text) {
                receiver.onText(text);
            }
        });
        return new GlobalCallback() {
            @Override
            public void cancel() {
                retireGlobal(name, function);
            }

            @Override
            public void delete() {
                deleteGlobal(name, function);
            }
        };
    }

    // The element keeps its settled flag and handlers as expando properties so that cancel() and the events agree
    // without a Java-side closure: whichever comes first wins, the others do nothing.
    @JSBody(params = {"u", "nonce", "ok", "fail"}, script = "var s = document.createElement('script');"
            + " s.async = true; if (nonce != null) s.setAttribute('nonce', nonce);"
            + " var done = function(f) { return function() { if (s.__kuayuDone) return; s.__kuayuDone = true;"
            + " s.onload = s.onerror = null; f(); }; };"
            + " s.onload = done(ok); s.onerror = done(fail); s.src = u;"
            + " (document.head || document.body || document.documentElement).appendChild(s); return s;")
    private static native JSObject loadScriptJs(String url, String nonce, JsCallbacks.Action ok,
            JsCallbacks.Action fail);

    @JSBody(params = {"s"}, script = "s.__kuayuDone = true; s.onload = s.onerror = null;"
            + " if (s.parentNode) s.parentNode.removeChild(s);")
    private static native void removeScript(JSObject script);

    // __kuayuOff silences the function once retired, even where a script kept a reference to it.
    @JSBody(params = {"name", "f"}, script = "var g = function(v) { if (g.__kuayuOff) return; g.__kuayuCalled = true;"
            + " var t = v === undefined ? undefined : JSON.stringify(v); f(t === undefined ? 'null' : t); };"
            + " window[name] = g; return g;")
    private static native JSObject defineGlobalJs(String name, JsCallbacks.Text f);

    // Deleting is safe once the reply came (a JSONP script calls once); before, a script may still be in flight,
    // so a stub takes the name and deletes it when that late reply calls it: no ReferenceError, nothing retained.
    // The function remembers its stub (the stub does not know the function), so deleteGlobal can remove it too.
    @JSBody(params = {"name", "g"}, script = "g.__kuayuOff = true; if (window[name] !== g) return;"
            + " var gone = function() { try { delete window[name]; } catch (e) { window[name] = undefined; } };"
            + " if (g.__kuayuCalled) { g = null; gone(); return; }"
            + " var stub = function() { if (window[name] === stub) gone(); };"
            + " g.__kuayuStub = stub; g = null; window[name] = stub;")
    private static native void retireGlobal(String name, JSObject function);

    // No script can call the global any more (its load failed, or it ran and replied): no stub is needed.
    @JSBody(params = {"name", "g"}, script = "g.__kuayuOff = true; var w = window[name];"
            + " if (w === g || (g.__kuayuStub && w === g.__kuayuStub)) {"
            + " try { delete window[name]; } catch (e) { window[name] = undefined; } } g.__kuayuStub = null;")
    private static native void deleteGlobal(String name, JSObject function);

    @Override
    public String join(String head, String tail) {
        return joinJs(head, tail);
    }

    @JSBody(params = {"a", "b"}, script = "return a + b;")
    private static native String joinJs(String head, String tail);

    @Override
    public String decimal(int n) {
        return decimalJs(n);
    }

    @JSBody(params = {"n"}, script = "return String(n);")
    private static native String decimalJs(int n);

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
        final JSObject box = exposeMailboxJs(name, new JsCallbacks.Text() {
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
        final JSObject handler = listenHashChangeJs(new JsCallbacks.Action() {
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
    @JSBody(script = "var l = window.location; if (!l.hash) return ''; var h = String(l.href), i = h.indexOf('#');"
            + " return i < 0 ? '' : h.substring(i + 1);")
    private static native String locationHashJs();

    // The absolute URL, not pathname + search, which a <base> element would resolve elsewhere.
    @JSBody(script = "try { var h = String(window.location.href), i = h.indexOf('#');"
            + " if (i >= 0 && window.history && history.replaceState) history.replaceState(history.state, '',"
            + " h.substring(0, i)); } catch (e) { }")
    private static native void clearLocationHashJs();

    @JSBody(params = {"f"}, script = "if (!('onhashchange' in window)) return null;"
            + " var h = function() { f(); }; window.addEventListener('hashchange', h); return h;")
    private static native JSObject listenHashChangeJs(JsCallbacks.Action f);

    @JSBody(script = "return document.domain;")
    private static native String documentDomainJs();

    // Chromium ignores the assignment silently in an origin-keyed agent cluster; other refusals throw.
    @JSBody(params = {"d"}, script = "try { document.domain = d; } catch (e) { } return document.domain;")
    private static native String setDocumentDomainJs(String domain);

    // Delivery in a task of this page: a caller never runs Kuayu on its own stack, nor sees what it throws.
    @JSBody(params = {"n", "f"}, script = "var box = function(t) { if (typeof t === 'string' && window[n] === box)"
            + " { setTimeout(function() { if (window[n] === box) f(t); }, 0); } }; window[n] = box; return box;")
    private static native JSObject exposeMailboxJs(String name, JsCallbacks.Text receiver);

    @JSBody(params = {"n", "box"}, script = "if (window[n] === box) { try { delete window[n]; }"
            + " catch (e) { window[n] = undefined; } }")
    private static native void removeMailbox(String name, JSObject box);

    static JSObject listen(JSObject target, String type, JsCallbacks.Action action) {
        return addListener(target, type, action);
    }

    @JSBody(params = {"t", "type", "f"}, script = "var h = function() { f(); }; t.addEventListener(type, h); return h;")
    private static native JSObject addListener(JSObject target, String type, JsCallbacks.Action f);

    @JSBody(params = {"t", "type", "h"}, script = "t.removeEventListener(type, h);")
    static native void unlisten(JSObject target, String type, JSObject handler);

    @JSBody(script = "return window;")
    private static native JSObject window();

    @JSBody(params = {"f"}, script = "var h = function(e) { f(typeof e.data === 'string' ? e.data : null,"
            + " String(e.origin), e.source || null, (e.ports && e.ports[0]) || null); };"
            + " window.addEventListener('message', h); return h;")
    private static native JSObject listenMessages(JsCallbacks.WindowMessage f);

    // An opaque origin (a sandboxed frame, a data: URL) is "null", whatever its URL says.
    @JSBody(script = "if (window.origin === 'null') return 'null';"
            + " var l = window.location; return l.origin && l.origin !== 'null' ? l.origin"
            + " : l.protocol + '//' + l.host;")
    private static native String selfOriginJs();

    @JSBody(params = {"u"}, script = "var a = document.createElement('a'); a.href = u; return a.href;")
    private static native String resolve(String url);

    @JSBody(script = "var c = window.crypto || window.msCrypto;"
            + " if (!c || !c.getRandomValues) throw new Error('Kuayu needs crypto.getRandomValues for channel ids');"
            + " var b = c.getRandomValues(new Uint8Array(16)); var s = '';"
            + " for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16); return s;")
    private static native String random128();

    @JSBody(script = "return window.performance && performance.now ? performance.now() : new Date().getTime();")
    private static native double nowJs();

    @JSBody(params = {"f", "ms"}, script = "return setTimeout(function() { f(); }, ms);")
    private static native int setTimeout(JsCallbacks.Action f, int ms);

    @JSBody(params = {"h"}, script = "clearTimeout(h);")
    private static native void clearTimeout(int handle);

    @JSBody(script = "return window.parent && window.parent !== window ? window.parent : null;")
    private static native JSObject parentJs();

    @JSBody(script = "try { var a = window.location.ancestorOrigins; if (a && a.length) return String(a[0]);"
            + " return document.referrer || null; } catch (e) { return null; }")
    private static native String parentOriginHintJs();

    @JSBody(script = "try { var out = [], w = window, a = null, i = 0, p, o; "
            + " try { a = window.location.ancestorOrigins; } catch (e) { a = null; } "
            + " while (i < 64) { try { p = w.parent; } catch (e) { break; } if (!p || p === w) { break; } o = ''; "
            + " if (a && a.length > i) { o = String(a[i]); } else { try { o = String(p.location.origin); } catch (e) { o = ''; } "
            + " if ((!o || o === 'undefined') && i === 0 && document.referrer) { o = String(document.referrer); } } "
            + " out.push(o === 'undefined' ? '' : o); w = p; i++; } "
            + " return out.length ? '\\n' + out.join('\\n') : ''; } catch (e) { return ''; }")
    private static native String ancestorOriginsJs();

    @JSBody(script = "return typeof MessageChannel === 'function' ? new MessageChannel() : null;")
    private static native JSObject newMessageChannel();

    @JSBody(params = {"c", "n"}, script = "return n === 1 ? c.port1 : c.port2;")
    private static native JSObject port(JSObject channel, int n);

    // The name is set before the element is attached: the browsing context takes it when it is created.
    @JSBody(params = {"u", "hidden", "n"}, script = "var f = document.createElement('iframe');"
            + " if (hidden) { f.setAttribute('aria-hidden', 'true'); f.tabIndex = -1; f.title = 'kuayu';"
            + " f.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden'; }"
            + " if (n != null) f.name = n;"
            + " f.src = u; (document.body || document.documentElement).appendChild(f); return f;")
    private static native JSObject createFrameJs(String url, boolean hidden, String name);

    @JSBody(params = {"s"}, script = "if (window.console && console.debug) console.debug(s);")
    private static native void debugJs(String line);

    @Override
    public WebSocketHandle openWebSocket(String url, WebSocketListener listener) {
        return JsWebSocket.open(url, listener);
    }
}
