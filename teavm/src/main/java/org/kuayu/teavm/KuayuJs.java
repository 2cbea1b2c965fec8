package org.kuayu.teavm;

import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.facade.FacadeChannel;
import org.kuayu.facade.FacadeJsonp;
import org.kuayu.facade.FacadeTransports;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;
import org.teavm.jso.JSObject;

/**
 * The {@code kuayu} JS API, compiled by TeaVM into {@code kuayu.js} (a global) and {@code kuayu.mjs} (an ES
 * module). Its contract is {@code docs/js-api.md}; {@code kuayu.d.ts} declares it for TypeScript. What it checks
 * and decides is in the portable {@code org.kuayu.facade}; this class only crosses between JS and Java.
 *
 * <pre>{@code
 * var channel = kuayu.connect({remote: "https://b.example/remote.html", onMessage: function (data, origin) {}});
 * channel.request({q: 1}).then(function (reply) {}, function (error) { error.code; });
 * kuayu.jsonp("https://api.example/login", {params: {user: "admin"}}).then(function (reply) {});
 * }</pre>
 */
@JSExportClasses({JsChannel.class})
public final class KuayuJs {
    private static final FacadeTransports TRANSPORTS = FacadeTransports.all();

    private KuayuJs() {
    }

    @JSExport
    public static String version() {
        return Kuayu.VERSION;
    }

    @JSExport
    public static JsChannel connect(JSObject options) {
        return JsEntry.connect(options, TRANSPORTS);
    }

    @JSExport
    public static JsChannel accept(JSObject options) {
        return JsEntry.accept(options, TRANSPORTS);
    }

    /** {@code kuayu.origin(url)}: the origin Kuayu's checks see in a URL. */
    @JSExport
    public static String origin(JSObject url) {
        return JsEntry.origin(url);
    }

    /** {@code jsonp(url, options) -> Promise}, or {@code jsonp(url, options, onSuccess, onError)}. */
    @JSExport
    public static JSObject jsonp(JSObject url, JSObject options, JSObject onSuccess, JSObject onError) {
        try {
            TeaVmObjectView args = new TeaVmObjectView(jsonpArgs(url, options, onSuccess, onError));
            FacadeJsonp.callbackForm(args);
            JsReplies replies = JsReplies.create(onSuccess, onError, FacadeJsonp.CALLBACK_FORM, null);
            FacadeJsonp.request(TeaVmPlatform.get(), args, replies);
            return replies.promise();
        } catch (KuayuException e) {
            throw JsReplies.toJs(e);
        }
    }

    @JSBody(params = {"u", "o", "s", "e"}, script = "return {url: u, options: o, onSuccess: s, onError: e};")
    private static native JSObject jsonpArgs(JSObject url, JSObject options, JSObject onSuccess, JSObject onError);
}
