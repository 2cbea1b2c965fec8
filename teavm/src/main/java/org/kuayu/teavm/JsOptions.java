package org.kuayu.teavm;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.postmessage.PostMessageTransport;
import org.teavm.jso.JSObject;

/**
 * Reads and checks the options object of {@code kuayu.connect} / {@code kuayu.accept}. Every mistake throws
 * INVALID_ARGUMENT at once with a message that names the option and the fix; unknown keys too, so a typo such as
 * {@code onmessage} does not fail silently.
 */
final class JsOptions {
    private static final String[] COMMON = {"transport", "timeout", "onReady", "onMessage", "onRequest", "onClose",
        "onError", "debug"};
    private static final String[] CONNECT = {"remote", "frame"};
    private static final String[] ACCEPT = {"allowedOrigins", "allowAnyOrigin"};
    private static final String[] CALLBACKS = {"onReady", "onMessage", "onRequest", "onClose", "onError"};

    private JsOptions() {
    }

    static ConnectOptions connect(JSObject o, JsChannel channel) {
        check(o, "kuayu.connect", CONNECT);
        ConnectOptions.Builder b = ConnectOptions.builder();
        String remoteType = Js.typeOf(o, "remote");
        String frameType = Js.typeOf(o, "frame");
        boolean hasRemote = !"undefined".equals(remoteType);
        boolean hasFrame = !"undefined".equals(frameType);
        if (hasRemote == hasFrame) {
            throw invalid("kuayu.connect needs exactly one of remote (the remote page's URL) and frame (an <iframe>)");
        }
        if (hasRemote) {
            if (!"string".equals(remoteType) || Js.getString(o, "remote").isEmpty()) {
                throw invalid("remote must be the remote page's URL as a string");
            }
            b.remote(Js.getString(o, "remote"));
        } else {
            JSObject frame = Js.get(o, "frame");
            if (!JsFrame.isFrame(frame)) {
                throw invalid("frame must be an <iframe> element");
            }
            b.frame(new JsFrame(frame));
        }
        common(o, b, channel);
        return b.build();
    }

    static AcceptOptions accept(JSObject o, JsChannel channel) {
        check(o, "kuayu.accept", ACCEPT);
        AcceptOptions.Builder b = AcceptOptions.builder();
        boolean any = Js.isTrue(o, "allowAnyOrigin");
        String anyType = Js.typeOf(o, "allowAnyOrigin");
        if (!"undefined".equals(anyType) && !"boolean".equals(anyType)) {
            throw invalid("allowAnyOrigin must be true or false");
        }
        String[] origins = Js.getStringArray(o, "allowedOrigins");
        if (origins == null && !("undefined".equals(Js.typeOf(o, "allowedOrigins")) && any)) {
            throw invalid("allowedOrigins must be an array of origins such as [\"https://www.example.com\"]");
        }
        if (any) {
            b.allowAnyOrigin();
        }
        if (origins != null) {
            for (String origin : origins) {
                if ("*".equals(origin) && any) {
                    continue;
                }
                try {
                    b.allowOrigin(origin);
                } catch (IllegalArgumentException e) {
                    throw invalid("allowedOrigins: " + e.getMessage()
                            + ("*".equals(origin) ? " (in JS: allowAnyOrigin: true)" : ""));
                }
            }
        }
        common(o, b, channel);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage().replace("allowAnyOrigin()", "allowAnyOrigin: true"));
        }
    }

    private static void check(JSObject o, String what, String[] specific) {
        if (Js.isUndefined(o) || !Js.isPlainObject(o)) {
            throw invalid(what + " needs an options object");
        }
        for (String key : Js.keys(o)) {
            if (!contains(COMMON, key) && !contains(specific, key)) {
                throw invalid(what + ": unknown option '" + key + "'" + suggestion(key));
            }
        }
        for (String key : CALLBACKS) {
            String type = Js.typeOf(o, key);
            if (!"undefined".equals(type) && !"function".equals(type)) {
                throw invalid(key + " must be a function");
            }
        }
    }

    private static <B extends ChannelOptions.Builder<B>> void common(JSObject o, B b, JsChannel channel) {
        String transport = Js.typeOf(o, "transport");
        if (!"undefined".equals(transport)) {
            String name = "string".equals(transport) ? Js.getString(o, "transport") : "";
            if (!"auto".equals(name) && !PostMessageTransport.NAME.equals(name)) {
                throw invalid("transport must be \"auto\" or \"postMessage\"");
            }
        }
        b.transport(PostMessageTransport.FACTORY);
        b.trustPayloadJson();
        String timeoutType = Js.typeOf(o, "timeout");
        if (!"undefined".equals(timeoutType)) {
            double t = Js.getNumber(o, "timeout");
            if (!"number".equals(timeoutType) || !(t >= 1) || t > Integer.MAX_VALUE || t != Math.floor(t)) {
                throw invalid("timeout must be a whole number of milliseconds from 1 to 2147483647");
            }
            b.timeoutMillis((int) t);
        }
        DebugLog.Sink debug = debugSink(o);
        if (debug != null) {
            b.debug(debug);
        }
        channel.setDebug(debug);
        b.listener(channel.listener(o));
        b.requestHandler(channel.requestHandler(Js.get(o, "onRequest")));
    }

    /** The sink of the {@code debug} option: a user's function, the console for {@code true}, or null. */
    private static DebugLog.Sink debugSink(JSObject o) {
        String type = Js.typeOf(o, "debug");
        if ("function".equals(type)) {
            final JSObject sink = Js.get(o, "debug");
            return new DebugLog.Sink() {
                @Override
                public void line(String text) {
                    Js.callText(sink, text);
                }
            };
        }
        if ("boolean".equals(type) || "undefined".equals(type)) {
            return Js.isTrue(o, "debug") ? new DebugLog.Sink() {
                @Override
                public void line(String text) {
                    TeaVmPlatform.get().debug(text);
                }
            } : null;
        }
        throw invalid("debug must be true, false or a function(line)");
    }

    private static String suggestion(String key) {
        for (String known : COMMON) {
            if (sameIgnoringAsciiCase(known, key)) {
                return " (did you mean " + known + "?)";
            }
        }
        for (String known : CONNECT) {
            if (sameIgnoringAsciiCase(known, key)) {
                return " (did you mean " + known + "?)";
            }
        }
        for (String known : ACCEPT) {
            if (sameIgnoringAsciiCase(known, key)) {
                return " (did you mean " + known + "?)";
            }
        }
        return "";
    }

    /** Option names are ASCII; String.equalsIgnoreCase would pull Unicode case tables into the bundle. */
    private static boolean sameIgnoringAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && (x | 0x20) != (y | 0x20)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String[] names, String key) {
        for (String n : names) {
            if (n.equals(key)) {
                return true;
            }
        }
        return false;
    }

    static KuayuException invalid(String message) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
