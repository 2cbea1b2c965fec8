package org.kuayu.teavm;

import org.kuayu.core.ChannelListener;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.Reply;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.RequestHandler;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** The {@code Channel} object of the JS API (see {@code docs/js-api.md}): a thin wrapper of a Java channel. */
public final class JsChannel {
    private CrossDomainChannel channel;
    private DebugLog.Sink debug;

    void attach(CrossDomainChannel c) {
        channel = c;
    }

    /** Where to report what a misbehaving peer sent (the {@code debug} option), or null. */
    void setDebug(DebugLog.Sink sink) {
        debug = sink;
    }

    private void malformed(String what) {
        if (debug != null) {
            debug.line("kuayu: dropped " + what + " from " + getOrigin() + ": its body is not JSON");
        }
    }

    private static KuayuException malformedReply() {
        return new KuayuException(ErrorCode.TRANSMISSION_FAILED, "the remote page's reply is not valid JSON");
    }

    /** One-way message; data is any JSON value. Throws INVALID_ARGUMENT or CLOSED. */
    @JSExport
    public void send(JSObject data) {
        String json = Js.stringify(data);
        if (json == null) {
            throw KuayuJs.toJs(JsOptions.invalid("send(data): data must be a JSON value"
                    + " (not undefined, a function, a cycle or a BigInt)"));
        }
        try {
            channel.send(json);
        } catch (KuayuException e) {
            throw KuayuJs.toJs(e);
        }
    }

    /** {@code request(data) -> Promise}, or {@code request(data, onReply, onError)} with callbacks. */
    @JSExport
    public JSObject request(JSObject data, final JSObject onReply, final JSObject onError) {
        String json = Js.stringify(data);
        boolean callbacks = !Js.isUndefined(onReply) || !Js.isUndefined(onError);
        if (json == null) {
            throw KuayuJs.toJs(JsOptions.invalid("request(data): data must be a JSON value"
                    + " (not undefined, a function, a cycle or a BigInt)"));
        }
        if (!callbacks && !Js.hasPromise()) {
            throw KuayuJs.toJs(JsOptions.invalid("this browser has no Promise: call request(data, onReply, onError)"));
        }
        final JSObject deferred = callbacks ? null : Js.deferred();
        ReplyCallback callback = new ReplyCallback() {
            @Override
            public void onReply(String reply) {
                boolean parsed = deferred != null ? Js.resolveJson(deferred, reply)
                        : Js.callWithJson(onReply, reply, null);
                if (!parsed) {
                    malformed("a reply");
                    onError(malformedReply());
                }
            }

            @Override
            public void onError(KuayuException error) {
                JSObject e = Js.error(error.code().name(), error.getMessage());
                if (deferred != null) {
                    Js.reject(deferred, e);
                } else {
                    Js.call(onError, e);
                }
            }
        };
        try {
            channel.request(json, callback);
        } catch (KuayuException e) {
            throw KuayuJs.toJs(e);
        }
        return deferred == null ? null : Js.get(deferred, "promise");
    }

    @JSExport
    public void close() {
        channel.close();
    }

    @JSExport
    @JSProperty
    public boolean isReady() {
        return channel.isReady();
    }

    /** The transport in use once ready, else null. */
    @JSExport
    @JSProperty
    public String getTransport() {
        return channel.transport();
    }

    /** The remote origin (host: from the start; remote: once a host connected), else null. */
    @JSExport
    @JSProperty
    public String getOrigin() {
        Origin o = channel.remoteOrigin();
        return o == null ? null : o.toString();
    }

    /** "connecting", "ready" or "closed". */
    @JSExport
    @JSProperty
    public String getState() {
        switch (channel.state()) {
            case READY:
                return "ready";
            case CLOSED:
                return "closed";
            default:
                return "connecting";
        }
    }

    ChannelListener listener(final JSObject options) {
        final JSObject onReady = Js.get(options, "onReady");
        final JSObject onMessage = Js.get(options, "onMessage");
        final JSObject onClose = Js.get(options, "onClose");
        final JSObject onError = Js.get(options, "onError");
        return new ChannelListener() {
            @Override
            public void onReady() {
                Js.call(onReady, null);
            }

            @Override
            public void onMessage(String json, Origin origin) {
                if (!Js.callWithJson(onMessage, json, origin == null ? null : origin.toString())) {
                    malformed("a message");
                }
            }

            @Override
            public void onClose() {
                Js.call(onClose, null);
            }

            @Override
            public void onError(KuayuException error) {
                Js.call(onError, Js.error(error.code().name(), error.getMessage()));
            }
        };
    }

    RequestHandler requestHandler(final JSObject onRequest) {
        if (Js.isUndefined(onRequest)) {
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
}
