package org.kuayu.gwt;

import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.facade.FacadeChannel;
import org.kuayu.facade.FacadeJsonp;

import com.google.gwt.core.client.JavaScriptObject;

/**
 * The {@code kuayu} JS API compiled by GWT into {@code kuayu-gwt.js}: the same contract as {@code kuayu.js}
 * ({@code docs/js-api.md}), from the same portable {@code org.kuayu.facade}. {@link #install()} defines the global
 * {@code kuayu} (a frozen object with {@code version}, {@code connect}, {@code accept} and {@code jsonp}) by hand,
 * without JsInterop exports, so nothing else of the program reaches the page's globals.
 *
 * <pre>{@code
 * <script src="/kuayu/kuayu-gwt.js"></script>
 * <script>kuayu.connect({remote: "https://b.example/remote.html", onReady: function () {}});</script>
 * }</pre>
 */
final class KuayuGwtJs {
    private KuayuGwtJs() {
    }

    /** Sets {@code window.kuayu}. */
    static void install() {
        install(Kuayu.VERSION);
    }

    private static native void install(String version) /*-{
        $wnd.kuayu = Object.freeze({
            version: version,
            connect: function(options) {
                return @org.kuayu.gwt.KuayuGwtJs::connect(*)({options: options}, options);
            },
            accept: function(options) {
                return @org.kuayu.gwt.KuayuGwtJs::accept(*)({options: options}, options);
            },
            jsonp: function(url, options, onSuccess, onError) {
                return @org.kuayu.gwt.KuayuGwtJs::jsonp(*)(
                    {url: url, options: options, onSuccess: onSuccess, onError: onError}, onSuccess, onError);
            }
        });
    }-*/;

    private static JavaScriptObject connect(JavaScriptObject args, JavaScriptObject options) {
        try {
            return GwtChannel.face(FacadeChannel.connect(GwtPlatform.get(), new GwtObjectView(args),
                    new GwtHooks(options)));
        } catch (KuayuException e) {
            throw toJs(e);
        }
    }

    private static JavaScriptObject accept(JavaScriptObject args, JavaScriptObject options) {
        try {
            return GwtChannel.face(FacadeChannel.accept(GwtPlatform.get(), new GwtObjectView(args),
                    new GwtHooks(options)));
        } catch (KuayuException e) {
            throw toJs(e);
        }
    }

    private static JavaScriptObject jsonp(JavaScriptObject args, JavaScriptObject onSuccess,
            JavaScriptObject onError) {
        try {
            GwtObjectView view = new GwtObjectView(args);
            FacadeJsonp.callbackForm(view);
            GwtReplies replies = GwtReplies.of(onSuccess, onError, FacadeJsonp.CALLBACK_FORM, null);
            FacadeJsonp.request(GwtPlatform.get(), view, replies);
            return replies.promise();
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
