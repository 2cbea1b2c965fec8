package org.kuayu.gwt.js;

import org.kuayu.core.DebugLog;
import org.kuayu.core.Origin;
import org.kuayu.core.Reply;
import org.kuayu.core.RequestHandler;
import org.kuayu.facade.FacadeHooks;
import org.kuayu.facade.FacadeTransports;

import com.google.gwt.core.client.JavaScriptObject;

/** The user's callbacks of one options object, called the way {@link FacadeHooks} says (GWT binding). */
final class GwtHooks implements FacadeHooks {
    private final JavaScriptObject onReady;
    private final JavaScriptObject onMessage;
    private final JavaScriptObject onRequest;
    private final JavaScriptObject onClose;
    private final JavaScriptObject onError;
    private final JavaScriptObject debug;
    /** kuayu-gwt.js has every transport. */
    private static final FacadeTransports TRANSPORTS = FacadeTransports.all();

    /** Reads the callbacks once, as the facade checks them once: later changes to the object do not count. */
    GwtHooks(Object options) {
        boolean object = GwtJs.isPlainObject(options);
        onReady = object ? GwtJs.get(options, "onReady") : null;
        onMessage = object ? GwtJs.get(options, "onMessage") : null;
        onRequest = object ? GwtJs.get(options, "onRequest") : null;
        onClose = object ? GwtJs.get(options, "onClose") : null;
        onError = object ? GwtJs.get(options, "onError") : null;
        debug = object ? GwtJs.get(options, "debug") : null;
    }

    @Override
    public void ready() {
        GwtJs.call(onReady, null);
    }

    @Override
    public boolean message(String json, String origin) {
        return GwtJs.callWithJson(onMessage, json, origin);
    }

    @Override
    public void closed() {
        GwtJs.call(onClose, null);
    }

    @Override
    public void error(String code, String message) {
        GwtJs.call(onError, GwtJs.error(code, message));
    }

    @Override
    public RequestHandler requestHandler() {
        if (!GwtJs.isFunction(onRequest)) {
            return null;
        }
        return new RequestHandler() {
            @Override
            public void onRequest(String json, Origin origin, final Reply reply) {
                GwtJs.handleRequest(onRequest, json, origin == null ? null : origin.toString(), new GwtJs.Text() {
                    @Override
                    public void accept(String text) {
                        reply.resolve(text);
                    }
                }, new GwtJs.Text() {
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
        if (!GwtJs.isFunction(debug)) {
            return null;
        }
        final JavaScriptObject sink = debug;
        return new DebugLog.Sink() {
            @Override
            public void line(String text) {
                GwtJs.callText(sink, text);
            }
        };
    }

    @Override
    public String scriptUrl() {
        return GwtJs.scriptUrl();
    }

    @Override
    public FacadeTransports transports() {
        return TRANSPORTS;
    }
}
