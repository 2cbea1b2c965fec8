package org.kuayu.facade;

import org.kuayu.core.ReplyCallback;
import org.kuayu.core.platform.Platform;
import org.kuayu.jsonp.JsonpClient;
import org.kuayu.jsonp.JsonpOptions;

/**
 * {@code kuayu.jsonp(url, options)} and {@code kuayu.jsonp(url, options, onSuccess, onError)}: checks the arguments
 * and starts one {@link JsonpClient} call. Options: {@code params} (an object of strings, numbers and booleans, each
 * percent-encoded as UTF-8), {@code callbackParam} (default {@code "callback"}), {@code timeout} (ms, default
 * 10000), {@code nonce} (the page's CSP script nonce).
 *
 * <pre>{@code
 * // binding: args is a view of {url: url, options: options, onSuccess: onSuccess, onError: onError}
 * boolean callbacks = FacadeJsonp.callbackForm(args);
 * FacadeJsonp.request(platform, args, replyCallback);
 * }</pre>
 */
public final class FacadeJsonp {
    static final String[] OPTIONS = {"params", "callbackParam", "timeout", "nonce"};
    private static final String[] NONE = {};
    /** The callback form, for the message of a browser without Promise. */
    public static final String CALLBACK_FORM = "kuayu.jsonp(url, options, onSuccess, onError)";

    private FacadeJsonp() {
    }

    /**
     * True for the callback form (either callback given), false for the promise form.
     *
     * @throws org.kuayu.core.KuayuException INVALID_ARGUMENT when a callback is given but is not a function
     */
    public static boolean callbackForm(JsObjectView args) {
        boolean callbacks = false;
        for (String key : new String[] {"onSuccess", "onError"}) {
            String type = args.typeOf(key);
            if (!JsObjectView.UNDEFINED.equals(type)) {
                if (!"function".equals(type)) {
                    throw FacadeOptions.invalid("kuayu.jsonp: " + key + " must be a function");
                }
                callbacks = true;
            }
        }
        return callbacks;
    }

    /**
     * Starts the call; its outcome reaches {@code callback} in a later task: the reply's JSON text, or
     * {@code TRANSMISSION_FAILED} (the script failed to load) or {@code TIMEOUT}.
     *
     * @throws org.kuayu.core.KuayuException INVALID_ARGUMENT for a bad URL or bad options, at once
     */
    public static void request(Platform platform, JsObjectView args, ReplyCallback callback) {
        if (!"string".equals(args.typeOf("url")) || args.string("url").trim().isEmpty()) {
            throw FacadeOptions.invalid("kuayu.jsonp(url, options): url must be the JSONP endpoint's URL as a"
                    + " string, e.g. \"https://api.example/login\"");
        }
        JsonpOptions options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            throw FacadeOptions.invalid("kuayu.jsonp: " + e.getMessage());
        }
        JsonpClient.request(platform, args.string("url"), options, callback);
    }

    private static JsonpOptions options(JsObjectView args) {
        JsonpOptions.Builder b = JsonpOptions.builder();
        String type = args.typeOf("options");
        if (JsObjectView.UNDEFINED.equals(type)) {
            return b.build();
        }
        JsObjectView o = args.object("options");
        FacadeOptions.check(o, "kuayu.jsonp", OPTIONS, NONE);
        String paramsType = o.typeOf("params");
        if (!JsObjectView.UNDEFINED.equals(paramsType)) {
            JsObjectView params = o.object("params");
            if (params == null) {
                throw FacadeOptions.invalid("kuayu.jsonp: params must be an object such as {user: \"admin\"}");
            }
            for (String name : params.keys()) {
                String valueType = params.typeOf(name);
                if (!"string".equals(valueType) && !"number".equals(valueType) && !"boolean".equals(valueType)) {
                    throw FacadeOptions.invalid("kuayu.jsonp: params." + name + " is " + article(valueType)
                            + ": a query parameter must be a string, a number or a boolean (leave it out for none,"
                            + " or pass JSON.stringify(value) for structured data)");
                }
                b.param(name, params.string(name));
            }
        }
        String callbackParamType = o.typeOf("callbackParam");
        if (!JsObjectView.UNDEFINED.equals(callbackParamType)) {
            if (!"string".equals(callbackParamType)) {
                throw FacadeOptions.invalid("kuayu.jsonp: callbackParam must be a string such as \"callback\"");
            }
            b.callbackParam(o.string("callbackParam"));
        }
        if (!JsObjectView.UNDEFINED.equals(o.typeOf("timeout"))) {
            b.timeoutMillis(FacadeOptions.timeout(o, "timeout"));
        }
        String nonceType = o.typeOf("nonce");
        if (!JsObjectView.UNDEFINED.equals(nonceType)) {
            if (!"string".equals(nonceType)) {
                throw FacadeOptions.invalid("kuayu.jsonp: nonce must be the page's CSP nonce as a string");
            }
            b.nonce(o.string("nonce"));
        }
        return b.build();
    }

    private static String article(String type) {
        if ("null".equals(type) || "undefined".equals(type)) {
            return type;
        }
        return "object".equals(type) || "array".equals(type) ? "an " + type : "a " + type;
    }
}
