package org.kuayu.teavm;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.WindowHandle;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** An {@code <iframe>} element. */
final class JsFrame implements FrameHandle {
    final JSObject element;

    JsFrame(JSObject element) {
        this.element = element;
    }

    @Override
    public String src() {
        return src(element);
    }

    @Override
    public String documentOrigin() {
        return documentOrigin(element);
    }

    @Override
    public WindowHandle window() {
        JSObject w = contentWindow(element);
        return w == null ? null : new JsWindow(w);
    }

    @Override
    public Cancellable onLoad(final Runnable onLoad) {
        final JSObject handler = TeaVmPlatform.listen(element, "load", new JsCallbacks.Action() {
            @Override
            public void run() {
                onLoad.run();
            }
        });
        return new Cancellable() {
            @Override
            public void cancel() {
                TeaVmPlatform.unlisten(element, "load", handler);
            }
        };
    }

    @Override
    public Cancellable onRemoved(final Runnable onRemoved) {
        final JSObject observer = watchRemoval(element, new JsCallbacks.Action() {
            @Override
            public void run() {
                onRemoved.run();
            }
        });
        return new Cancellable() {
            @Override
            public void cancel() {
                unwatch(observer);
            }
        };
    }

    @Override
    public boolean replaceLocation(String url) {
        return replaceLocation(element, url);
    }

    @Override
    public void remove() {
        remove(element);
    }

    @Override
    public boolean isAttached() {
        return attached(element);
    }

    /** True when {@code o} is an iframe element (for validating the {@code frame} option). */
    @JSBody(params = {"o"}, script = "return !!o && typeof o === 'object' && String(o.tagName).toLowerCase() === 'iframe';")
    static native boolean isFrame(JSObject o);

    @JSBody(params = {"f"}, script = "var s = f.getAttribute('src'); return s ? f.src : null;")
    private static native String src(JSObject f);

    @JSBody(params = {"f"}, script = "try { var w = f.contentWindow; if (!w) return ''; var h = w.location.href;"
            + " if (!h || h === 'about:blank') return ''; return w.location.origin || ''; } catch (e) { return null; }")
    private static native String documentOrigin(JSObject f);

    // location.replace is one of the few members of a cross-origin window a page may use; a sandbox may refuse it.
    @JSBody(params = {"f", "u"}, script = "var w = f.contentWindow; if (!w) return false;"
            + " try { w.location.replace(u); return true; } catch (e) { return false; }")
    private static native boolean replaceLocation(JSObject f, String url);

    // One observer of the whole document: removing any ancestor removes the frame too. It fires only for a frame
    // that was attached once, and disconnects itself after the one call.
    @JSBody(params = {"f", "a"}, script = "var d = f.ownerDocument;"
            + " if (typeof MutationObserver !== 'function' || !d || !d.documentElement) return null;"
            + " var seen = d.documentElement.contains(f);"
            + " var o = new MutationObserver(function () { if (d.documentElement.contains(f)) { seen = true; }"
            + " else if (seen) { o.disconnect(); a(); } });"
            + " o.observe(d.documentElement, {childList: true, subtree: true}); return o;")
    private static native JSObject watchRemoval(JSObject f, JsCallbacks.Action a);

    @JSBody(params = {"o"}, script = "if (o) o.disconnect();")
    private static native void unwatch(JSObject observer);

    @JSBody(params = {"f"}, script = "return f.contentWindow || null;")
    private static native JSObject contentWindow(JSObject f);

    @JSBody(params = {"f"}, script = "if (f.parentNode) f.parentNode.removeChild(f);")
    private static native void remove(JSObject f);

    @JSBody(params = {"f"}, script = "return !!f.ownerDocument && f.ownerDocument.documentElement.contains(f);")
    private static native boolean attached(JSObject f);
}
