package org.kuayu.gwt.js;

import org.kuayu.core.KuayuException;
import org.kuayu.facade.FacadeChannel;

import com.google.gwt.core.client.JavaScriptObject;

/**
 * The {@code Channel} object of the JS API in {@code kuayu-gwt.js} (see {@code docs/js-api.md}): a plain JS object
 * whose methods and read-only properties call into a {@link FacadeChannel}, which decides everything. The twin of
 * {@code org.kuayu.teavm.JsChannel}.
 */
final class GwtChannel {
    private final FacadeChannel channel;

    private GwtChannel(FacadeChannel channel) {
        this.channel = channel;
    }

    /** The JS object a page gets from {@code kuayu.connect} or {@code kuayu.accept}. */
    static JavaScriptObject face(FacadeChannel channel) {
        return face(new GwtChannel(channel));
    }

    void send(Object data) {
        try {
            channel.send(GwtJs.stringify(data));
        } catch (KuayuException e) {
            throw KuayuGwtJs.toJs(e);
        }
    }

    JavaScriptObject request(Object data, Object onReply, Object onError) {
        try {
            GwtReplies replies = GwtReplies.of(onReply, onError, "request(data, onReply, onError)", channel);
            channel.request(GwtJs.stringify(data), replies);
            return replies.promise();
        } catch (KuayuException e) {
            throw KuayuGwtJs.toJs(e);
        }
    }

    void close() {
        channel.close();
    }

    boolean isReady() {
        return channel.isReady();
    }

    String transport() {
        return channel.transport();
    }

    String origin() {
        return channel.origin();
    }

    String state() {
        return channel.state();
    }

    private static native JavaScriptObject face(GwtChannel c) /*-{
        var ch = {
            send: function(data) {
                c.@org.kuayu.gwt.js.GwtChannel::send(*)(data);
            },
            request: function(data, onReply, onError) {
                return c.@org.kuayu.gwt.js.GwtChannel::request(*)(data, onReply, onError);
            },
            close: function() {
                c.@org.kuayu.gwt.js.GwtChannel::close()();
            }
        };
        function property(name, get) {
            Object.defineProperty(ch, name, {get: get, enumerable: true});
        }
        property('ready', function() { return c.@org.kuayu.gwt.js.GwtChannel::isReady()(); });
        property('transport', function() { return c.@org.kuayu.gwt.js.GwtChannel::transport()(); });
        property('origin', function() { return c.@org.kuayu.gwt.js.GwtChannel::origin()(); });
        property('state', function() { return c.@org.kuayu.gwt.js.GwtChannel::state()(); });
        return ch;
    }-*/;
}
