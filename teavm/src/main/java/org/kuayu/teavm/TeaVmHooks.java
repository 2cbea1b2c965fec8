package org.kuayu.teavm;

import org.kuayu.core.DebugLog;
import org.kuayu.core.Origin;
import org.kuayu.core.Reply;
import org.kuayu.core.RequestHandler;
import org.kuayu.facade.FacadeHooks;
import org.kuayu.facade.FacadeTransports;
import org.teavm.jso.JSObject;

/** The user's callbacks of one options object, called the way {@link FacadeHooks} says. */
final class TeaVmHooks implements FacadeHooks {
    private final JSObject onReady;
    private final JSObject onMessage;
    private final JSObject onRequest;
    private final JSObject onClose;
    private final JSObject onError;
    private final JSObject debug;
    private final FacadeTransports transports;

    /**
     * Reads the callbacks once, as the facade checks them once: later changes to the object do not count.
     * {@code transports}: those of the bundle this call came through.
     */
    TeaVmHooks(JSObject options, FacadeTransports transports) {
        this.transports = transports;
        boolean object = Js.isPlainObject(options);
        onReady = object ? Js.get(options, "onReady") : null;
        onMessage = object ? Js.get(options, "onMessage") : null;
        onRequest = object ? Js.get(options, "onRequest") : null;
        onClose = object ? Js.get(options, "onClose") : null;
        onError = object ? Js.get(options, "onError") : null;
        debug = object ? Js.get(options, "debug") : null;
    }

    @Override
    public void ready() {
        Js.call(onReady, null);
    }

    @Override
    public boolean message(String json, String origin) {
        return Js.callWithJson(onMessage, json, origin);
    }

    @Override
    public void closed() {
        Js.call(onClose, null);
    }

    @Override
    public void error(String code, String message) {
        Js.call(onError, Js.error(code, message));
    }

    @Override
    public RequestHandler requestHandler() {
        if (!Js.isFunction(onRequest)) {
            return null;
        }
        return new RequestHandler() {
            @Override
            public void onRequest(String json, Origin origin, final Reply reply) {
                Js.handleRequest(onRequest, json, origin == null ? null : origin.toString(), new JsCallbacks.Text() {
                    @Override
                    public void accept(String text) {
                        reply.resolve(text);
                    }
                }, new JsCallbacks.Text() {
                    @Override
                    public void accept(String text) {
                        reply.reject(text);
                    }
                });
            }
        };
    }

    @Override
    public DebugLog.Sink debugFunction() {
        if (!Js.isFunction(debug)) {
            return null;
        }
        return new DebugLog.Sink() {
            @Override
            public void line(String text) {
                Js.callText(debug, text);
            }
        };
    }

    @Override
    public String scriptUrl() {
        return Js.scriptUrl();
    }

    @Override
    public FacadeTransports transports() {
        return transports;
    }
}
