package org.kuayu.gwt.js;

import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.facade.FacadeChannel;
import org.kuayu.facade.FacadeJsonp;
import org.kuayu.facade.FacadeOrigin;
import org.kuayu.gwt.GwtPlatform;

import com.google.gwt.core.client.JavaScriptObject;

import jsinterop.annotations.JsMethod;
import jsinterop.annotations.JsProperty;

/**
 * The {@code kuayu} JS API compiled by GWT into {@code kuayu-gwt.js}: the same contract as {@code kuayu.js}
 * ({@code docs/js-api.md}), from the same portable {@code org.kuayu.facade}. Its members are JsInterop exports into
 * the namespace {@code kuayu}, which GWT defines as soon as the script has run (the module's entry point runs
 * later, at {@code DOMContentLoaded}, too late for the page's next script).
 *
 * <pre>{@code
 * <script src="/kuayu/kuayu-gwt.js"></script>
 * <script>kuayu.connect({remote: "https://b.example/remote.html", onReady: function () {}});</script>
 * }</pre>
 *
 * <p>Parameters are {@code Object}: GWT neither checks nor converts what JS passes, so every value goes on to the
 * facade's checks as it came, {@code undefined} included.
 */
public final class KuayuGwtJs {
    /** {@code kuayu.version}. */
    @JsProperty(namespace = "kuayu", name = "version")
    public static final String VERSION = Kuayu.VERSION;

    private KuayuGwtJs() {
    }

    /** {@code kuayu.connect(options)}. */
    @JsMethod(namespace = "kuayu", name = "connect")
    public static Object connect(Object options) {
        try {
            return GwtChannel.face(FacadeChannel.connect(GwtPlatform.get(),
                    new GwtObjectView(GwtJs.optionsArgs(options)), new GwtHooks(options)));
        } catch (KuayuException e) {
            throw toJs(e);
        }
    }

    /** {@code kuayu.accept(options)}. */
    @JsMethod(namespace = "kuayu", name = "accept")
    public static Object accept(Object options) {
        try {
            return GwtChannel.face(FacadeChannel.accept(GwtPlatform.get(),
                    new GwtObjectView(GwtJs.optionsArgs(options)), new GwtHooks(options)));
        } catch (KuayuException e) {
            throw toJs(e);
        }
    }

    /** {@code kuayu.jsonp(url, options) -> Promise}, or {@code kuayu.jsonp(url, options, onSuccess, onError)}. */
    @JsMethod(namespace = "kuayu", name = "jsonp")
    public static Object jsonp(Object url, Object options, Object onSuccess, Object onError) {
        try {
            GwtObjectView args = new GwtObjectView(GwtJs.jsonpArgs(url, options, onSuccess, onError));
            FacadeJsonp.callbackForm(args);
            GwtReplies replies = GwtReplies.of(onSuccess, onError, FacadeJsonp.CALLBACK_FORM, null);
            FacadeJsonp.request(GwtPlatform.get(), args, replies);
            return replies.promise();
        } catch (KuayuException e) {
            throw toJs(e);
        }
    }

    /** {@code kuayu.origin(url)}: the origin Kuayu's checks see in a URL. */
    @JsMethod(namespace = "kuayu", name = "origin")
    public static String origin(Object url) {
        try {
            return FacadeOrigin.of(GwtPlatform.get(), GwtJs.stringOrNull(url));
        } catch (KuayuException e) {
            throw toJs(e);
        }
    }

    /** Throws the error as a JS {@code Error} with {@code code}; the return type only lets callers write throw. */
    static RuntimeException toJs(KuayuException e) {
        GwtJs.raise(GwtJs.error(e.code().name(), e.getMessage()));
        return e;
    }
}
