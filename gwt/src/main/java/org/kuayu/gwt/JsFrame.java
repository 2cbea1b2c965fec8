package org.kuayu.gwt;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.WindowHandle;

import com.google.gwt.core.client.JavaScriptObject;

/**
 * An {@code <iframe>} element of the page, for code compiled by GWT: the twin of {@code org.kuayu.teavm.JsFrame}.
 *
 * <pre>{@code
 * FrameHandle frame = GwtPlatform.get().createFrame("https://b.example/remote.html", true);
 * frame.onLoad(new Runnable() { public void run() { ... } });
 * }</pre>
 */
final class JsFrame implements FrameHandle {
    final JavaScriptObject element;

    JsFrame(JavaScriptObject element) {
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
        JavaScriptObject w = contentWindow(element);
        return w == null ? null : new JsWindow(w);
    }

    @Override
    public Cancellable onLoad(final Runnable onLoad) {
        final JavaScriptObject handler = GwtPlatform.listen(element, "load", new JsCallbacks.Action() {
            @Override
            public void run() {
                onLoad.run();
            }
        });
        return new Cancellable() {
            @Override
            public void cancel() {
                GwtPlatform.unlisten(element, "load", handler);
            }
        };
    }

    @Override
    public Cancellable onRemoved(final Runnable onRemoved) {
        final JavaScriptObject observer = watchRemoval(element, new JsCallbacks.Action() {
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
    static native boolean isFrame(JavaScriptObject o) /*-{
        return !!o && typeof o === 'object' && String(o.tagName).toLowerCase() === 'iframe';
    }-*/;

    private static native String src(JavaScriptObject f) /*-{
        var s = f.getAttribute('src'); return s ? f.src : null;
    }-*/;

    private static native String documentOrigin(JavaScriptObject f) /*-{
        try {
            var w = f.contentWindow; if (!w) return '';
            var h = w.location.href; if (!h || h === 'about:blank') return '';
            return w.location.origin || '';
        } catch (e) { return null; }
    }-*/;

    // location.replace is one of the few members of a cross-origin window a page may use; a sandbox may refuse it.
    private static native boolean replaceLocation(JavaScriptObject f, String u) /*-{
        var w = f.contentWindow; if (!w) return false;
        try { w.location.replace(u); return true; } catch (e) { return false; }
    }-*/;

    private static native JavaScriptObject contentWindow(JavaScriptObject f) /*-{
        return f.contentWindow || null;
    }-*/;

    // One observer of the whole document: removing any ancestor removes the frame too. It fires only for a frame
    // that was attached once, and disconnects itself after the one call.
    private static native JavaScriptObject watchRemoval(JavaScriptObject f, JsCallbacks.Action a) /*-{
        var d = f.ownerDocument;
        if (typeof MutationObserver !== 'function' || !d || !d.documentElement) return null;
        var call = $entry(function() { a(); });
        var seen = d.documentElement.contains(f);
        var o = new MutationObserver(function () {
            if (d.documentElement.contains(f)) { seen = true; } else if (seen) { o.disconnect(); call(); }
        });
        o.observe(d.documentElement, {childList: true, subtree: true});
        return o;
    }-*/;

    private static native void unwatch(JavaScriptObject o) /*-{
        if (o) o.disconnect();
    }-*/;

    private static native void remove(JavaScriptObject f) /*-{
        if (f.parentNode) f.parentNode.removeChild(f);
    }-*/;

    private static native boolean attached(JavaScriptObject f) /*-{
        return !!f.ownerDocument && f.ownerDocument.documentElement.contains(f);
    }-*/;
}
