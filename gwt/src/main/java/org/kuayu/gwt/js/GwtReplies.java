package org.kuayu.gwt.js;

import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.facade.FacadeChannel;

import com.google.gwt.core.client.JavaScriptObject;

/**
 * Settles a JS caller from a Java {@link ReplyCallback}: a promise or the {@code onReply}/{@code onError}
 * callbacks, with the reply parsed from JSON and errors as JS {@code Error}s with a {@code code}. The twin of
 * {@code org.kuayu.teavm.JsReplies}; used by {@code channel.request} and {@code kuayu.jsonp}.
 */
final class GwtReplies implements ReplyCallback {
    private final JavaScriptObject deferred;
    private final Object onReply;
    private final Object onError;
    private final FacadeChannel channel;

    private GwtReplies(JavaScriptObject deferred, Object onReply, Object onError, FacadeChannel channel) {
        this.deferred = deferred;
        this.onReply = onReply;
        this.onError = onError;
        this.channel = channel;
    }

    /**
     * The settling of one call: callbacks when either is given, else a promise, which this browser must have.
     *
     * @param channel the channel whose peer sent the reply (its debug log hears of a reply that is not JSON), or
     *     null when the reply cannot be anything but JSON
     */
    static GwtReplies of(Object onReply, Object onError, String callbackForm, FacadeChannel channel) {
        boolean callbacks = !GwtJs.isUndefined(onReply) || !GwtJs.isUndefined(onError);
        if (!callbacks && !GwtJs.hasPromise()) {
            throw FacadeChannel.noPromise(callbackForm);
        }
        return new GwtReplies(callbacks ? null : GwtJs.deferred(), onReply, onError, channel);
    }

    /** The promise of the promise form, or null for the callback form (as in the TeaVM bundle). */
    JavaScriptObject promise() {
        return deferred == null ? null : GwtJs.get(deferred, "promise");
    }

    @Override
    public void onReply(String reply) {
        boolean parsed = deferred != null ? GwtJs.resolveJson(deferred, reply)
                : GwtJs.callWithJson(onReply, reply, null);
        if (!parsed && channel != null) {
            onError(channel.replyNotJson());
        }
    }

    @Override
    public void onError(KuayuException error) {
        JavaScriptObject e = GwtJs.error(error.code().name(), error.getMessage());
        if (deferred != null) {
            GwtJs.reject(deferred, e);
        } else {
            GwtJs.call(onError, e);
        }
    }
}
