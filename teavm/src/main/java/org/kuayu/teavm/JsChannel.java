package org.kuayu.teavm;

import org.kuayu.core.KuayuException;
import org.kuayu.facade.FacadeChannel;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * The {@code Channel} object of the JS API (see {@code docs/js-api.md}): turns JS values into JSON text and back
 * around a {@link FacadeChannel}, which decides everything else.
 */
public final class JsChannel {
    private final FacadeChannel channel;

    JsChannel(FacadeChannel channel) {
        this.channel = channel;
    }

    /** One-way message; data is any JSON value. Throws INVALID_ARGUMENT or CLOSED. */
    @JSExport
    public void send(JSObject data) {
        try {
            channel.send(Js.stringify(data));
        } catch (KuayuException e) {
            throw JsReplies.toJs(e);
        }
    }

    /** {@code request(data) -> Promise}, or {@code request(data, onReply, onError)} with callbacks. */
    @JSExport
    public JSObject request(JSObject data, JSObject onReply, JSObject onError) {
        try {
            JsReplies replies = JsReplies.create(onReply, onError, "request(data, onReply, onError)", channel);
            channel.request(Js.stringify(data), replies);
            return replies.promise();
        } catch (KuayuException e) {
            throw JsReplies.toJs(e);
        }
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
        return channel.origin();
    }

    /** "connecting", "ready" or "closed". */
    @JSExport
    @JSProperty
    public String getState() {
        return channel.state();
    }
}
