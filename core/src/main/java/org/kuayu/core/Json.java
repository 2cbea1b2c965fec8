package org.kuayu.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final String text;
    private int pos;
    private final boolean build;

    private Json(String text, boolean build) {
        this.text = text;
        this.build = build;
    }

    /** Parses JSON text into Java values (see the class comment for the mapping). */
    public static Object parse(String text) {
        return run(text, true);
    }

    /** True when {@code text} is one well-formed JSON value. */
    public static boolean isValid(String text) {
        try {
            run(text, false);
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
            run(text, false);
        } catch (KuayuException e) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, what + " is not valid JSON: " + e.getMessage());
        }
        return text;
    }

    private static Object run(String text, boolean build) {
        if (text == null) {
            throw invalid("null text", 0);
        }
        Json p = new Json(text, build);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw invalid("unexpected text after the value", p.pos);
        }
        return value;
    }

    private static KuayuException invalid(String why, int at) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, why + " at offset " + at);
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("nesting deeper than " + MAX_DEPTH, pos);
        }
        if (pos >= text.length()) {
            throw invalid("unexpected end", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    private Object object(int depth) {
        Map<String, Object> map = build ? new LinkedHashMap<String, Object>() : null;
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw invalid("expected a string key", pos);
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth + 1);
            if (build) {
                map.put(key, v);
            }
            skipSpace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw invalid("expected ',' or '}'", pos - 1);
            }
        }
    }

    private Object array(int depth) {
        List<Object> list = build ? new ArrayList<Object>() : null;
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            Object v = value(depth + 1);
            if (build) {
                list.add(v);
            }
            skipSpace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw invalid("expected ',' or ']'", pos - 1);
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = build ? new StringBuilder() : null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw invalid("unterminated string", pos);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                if (build) {
                    sb.append(text, runStart, pos);
                }
                pos++;
                return build ? sb.toString() : null;
            }
            if (c < 0x20) {
                throw invalid("control character in string", pos);
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (build) {
                sb.append(text, runStart, pos);
            }
            pos++;
            char e = next();
            char out;
            switch (e) {
                case '"': out = '"'; break;
                case '\\': out = '\\'; break;
                case '/': out = '/'; break;
                case 'b': out = '\b'; break;
                case 'f': out = '\f'; break;
                case 'n': out = '\n'; break;
                case 'r': out = '\r'; break;
                case 't': out = '\t'; break;
                case 'u': out = (char) hex4(); break;
                default: throw invalid("bad escape", pos - 1);
            }
            if (build) {
                sb.append(out);
            }
            runStart = pos;
        }
    }

    private int hex4() {
        if (pos + 4 > text.length()) {
            throw invalid("short \\u escape", pos);
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char h = text.charAt(pos++);
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) {
                throw invalid("bad hex digit", pos - 1);
            }
            v = v * 16 + d;
        }
        return v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw invalid("unexpected character '" + peek() + "'", pos);
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            requireDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits();
        }
        if (!build) {
            return null;
        }
        String n = text.substring(start, pos);
        if (integral && n.length() <= 17) {
            return Long.valueOf(Long.parseLong(n));
        }
        return Double.valueOf(Double.parseDouble(n));
    }

    private void requireDigits() {
        if (!isDigit(peek())) {
            throw invalid("expected a digit", pos);
        }
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw invalid("unexpected character '" + text.charAt(pos) + "'", pos);
        }
        pos += word.length();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw invalid("unexpected end", pos);
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw invalid("expected '" + c + "'", pos - 1);
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
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

    private static void write(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "value nested deeper than " + MAX_DEPTH + " (a cycle?)");
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            appendQuoted(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v).booleanValue() ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "JSON has no NaN or Infinity");
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append((long) d);
            } else {
                sb.append(d);
            }
        } else if (v instanceof Number) {
            sb.append(((Number) v).longValue());
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
        try {
            Object v = parse(body);
            if (v instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) v;
                Object code = m.get("code");
                Object message = m.get("message");
                return new KuayuException(code instanceof String ? ErrorCode.fromName((String) code) : fallback,
                        message instanceof String ? (String) message : "no message");
            }
        } catch (KuayuException e) {
            // fall through: a malformed error body still reports an error
        }
        return new KuayuException(fallback, "malformed error from the remote page");
    }

    /** Reads one string field of a JSON object body; null when absent or not a string or not an object. */
    public static String field(String body, String name) {
        try {
            Object v = parse(body);
            if (v instanceof Map) {
                Object f = ((Map<?, ?>) v).get(name);
                return f instanceof String ? (String) f : null;
            }
        } catch (KuayuException e) {
            return null;
        }
        return null;
    }
}
