package org.kuayu.jsonp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of one {@link JsonpClient#request JSONP call}: immutable, built with {@link #builder()}.
 *
 * <pre>{@code
 * JsonpOptions options = JsonpOptions.builder()
 *         .param("user", "admin")          // query parameters, in this order, percent-encoded as UTF-8
 *         .callbackParam("cb")             // the name the server reads the callback from
 *         .timeoutMillis(5000)
 *         .nonce(pageNonce)                // the page's CSP script nonce, if it has one
 *         .build();
 * }</pre>
 *
 * <p>Defaults: no parameters, callback parameter {@code "callback"}, timeout 10000 ms, no nonce. Misuse fails in
 * the builder with an {@link IllegalArgumentException} that says the fix.
 */
public final class JsonpOptions {
    /** The default name of the query parameter that carries the callback name. */
    public static final String DEFAULT_CALLBACK_PARAM = "callback";
    /** The default timeout in milliseconds. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 10000;

    private static final JsonpOptions DEFAULTS = builder().build();

    private final Map<String, String> params;
    private final String callbackParam;
    private final int timeoutMillis;
    private final String nonce;

    private JsonpOptions(Builder b) {
        if (b.params.containsKey(b.callbackParam)) {
            throw new IllegalArgumentException("param '" + b.callbackParam + "' is also the callbackParam: the client"
                    + " sets it to the generated callback name; remove the param or choose another callbackParam");
        }
        this.params = Collections.unmodifiableMap(new LinkedHashMap<String, String>(b.params));
        this.callbackParam = b.callbackParam;
        this.timeoutMillis = b.timeoutMillis;
        this.nonce = b.nonce;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options with every default. */
    public static JsonpOptions defaults() {
        return DEFAULTS;
    }

    /** The query parameters, in the order they are sent (unmodifiable). */
    public Map<String, String> params() {
        return params;
    }

    /** The query parameter that carries the callback name. */
    public String callbackParam() {
        return callbackParam;
    }

    /** How long to wait for the callback before failing with {@code TIMEOUT}. */
    public int timeoutMillis() {
        return timeoutMillis;
    }

    /** The CSP nonce given to the script element, or null. */
    public String nonce() {
        return nonce;
    }

    /** Builds {@link JsonpOptions}. */
    public static final class Builder {
        private final Map<String, String> params = new LinkedHashMap<String, String>();
        private String callbackParam = DEFAULT_CALLBACK_PARAM;
        private int timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        private String nonce;

        private Builder() {
        }

        /** Adds a query parameter; each name once. Name and value are percent-encoded for you: pass them raw. */
        public Builder param(String name, String value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a param name must not be null or empty: give the name the server"
                        + " reads, e.g. param(\"user\", \"admin\")");
            }
            if (value == null) {
                throw new IllegalArgumentException("param '" + name + "' has a null value: pass \"\" for an empty"
                        + " value, or leave the param out");
            }
            if (params.containsKey(name)) {
                throw new IllegalArgumentException("param '" + name + "' is given twice: give each name once");
            }
            params.put(name, value);
            return this;
        }

        /** Adds every entry of {@code map}, in its iteration order, as {@link #param} does. */
        public Builder params(Map<String, String> map) {
            if (map == null) {
                throw new IllegalArgumentException("params must not be null: pass an empty map, or no params");
            }
            for (Map.Entry<String, String> e : map.entrySet()) {
                param(e.getKey(), e.getValue());
            }
            return this;
        }

        /** The query parameter that carries the callback name (default {@code "callback"}). */
        public Builder callbackParam(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("callbackParam must not be null or empty: give the name the server"
                        + " reads the callback from (default \"callback\")");
            }
            this.callbackParam = name;
            return this;
        }

        /** How long to wait for the reply, in ms (default 10000); must be positive. */
        public Builder timeoutMillis(int millis) {
            if (millis <= 0) {
                throw new IllegalArgumentException("timeoutMillis must be positive, got " + millis
                        + ": give the longest wait in ms, e.g. 10000");
            }
            this.timeoutMillis = millis;
            return this;
        }

        /** The page's CSP script nonce for the script element; null (the default) for none. */
        public Builder nonce(String value) {
            if (value != null && value.isEmpty()) {
                throw new IllegalArgumentException("nonce must not be empty: pass the page's CSP nonce, or null for"
                        + " none");
            }
            this.nonce = value;
            return this;
        }

        public JsonpOptions build() {
            return new JsonpOptions(this);
        }
    }
}
