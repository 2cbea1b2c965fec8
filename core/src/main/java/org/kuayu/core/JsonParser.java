package org.kuayu.core;

/**
 * A strict RFC 8259 JSON scanner that reports what it reads to a {@link Handler}. Validation uses no handler at all,
 * so code that only checks or peeks at JSON never pulls number conversion into a compiled bundle (TeaVM and GWT
 * keep only what is reachable).
 *
 * <p>Errors are {@link KuayuException} with {@link ErrorCode#INVALID_ARGUMENT} and the offset; nesting deeper than
 * {@link Json#MAX_DEPTH} is refused so hostile input cannot exhaust the stack.
 */
final class JsonParser {
    /** Receives the values read, in document order. Keys arrive through {@link #key} before their value. */
    interface Handler {
        void beginObject();

        void key(String key);

        void endObject();

        void beginArray();

        void endArray();

        void string(String value);

        /** A number, as written (already checked against the grammar). */
        void number(String text);

        /** {@code true}, {@code false} ({@link Boolean}) or {@code null} (null). */
        void literal(Boolean value);
    }

    private final String text;
    private final Handler handler;
    private int pos;

    private JsonParser(String text, Handler handler) {
        this.text = text;
        this.handler = handler;
    }

    /** Reads one JSON value filling the whole text; {@code handler} may be null to only validate. */
    static void parse(String text, Handler handler) {
        if (text == null) {
            throw invalid("null text", 0);
        }
        JsonParser p = new JsonParser(text, handler);
        p.skipSpace();
        p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw invalid("unexpected text after the value", p.pos);
        }
    }

    private static KuayuException invalid(String why, int at) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, why + " at offset " + at);
    }

    private void value(int depth) {
        char c = peek();
        if ((c == '{' || c == '[') && depth >= Json.MAX_DEPTH) {
            throw invalid("nesting deeper than " + Json.MAX_DEPTH, pos);
        }
        if (c == '{') {
            object(depth);
        } else if (c == '[') {
            array(depth);
        } else if (c == '"') {
            String s = string();
            if (handler != null) {
                handler.string(s);
            }
        } else if (c == 't') {
            literal("true", Boolean.TRUE);
        } else if (c == 'f') {
            literal("false", Boolean.FALSE);
        } else if (c == 'n') {
            literal("null", null);
        } else {
            number();
        }
    }

    private void object(int depth) {
        pos++;
        if (handler != null) {
            handler.beginObject();
        }
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            do {
                skipSpace();
                if (peek() != '"') {
                    throw invalid("expected a string key", pos);
                }
                String key = string();
                if (handler != null) {
                    handler.key(key);
                }
                skipSpace();
                expect(':');
                skipSpace();
                value(depth + 1);
                skipSpace();
            } while (separator('}'));
        }
        if (handler != null) {
            handler.endObject();
        }
    }

    private void array(int depth) {
        pos++;
        if (handler != null) {
            handler.beginArray();
        }
        skipSpace();
        if (peek() == ']') {
            pos++;
        } else {
            do {
                skipSpace();
                value(depth + 1);
                skipSpace();
            } while (separator(']'));
        }
        if (handler != null) {
            handler.endArray();
        }
    }

    /** Consumes ',' (returns true: another member follows) or {@code close} (returns false). */
    private boolean separator(char close) {
        char c = next();
        if (c == close) {
            return false;
        }
        if (c != ',') {
            throw invalid("expected ',' or '" + close + "'", pos - 1);
        }
        return true;
    }

    /** Reads a string literal; returns its value when a handler wants it, else null (nothing is built). */
    private String string() {
        pos++;
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw invalid("unterminated string", pos);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String value = null;
                if (handler != null) {
                    value = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                }
                pos++;
                return value;
            }
            if (c < 0x20) {
                throw invalid("control character in string", pos);
            }
            pos++;
            if (c != '\\') {
                continue;
            }
            if (handler != null && sb == null) {
                sb = new StringBuilder();
            }
            if (sb != null) {
                sb.append(text, runStart, pos - 1);
            }
            char unescaped = escape(next());
            if (sb != null) {
                sb.append(unescaped);
            }
            runStart = pos;
        }
    }

    private char escape(char e) {
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u': return hex4();
            default: throw invalid("bad escape", pos - 1);
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) {
            throw invalid("short \\u escape", pos);
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char h = text.charAt(pos++);
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) {
                throw invalid("bad hex digit", pos - 1);
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw invalid(pos < text.length() ? "unexpected character '" + peek() + "'" : "unexpected end", pos);
        }
        if (peek() == '.') {
            pos++;
            requireDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits();
        }
        if (handler != null) {
            handler.number(text.substring(start, pos));
        }
    }

    private void requireDigits() {
        if (!isDigit(peek())) {
            throw invalid("expected a digit", pos);
        }
        digits();
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word, Boolean value) {
        if (!text.startsWith(word, pos)) {
            throw invalid("unexpected character '" + text.charAt(pos) + "'", pos);
        }
        pos += word.length();
        if (handler != null) {
            handler.literal(value);
        }
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
}
