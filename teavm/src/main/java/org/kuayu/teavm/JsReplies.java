package org.kuayu.teavm;

import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.facade.FacadeChannel;
import org.teavm.jso.JSObject;

/**
 * Settles a JS caller from a Java {@link ReplyCallback}: a promise (when {@code deferred} is given) or the
 * {@code onReply}/{@code onError} callbacks, with the reply parsed from JSON and errors as JS {@code Error}s with a
 * {@code code}. Used by {@code channel.request} and {@code kuayu.jsonp}.
 */
final class JsReplies implements ReplyCallback {
    private final JSObject deferred;
    private final JSObject onReply;
    private final JSObject onError;
    private final FacadeChannel channel;

    /**
     * @param deferred {@link Js#deferred()} for the promise form, or null for the callback form
     * @param channel the channel whose peer sent the reply (its debug log hears of a reply that is not JSON), or
     *     null when the reply cannot be anything but JSON
     */
    JsReplies(JSObject deferred, JSObject onReply, JSObject onError, FacadeChannel channel) {
        this.deferred = deferred;
        this.onReply = onReply;
        this.onError = onError;
        this.channel = channel;
    }

    /**
     * The settling of one call: callbacks when either is given (the facade has checked they are functions), else a
     * promise, which this browser must have.
     */
    static JsReplies create(JSObject onReply, JSObject onError, String callbackForm, FacadeChannel channel) {
        boolean callbacks = !Js.isUndefined(onReply) || !Js.isUndefined(onError);
        if (!callbacks && !Js.hasPromise()) {
            throw FacadeChannel.noPromise(callbackForm);
        }
        return new JsReplies(callbacks ? null : Js.deferred(), onReply, onError, channel);
    }

    /** Throws the error as a JS {@code Error} with {@code code}; the return type only lets callers write throw. */
    static RuntimeException toJs(KuayuException e) {
        Js.raise(Js.error(e.code().name(), e.getMessage()));
        return e;
    }

    /** The promise of the promise form, or null. */
    JSObject promise() {
        return deferred == null ? null : Js.get(deferred, "promise");
    }

    @Override
    public void onReply(String reply) {
        boolean parsed = deferred != null ? Js.resolveJson(deferred, reply) : Js.callWithJson(onReply, reply, null);
        if (!parsed && channel != null) {
            onError(channel.replyNotJson());
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
}
