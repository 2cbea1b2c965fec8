package org.kuayu.teavm;

import org.kuayu.core.platform.FrameHandle;
import org.kuayu.facade.JsObjectView;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** The TeaVM view of a JS object the user passed to the {@code kuayu} API (see {@link JsObjectView}). */
final class TeaVmObjectView implements JsObjectView {
    private final JSObject o;

    TeaVmObjectView(JSObject o) {
        this.o = o;
    }

    /** A view of {@code {options: o}}: the facade checks what the argument is. */
    static TeaVmObjectView ofOptions(JSObject options) {
        return new TeaVmObjectView(wrapOptions(options));
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
        return getStringArray(o, key);
    }

    @Override
    public String[] keys() {
        return keys(o);
    }

    @Override
    public JsObjectView object(String key) {
        return "object".equals(typeOf(key)) ? new TeaVmObjectView(Js.get(o, key)) : null;
    }

    @Override
    public FrameHandle frame(String key) {
        JSObject f = Js.get(o, key);
        return JsFrame.isFrame(f) ? new JsFrame(f) : null;
    }

    @JSBody(params = {"o"}, script = "return {options: o};")
    private static native JSObject wrapOptions(JSObject options);

    @JSBody(params = {"o", "k"}, script = "var v = o[k]; return v === null ? 'null' : Array.isArray(v) ? 'array'"
            + " : typeof v;")
    private static native String typeOf(JSObject o, String key);

    @JSBody(params = {"o", "k"}, script = "return String(o[k]);")
    private static native String getString(JSObject o, String key);

    @JSBody(params = {"o", "k"}, script = "return +o[k];")
    private static native double getNumber(JSObject o, String key);

    @JSBody(params = {"o", "k"}, script = "return o[k] === true;")
    private static native boolean isTrue(JSObject o, String key);

    @JSBody(params = {"o", "k"}, script = "var a = o[k]; if (!Array.isArray(a)) return null;"
            + " for (var i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return null; return a.slice();")
    private static native String[] getStringArray(JSObject o, String key);

    @JSBody(params = {"o"}, script = "return Object.keys(o);")
    private static native String[] keys(JSObject o);
}
