package org.kuayu.facade;

import org.kuayu.core.ChannelListener;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.platform.Platform;

/**
 * The portable half of the {@code Channel} object of the JS API ({@code docs/js-api.md}): it opens the Java channel
 * from the checked options and gives each JS method its meaning. A binding exports a thin JS object over it that
 * turns JS values into JSON text and back.
 *
 * <pre>{@code
 * FacadeChannel channel = FacadeChannel.connect(platform, args, hooks);   // kuayu.connect({options: o})
 * channel.send(json);                                                     // channel.send(data)
 * }</pre>
 *
 * <p>Misuse throws {@link KuayuException} with {@code INVALID_ARGUMENT}; the binding throws it on as a JS
 * {@code Error} with that {@code code}.
 */
public final class FacadeChannel {
    private CrossDomainChannel channel;
    private DebugLog.Sink debug;

    private FacadeChannel() {
    }

    /**
     * {@code kuayu.connect(options)}: {@code args} is a view of {@code {options: theArgument}}.
     *
     * @throws KuayuException INVALID_ARGUMENT for bad options
     */
    public static FacadeChannel connect(Platform platform, JsObjectView args, FacadeHooks hooks) {
        FacadeChannel c = new FacadeChannel();
        try {
            c.channel = Kuayu.connect(platform, FacadeOptions.connect(platform, args.object("options"), hooks, c));
        } catch (IllegalArgumentException e) {
            throw FacadeOptions.invalid(e.getMessage());
        }
        return c;
    }

    /**
     * {@code kuayu.accept(options)}: {@code args} is a view of {@code {options: theArgument}}.
     *
     * @throws KuayuException INVALID_ARGUMENT for bad options
     */
    public static FacadeChannel accept(Platform platform, JsObjectView args, FacadeHooks hooks) {
        FacadeChannel c = new FacadeChannel();
        try {
            c.channel = Kuayu.accept(platform, FacadeOptions.accept(platform, args.object("options"), hooks, c));
        } catch (IllegalArgumentException e) {
            throw FacadeOptions.invalid(e.getMessage());
        }
        return c;
    }

    void setDebug(DebugLog.Sink sink) {
        debug = sink;
    }

    /** {@code send(data)}: {@code json} is {@code JSON.stringify(data)}, or null when data is not a JSON value. */
    public void send(String json) {
        channel.send(payload("send", json));
    }

    /**
     * {@code request(data)}: {@code json} as for {@link #send}. The callback gets the reply's JSON text; a binding
     * that cannot parse it calls {@link #replyNotJson()}.
     */
    public void request(String json, ReplyCallback callback) {
        channel.request(payload("request", json), callback);
    }

    private static String payload(String method, String json) {
        if (json == null) {
            throw FacadeOptions.invalid(method + "(data): data must be a JSON value"
                    + " (not undefined, a function, a cycle or a bigint)");
        }
        return json;
    }

    /** The error of a reply that is not JSON (a misbehaving peer); it is also reported to the debug log. */
    public KuayuException replyNotJson() {
        malformed("a reply");
        return new KuayuException(ErrorCode.TRANSMISSION_FAILED, "the remote page's reply is not valid JSON");
    }

    /** The error of an API that needs {@code Promise} in a browser without it. */
    public static KuayuException noPromise(String callbackForm) {
        return FacadeOptions.invalid("this browser has no Promise: call " + callbackForm);
    }

    private void malformed(String what) {
        if (debug != null) {
            debug.line("kuayu: dropped " + what + " from " + origin() + ": its body is not JSON");
        }
    }

    public void close() {
        channel.close();
    }

    public boolean isReady() {
        return channel.isReady();
    }

    /** The transport in use once ready, else null. */
    public String transport() {
        return channel.transport();
    }

    /** The remote origin (host: from the start; remote: once a host connected), else null. */
    public String origin() {
        Origin o = channel.remoteOrigin();
        return o == null ? null : o.toString();
    }

    /** {@code "connecting"}, {@code "ready"} or {@code "closed"}. */
    public String state() {
        switch (channel.state()) {
            case READY:
                return "ready";
            case CLOSED:
                return "closed";
            default:
                return "connecting";
        }
    }

    ChannelListener listener(final FacadeHooks hooks) {
        return new ChannelListener() {
            @Override
            public void onReady() {
                hooks.ready();
            }

            @Override
            public void onMessage(String json, Origin origin) {
                if (!hooks.message(json, origin == null ? null : origin.toString())) {
                    malformed("a message");
                }
            }

            @Override
            public void onClose() {
                hooks.closed();
            }

            @Override
            public void onError(KuayuException error) {
                hooks.error(error.code().name(), error.getMessage());
            }
        };
    }
}
