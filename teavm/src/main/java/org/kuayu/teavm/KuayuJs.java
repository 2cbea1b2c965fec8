package org.kuayu.teavm;

import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;
import org.teavm.jso.JSObject;

/**
 * The {@code kuayu} JS API, compiled by TeaVM into {@code kuayu.js} (a global) and {@code kuayu.mjs} (an ES
 * module). Its contract is {@code docs/js-api.md}; {@code kuayu.d.ts} declares it for TypeScript.
 *
 * <pre>{@code
 * var channel = kuayu.connect({remote: "https://b.example/remote.html", onMessage: function (data, origin) {}});
 * channel.request({q: 1}).then(function (reply) {}, function (error) { error.code; });
 * }</pre>
 */
@JSExportClasses({JsChannel.class})
public final class KuayuJs {
    private KuayuJs() {
    }

    @JSExport
    public static String version() {
        return Kuayu.VERSION;
    }

    @JSExport
    public static JsChannel connect(JSObject options) {
        JsChannel channel = new JsChannel();
        try {
            channel.attach(Kuayu.connect(TeaVmPlatform.get(), JsOptions.connect(options, channel)));
        } catch (KuayuException e) {
            throw toJs(e);
        } catch (IllegalArgumentException e) {
            throw toJs(JsOptions.invalid(e.getMessage()));
        }
        return channel;
    }

    @JSExport
    public static JsChannel accept(JSObject options) {
        JsChannel channel = new JsChannel();
        try {
            channel.attach(Kuayu.accept(TeaVmPlatform.get(), JsOptions.accept(options, channel)));
        } catch (KuayuException e) {
            throw toJs(e);
        } catch (IllegalArgumentException e) {
            throw toJs(JsOptions.invalid(e.getMessage()));
        }
        return channel;
    }

    /** Throws the error as a JS {@code Error} with {@code code}; the return type only lets callers write throw. */
    static RuntimeException toJs(KuayuException e) {
        Js.raise(Js.error(e.code().name(), e.getMessage()));
        return e;
    }
}
