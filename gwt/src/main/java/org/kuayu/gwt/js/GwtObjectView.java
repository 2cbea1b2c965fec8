package org.kuayu.gwt.js;

import org.kuayu.core.platform.FrameHandle;
import org.kuayu.facade.JsObjectView;
import org.kuayu.gwt.GwtPlatform;

import com.google.gwt.core.client.JavaScriptObject;
import com.google.gwt.core.client.JsArrayString;

/** The GWT view of a JS object the user passed to the {@code kuayu} API (see {@link JsObjectView}). */
final class GwtObjectView implements JsObjectView {
    private final JavaScriptObject o;

    GwtObjectView(JavaScriptObject o) {
        this.o = o;
    }

    @Override
    public String typeOf(String key) {
        return typeOf(o, key);
    }

    @Override
    public String string(String key) {
        return getString(o, key);
    }

    @Override
    public double number(String key) {
        return getNumber(o, key);
    }

    @Override
    public boolean isTrue(String key) {
        return isTrue(o, key);
    }

    @Override
    public String[] stringArray(String key) {
        return toArray(getStringArray(o, key));
    }

    @Override
    public String[] keys() {
        return toArray(keys(o));
    }

    @Override
    public JsObjectView object(String key) {
        return "object".equals(typeOf(key)) ? new GwtObjectView(GwtJs.get(o, key)) : null;
    }

    @Override
    public FrameHandle frame(String key) {
        JavaScriptObject f = GwtJs.get(o, key);
        return GwtPlatform.isFrame(f) ? GwtPlatform.frame(f) : null;
    }

    private static String[] toArray(JsArrayString a) {
        if (a == null) {
            return null;
        }
        String[] out = new String[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    private static native String typeOf(JavaScriptObject o, String k) /*-{
        var v = o[k]; return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
    }-*/;

    private static native String getString(JavaScriptObject o, String k) /*-{
        return String(o[k]);
    }-*/;

    private static native double getNumber(JavaScriptObject o, String k) /*-{
        return +o[k];
    }-*/;

    private static native boolean isTrue(JavaScriptObject o, String k) /*-{
        return o[k] === true;
    }-*/;

    private static native JsArrayString getStringArray(JavaScriptObject o, String k) /*-{
        var a = o[k]; if (!Array.isArray(a)) return null;
        for (var i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return null; return a.slice();
    }-*/;

    private static native JsArrayString keys(JavaScriptObject o) /*-{
        return Object.keys(o);
    }-*/;
}
