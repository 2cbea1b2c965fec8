package org.kuayu.core;

import java.util.Map;

/**
 * JSON helpers for the Java API, where payloads are JSON text. Portable: no reflection, no regex.
 *
 * <p>Values map to Java as: object → {@code Map<String,Object>} (insertion order kept), array →
 * {@code List<Object>}, string → {@code String}, number → {@code Long} when it is an integer that fits, else
 * {@code Double}, {@code true}/{@code false} → {@code Boolean}, {@code null} → {@code null}.
 *
 * <pre>{@code
 * String text = Json.stringify(Map.of("user", "admin", "n", 3));  // {"user":"admin","n":3}
 * Map<?, ?> value = (Map<?, ?>) Json.parse(text);
 * String quoted = Json.quote("he said \"hi\"");                      // "he said \"hi\""
 * }</pre>
 *
 * <p>{@link #parse} and {@link #isValid} accept exactly RFC 8259 JSON (any value at the top, nesting up to
 * {@value #MAX_DEPTH} levels) and throw {@link KuayuException} with {@link ErrorCode#INVALID_ARGUMENT} otherwise.
 */
public final class Json {
    /** Deepest nesting accepted, so hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    /** Parses JSON text into Java values (see the class comment for the mapping). */
    public static Object parse(String text) {
        JsonTreeBuilder builder = new JsonTreeBuilder();
        JsonParser.parse(text, builder);
        return builder.result();
    }

    /** True when {@code text} is one well-formed JSON value. */
    public static boolean isValid(String text) {
        try {
            JsonParser.parse(text, null);
            return true;
        } catch (KuayuException e) {
            return false;
        }
    }

    /** Throws INVALID_ARGUMENT with a clear message unless {@code text} is one well-formed JSON value. */
    public static String requireValid(String text, String what) {
        if (text == null) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, what + " must be JSON text, not null (use \"null\")");
        }
        try {
            JsonParser.parse(text, null);
        } catch (KuayuException e) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, what + " is not valid JSON: " + e.getMessage());
        }
        return text;
    }

    /**
     * Reads a JSON object whose members are all strings, numbers, booleans or null, as text: a string's value, a
     * number as written, {@code "true"}/{@code "false"}, and null for null (the caller decides what null means).
     * In member order; a repeated name keeps its first place and its last value, as {@code JSON.parse} does. For
     * transports that send a request as query parameters (JSONP).
     *
     * <pre>{@code
     * Json.readFlatObject("{\"user\":\"admin\",\"n\":1.50,\"ok\":true}")   // {user=admin, n=1.50, ok=true}
     * }</pre>
     *
     * @throws KuayuException INVALID_ARGUMENT when the text is not JSON, is not an object, or has a member that is
     *                        an object or an array (the message names it)
     */
    public static Map<String, String> readFlatObject(String text) {
        JsonFlatObjectReader reader = new JsonFlatObjectReader();
        JsonParser.parse(text, reader);
        return reader.members();
    }

    /** Quotes a string as a JSON string literal (escaping quotes, backslashes, controls, U+2028 and U+2029). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendQuoted(sb, s);
        return sb.toString();
    }

    /**
     * Serialises Java values (the types of the class comment, any {@code Number}, any {@code Map} with string
     * keys, any {@code Iterable}) as JSON text.
     *
     * @throws KuayuException INVALID_ARGUMENT for other types and for NaN or infinite numbers
     */
    public static String stringify(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    /**
     * The integer {@code d} (below 10^15) without a fraction, as {@code int}s: a {@code long} would bring BigInt into
     * a TeaVM bundle. Above 2^31 it is written as its billions, then the last 9 digits.
     */
    private static void appendInteger(StringBuilder sb, double d) {
        if (Math.abs(d) <= Integer.MAX_VALUE) {
            sb.append((int) d);
            return;
        }
        int billions = (int) (d / 1e9);
        String rest = String.valueOf((int) Math.abs(d - billions * 1e9));
        sb.append(billions).append("000000000", rest.length(), 9).append(rest);
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            appendQuoted(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v).booleanValue() ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            sb.append(v.toString());
        } else if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "JSON has no NaN or Infinity");
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                appendInteger(sb, d);
            } else {
                sb.append(d);
            }
        } else if ((v instanceof Map || v instanceof Iterable) && depth >= MAX_DEPTH) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "value nested deeper than " + MAX_DEPTH + " (a cycle?)");
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "JSON object keys must be strings");
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendQuoted(sb, (String) e.getKey());
                sb.append(':');
                write(sb, e.getValue(), depth + 1);
            }
            sb.append('}');
        } else if (v instanceof Iterable) {
            sb.append('[');
            boolean first = true;
            for (Object item : (Iterable<?>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, item, depth + 1);
            }
            sb.append(']');
        } else {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "cannot write a " + v.getClass().getName() + " as JSON");
        }
    }

    private static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        String hex = Integer.toHexString(c);
                        sb.append("\\u");
                        for (int k = hex.length(); k < 4; k++) {
                            sb.append('0');
                        }
                        sb.append(hex);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** The body of an error frame or event: {@code {"code":"TIMEOUT","message":"..."}}. */
    public static String error(ErrorCode code, String message) {
        return "{\"code\":" + quote(code.name()) + ",\"message\":" + quote(message == null ? "" : message) + "}";
    }

    /** Reads an error body written by {@link #error}; tolerant of anything a hostile peer may send. */
    public static KuayuException readError(String body, ErrorCode fallback) {
        String code = field(body, "code");
        String message = field(body, "message");
        if (code == null && message == null) {
            return new KuayuException(fallback, "malformed error from the remote page");
        }
        return new KuayuException(code != null ? ErrorCode.fromName(code) : fallback,
                message != null ? message : "no message");
    }

    /** Reads one string member of a JSON object; null when absent, not a string, or the text is not an object. */
    public static String field(String body, String name) {
        JsonFieldReader reader = new JsonFieldReader(name);
        try {
            JsonParser.parse(body, reader);
        } catch (KuayuException e) {
            return null;
        }
        return reader.value();
    }
}
