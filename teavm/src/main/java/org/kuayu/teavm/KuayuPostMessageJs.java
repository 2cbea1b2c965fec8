package org.kuayu.teavm;

import org.kuayu.core.Kuayu;
import org.kuayu.facade.FacadeTransports;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;
import org.teavm.jso.JSObject;

/**
 * The {@code kuayu} JS API with postMessage alone, compiled by TeaVM into {@code kuayu-pm.js}: the smallest bundle,
 * for pages that talk to frames of browsers that all have postMessage. The same {@code connect}, {@code accept},
 * Channel and errors as {@code kuayu.js} ({@code docs/js-api.md}), but no {@code kuayu.jsonp}, and
 * {@code transport} may only be {@code "auto"} or {@code "postMessage"}: any other is refused with
 * {@code INVALID_ARGUMENT} naming {@code kuayu.js}.
 *
 * <pre>{@code
 * <script src="/kuayu/kuayu-pm.js"></script>
 * var channel = kuayu.connect({remote: "https://b.example/remote.html"});
 * }</pre>
 */
@JSExportClasses({JsChannel.class})
public final class KuayuPostMessageJs {
    private static final FacadeTransports TRANSPORTS = FacadeTransports.postMessageOnly();

    private KuayuPostMessageJs() {
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
}
