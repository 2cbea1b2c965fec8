package org.kuayu.teavm;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** The JS functions the binding hands to the browser, each implemented by a Java lambda. */
final class JsCallbacks {
    private JsCallbacks() {
    }

    /** A plain callback: timers, load events. */
    @JSFunctor
    interface Action extends JSObject {
        void run();
    }

    /** A window {@code message} event, already unpacked: data (string or null), origin, source, first port. */
    @JSFunctor
    interface WindowMessage extends JSObject {
        void handle(String text, String origin, JSObject source, JSObject port);
    }

    /** A string from a port, or a settled value (as JSON text, or an error message). */
    @JSFunctor
    interface Text extends JSObject {
        void accept(String text);
    }
}
