package org.kuayu.teavm;

import org.kuayu.core.KuayuException;
import org.kuayu.facade.FacadeChannel;
import org.kuayu.facade.FacadeOrigin;
import org.kuayu.facade.FacadeTransports;
import org.teavm.jso.JSObject;

/**
 * {@code kuayu.connect} and {@code kuayu.accept} of a bundle with these transports: what {@link KuayuJs}
 * ({@code kuayu.js}) and {@link KuayuPostMessageJs} ({@code kuayu-pm.js}) export. A facade error becomes a thrown JS
 * {@code Error} with its {@code code}.
 */
final class JsEntry {
    private JsEntry() {
    }

    static JsChannel connect(JSObject options, FacadeTransports transports) {
        try {
            return new JsChannel(FacadeChannel.connect(TeaVmPlatform.get(), TeaVmObjectView.ofOptions(options),
                    new TeaVmHooks(options, transports)));
        } catch (KuayuException e) {
            throw JsReplies.toJs(e);
        }
    }

    static JsChannel accept(JSObject options, FacadeTransports transports) {
        try {
            return new JsChannel(FacadeChannel.accept(TeaVmPlatform.get(), TeaVmObjectView.ofOptions(options),
                    new TeaVmHooks(options, transports)));
        } catch (KuayuException e) {
            throw JsReplies.toJs(e);
        }
    }

    static String origin(JSObject url) {
        try {
            return FacadeOrigin.of(TeaVmPlatform.get(), Js.stringOrNull(url));
        } catch (KuayuException e) {
            throw JsReplies.toJs(e);
        }
    }
}
