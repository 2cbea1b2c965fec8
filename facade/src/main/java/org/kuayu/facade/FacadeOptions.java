package org.kuayu.facade;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;

/**
 * Reads and checks the options object of {@code kuayu.connect} / {@code kuayu.accept} (see {@code docs/js-api.md}).
 * Every mistake throws {@code INVALID_ARGUMENT} at once with a message that names the option and the fix; unknown
 * keys too, so that a typo such as {@code onmessage} does not fail silently.
 *
 * <pre>{@code
 * ConnectOptions options = FacadeOptions.connect(platform, args.object("options"), hooks, channel);
 * }</pre>
 */
public final class FacadeOptions {
    static final String[] COMMON = {"transport", "timeout", "proxy", "onReady", "onMessage", "onRequest", "onClose",
        "onError", "debug", "trustAncestors"};
    static final String[] CONNECT = {"remote", "frame"};
    static final String[] ACCEPT = {"allowedOrigins", "allowAnyOrigin", "hostProxies"};
    static final String AUTO = "auto";
    private static final String[] CALLBACKS = {"onReady", "onMessage", "onRequest", "onClose", "onError"};

    private FacadeOptions() {
    }

    /** The options of {@code kuayu.connect(o)}; {@code o} is null when the argument is not an object. */
    static ConnectOptions connect(Platform platform, JsObjectView o, FacadeHooks hooks, FacadeChannel channel) {
        check(o, "kuayu.connect", CONNECT, COMMON);
        ConnectOptions.Builder b = ConnectOptions.builder();
        boolean hasRemote = !JsObjectView.UNDEFINED.equals(o.typeOf("remote"));
        boolean hasFrame = !JsObjectView.UNDEFINED.equals(o.typeOf("frame"));
        if (hasRemote == hasFrame) {
            throw invalid("kuayu.connect needs exactly one of remote (the remote page's URL) and frame (an <iframe>)");
        }
        String remote;
        if (hasRemote) {
            if (!"string".equals(o.typeOf("remote")) || o.string("remote").isEmpty()) {
                throw invalid("remote must be the remote page's URL as a string");
            }
            b.remote(o.string("remote"));
            remote = o.string("remote");
        } else {
            FrameHandle frame = o.frame("frame");
            if (frame == null) {
                throw invalid("frame must be an <iframe> element");
            }
            b.frame(frame);
            remote = frame.src();
        }
        FacadeTransports transports = hooks.transports();
        String[] names = common(platform, o, b, hooks, channel);
        String name = names.length == 1 ? names[0] : proxyUser(transports, names, true);
        boolean hasProxy = proxy(platform, o, b, hooks, name, needsProxy(transports, names, true));
        if (names.length == 1 && AUTO.equals(name)) {
            // The order of preference; a transport that cannot serve these options is left out when tried.
            transports.autoHost(b, platform, remote == null ? null : Origin.tryParse(platform.resolveUrl(remote)),
                    hasProxy);
        } else {
            for (String each : names) {
                transports.forced(b, each);
            }
        }
        return b.build();
    }

    /**
     * Sets the {@code proxy} option, or its default next to the bundle when {@code needed} (INVALID_ARGUMENT when
     * there is none) or for {@code "auto"} (left out when there is none: auto then skips the transports that need
     * it). Returns whether a proxy page is set.
     */
    private static <B extends ChannelOptions.Builder<B>> boolean proxy(Platform platform, JsObjectView o, B b,
            FacadeHooks hooks, String transport, boolean needed) {
        String type = o.typeOf("proxy");
        if (!JsObjectView.UNDEFINED.equals(type)) {
            if (!"string".equals(type) || o.string("proxy").isEmpty()) {
                throw invalid("proxy must be the URL of proxy.html (of the kuayu folder) on this page's own origin");
            }
            b.proxy(o.string("proxy"));
            return true;
        }
        if (needed) {
            b.proxy(defaultProxy(platform, hooks.scriptUrl(), transport));
            return true;
        }
        if (AUTO.equals(transport) && hooks.transports().autoUsesProxy()) {
            try {
                b.proxy(defaultProxy(platform, hooks.scriptUrl(), transport));
                return true;
            } catch (KuayuException unknown) {
                return false;
            }
        }
        return false;
    }

    /**
     * {@code proxy.html} next to the bundle's script, for transports that need the helper page: INVALID_ARGUMENT
     * saying to give {@code proxy} when the script's URL is unknown or of another origin (a CDN).
     */
    static String defaultProxy(Platform platform, String scriptUrl, String transport) {
        String fix = ": copy the kuayu folder (proxy.html, proxy.js) to this site and give its URL as proxy";
        if (scriptUrl == null) {
            throw invalid("transport \"" + transport + "\" needs proxy, the URL of proxy.html on this page's own"
                    + " origin (this bundle cannot tell where it was loaded from, as kuayu-gwt.js renamed or bundled)"
                    + fix);
        }
        Origin script = Origin.tryParse(scriptUrl);
        if (script == null || !script.equals(Origin.tryParse(platform.selfOrigin()))) {
            throw invalid("transport \"" + transport + "\" needs proxy.html on this page's own origin "
                    + platform.selfOrigin() + ", but the bundle came from " + scriptUrl + fix);
        }
        int end = scriptUrl.length();
        for (int i = 0; i < scriptUrl.length(); i++) {
            char c = scriptUrl.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return scriptUrl.substring(0, scriptUrl.lastIndexOf('/', end - 1) + 1) + "proxy.html";
    }

    /** The options of {@code kuayu.accept(o)}; {@code o} is null when the argument is not an object. */
    static AcceptOptions accept(Platform platform, JsObjectView o, FacadeHooks hooks, FacadeChannel channel) {
        check(o, "kuayu.accept", ACCEPT, COMMON);
        AcceptOptions.Builder b = AcceptOptions.builder();
        String anyType = o.typeOf("allowAnyOrigin");
        if (!JsObjectView.UNDEFINED.equals(anyType) && !"boolean".equals(anyType)) {
            throw invalid("allowAnyOrigin must be true or false");
        }
        boolean any = o.isTrue("allowAnyOrigin");
        String[] origins = o.stringArray("allowedOrigins");
        if (origins == null && !(JsObjectView.UNDEFINED.equals(o.typeOf("allowedOrigins")) && any)) {
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
        String[] proxies = o.stringArray("hostProxies");
        if (proxies == null && !JsObjectView.UNDEFINED.equals(o.typeOf("hostProxies"))) {
            throw invalid("hostProxies must be an array of the host pages' proxy.html URLs, such as"
                    + " [\"https://www.example.com/kuayu/proxy.html\"]");
        }
        for (int i = 0; proxies != null && i < proxies.length; i++) {
            try {
                b.hostProxy(proxies[i]);
            } catch (IllegalArgumentException e) {
                throw invalid("hostProxies: " + e.getMessage());
            }
        }
        FacadeTransports transports = hooks.transports();
        String[] names = common(platform, o, b, hooks, channel);
        String name = names.length == 1 ? names[0] : proxyUser(transports, names, false);
        boolean hasProxy = proxy(platform, o, b, hooks, name, needsProxy(transports, names, false));
        if (names.length == 1 && AUTO.equals(name)) {
            // postMessage alone: a remote listens on the legacy transports only when it names them.
            transports.autoRemote(b, hasProxy);
        } else {
            for (String each : names) {
                transports.forced(b, each);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage().replace("allowAnyOrigin()", "allowAnyOrigin: true"));
        }
    }

    /** Refuses a missing options object, unknown keys (suggesting the right spelling) and non-function callbacks. */
    static void check(JsObjectView o, String what, String[] specific, String[] common) {
        if (o == null) {
            throw invalid(what + " needs an options object");
        }
        for (String key : o.keys()) {
            if (!contains(common, key) && !contains(specific, key)) {
                throw invalid(what + ": unknown option '" + key + "'" + suggestion(key, common, specific));
            }
        }
        for (String key : CALLBACKS) {
            if (contains(common, key) || contains(specific, key)) {
                String type = o.typeOf(key);
                if (!JsObjectView.UNDEFINED.equals(type) && !"function".equals(type)) {
                    throw invalid(key + " must be a function");
                }
            }
        }
    }

    private static boolean needsProxy(FacadeTransports transports, String[] names, boolean host) {
        return !AUTO.equals(proxyUser(transports, names, host));
    }

    /** The first listed transport that needs a proxy page on this side (for messages), else {@code "auto"}. */
    private static String proxyUser(FacadeTransports transports, String[] names, boolean host) {
        for (String name : names) {
            if (!AUTO.equals(name) && transports.needsProxy(name, host)) {
                return name;
            }
        }
        return AUTO;
    }

    /**
     * The options both share; returns the transports' names: {@code {"auto"}} when not given, one forced name, or
     * the names of a list ({@code ["postMessage", "hash"]}: tried in that order by a host, all listened on by a
     * remote).
     */
    private static <B extends ChannelOptions.Builder<B>> String[] common(Platform platform, JsObjectView o, B b,
            FacadeHooks hooks, FacadeChannel channel) {
        String[] names = transportNames(o, hooks.transports());
        String trust = o.typeOf("trustAncestors");
        if (!JsObjectView.UNDEFINED.equals(trust) && !"boolean".equals(trust)) {
            throw invalid("trustAncestors must be true or false");
        }
        if (o.isTrue("trustAncestors")) {
            b.trustAncestors();
        }
        // The binding made every payload with JSON.stringify: checking it again would only cost time.
        b.trustPayloadJson();
        if (!JsObjectView.UNDEFINED.equals(o.typeOf("timeout"))) {
            b.timeoutMillis(timeout(o, "timeout"));
        }
        DebugLog.Sink debug = debugSink(platform, o, hooks);
        if (debug != null) {
            b.debug(debug);
        }
        channel.setDebug(debug);
        b.listener(channel.listener(hooks));
        b.requestHandler(hooks.requestHandler());
        return names;
    }

    /** The {@code transport} option: {@code "auto"}, a name, or a list of distinct names (websocket alone). */
    private static String[] transportNames(JsObjectView o, FacadeTransports transports) {
        String type = o.typeOf("transport");
        if (JsObjectView.UNDEFINED.equals(type)) {
            return new String[] {AUTO};
        }
        String[] names = JsObjectView.ARRAY.equals(type) ? o.stringArray("transport")
                : "string".equals(type) ? new String[] {o.string("transport")} : null;
        if (names == null || names.length == 0) {
            throw invalid("transport must be \"auto\", a transport's name, or a list of names such as"
                    + " [\"postMessage\", \"hash\"]");
        }
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (names.length == 1 && AUTO.equals(name)) {
                return names;
            }
            if (!transports.has(name)) {
                throw invalid(names.length == 1 ? transports.unknown(name) : "transport: unknown name \"" + name
                        + "\" in the list (" + transports.unknown(name) + ")");
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(name)) {
                    throw invalid("transport: \"" + name + "\" is listed twice");
                }
            }
            if (names.length > 1 && "websocket".equals(name)) {
                throw invalid("transport: \"websocket\" connects to a server, not a page: give it alone");
            }
        }
        return names;
    }

    /** A whole number of milliseconds from 1 to 2^31-1, or INVALID_ARGUMENT naming {@code key}. */
    static int timeout(JsObjectView o, String key) {
        double t = o.number(key);
        if (!"number".equals(o.typeOf(key)) || !(t >= 1) || t > Integer.MAX_VALUE || t != Math.floor(t)) {
            throw invalid(key + " must be a whole number of milliseconds from 1 to 2147483647");
        }
        return (int) t;
    }

    /** The sink of the {@code debug} option: the user's function, the console for {@code true}, or null. */
    private static DebugLog.Sink debugSink(final Platform platform, JsObjectView o, FacadeHooks hooks) {
        String type = o.typeOf("debug");
        if ("function".equals(type)) {
            return hooks.debugFunction();
        }
        if ("boolean".equals(type) || JsObjectView.UNDEFINED.equals(type)) {
            return o.isTrue("debug") ? new DebugLog.Sink() {
                @Override
                public void line(String text) {
                    platform.debug(text);
                }
            } : null;
        }
        throw invalid("debug must be true, false or a function(line)");
    }

    private static String suggestion(String key, String[] common, String[] specific) {
        for (String known : common) {
            if (sameIgnoringAsciiCase(known, key)) {
                return " (did you mean " + known + "?)";
            }
        }
        for (String known : specific) {
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

    /** The error every misuse of the JS API throws. */
    public static KuayuException invalid(String message) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
