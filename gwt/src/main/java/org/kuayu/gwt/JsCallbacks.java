package org.kuayu.gwt;

import com.google.gwt.core.client.JavaScriptObject;

import jsinterop.annotations.JsFunction;

/**
 * The JS functions the binding hands to the browser, each implemented by a Java object: GWT compiles an
 * implementation of a {@link JsFunction} interface to a plain JS function, which the JSNI bodies wrap in
 * {@code $entry} before the browser may call it (so an application's {@code GWT.setUncaughtExceptionHandler}
 * sees what a callback throws; without one the exception reaches the browser's event loop, as in TeaVM).
 *
 * <p>The twin of {@code org.kuayu.teavm.JsCallbacks}:
 *
 * <pre>{@code
 * GwtPlatform.setTimeout(new JsCallbacks.Action() {
 *     @Override public void run() { task.run(); }
 * }, delayMillis);
 * }</pre>
 */
final class JsCallbacks {
    private JsCallbacks() {
    }

    /** A plain callback: timers, load events, script outcomes. */
    @JsFunction
    interface Action {
        void run();
    }

    /** A window {@code message} event, already unpacked: data (string or null), origin, source, first port. */
    @JsFunction
    interface WindowMessage {
        void handle(String text, String origin, JavaScriptObject source, JavaScriptObject port);
    }

    /** A string from a port, or the JSON text a global callback was called with. */
    @JsFunction
    interface Text {
        void accept(String text);
    }
}
