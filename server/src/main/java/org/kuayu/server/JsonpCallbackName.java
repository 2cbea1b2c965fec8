package org.kuayu.server;

import java.util.Set;

/**
 * The grammar of a JSONP callback name that {@link JsonpHandler} accepts: JavaScript identifiers of ASCII letters,
 * digits, {@code _} and {@code $} (not starting with a digit), joined by single dots, at most
 * {@value #MAX_LENGTH} characters, and no segment a reserved word of JavaScript.
 *
 * <p>It exists because the name is copied from the request into a script: anything wider than a plain dotted
 * path ({@code (}, quotes, {@code <}, spaces, line breaks, comments, non-ASCII lookalike letters, escapes) would
 * let a link run code or smuggle markup under the server's origin. The grammar is deliberately narrower than
 * JavaScript's own (no Unicode identifiers, no backslash escapes, no brackets): every callback a JSONP client
 * generates fits it, and a name that fits can be written into the answer as is.
 *
 * <pre>{@code
 * JsonpCallbackName.isValid("jQuery_123.onBack");   // true
 * JsonpCallbackName.isValid("alert(1)//");          // false
 * }</pre>
 */
public final class JsonpCallbackName {

    /** The longest name accepted, in characters: {@value}. */
    public static final int MAX_LENGTH = 128;

    /** The rule as a sentence, for error answers and messages. */
    public static final String RULE = "JavaScript identifiers (ASCII letters, digits, '_', '$'; not starting with "
        + "a digit; no reserved words) joined by '.', at most " + MAX_LENGTH + " characters";

    /**
     * Reserved words of ECMAScript (also in strict mode and modules) and the literals {@code null}, {@code true},
     * {@code false}: as a segment they make the answer a syntax error, or a statement instead of a call.
     */
    private static final Set<String> RESERVED = Set.of(
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
        "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import",
        "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public",
        "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while",
        "with", "yield");

    private JsonpCallbackName() {
    }

    /** Whether {@code name} fits the grammar; {@code null} does not. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (!isIdentifier(name, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    private static boolean isIdentifier(String name, int start, int end) {
        if (start == end || isDigit(name.charAt(start))) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != '_' && c != '$') {
                return false;
            }
        }
        return !RESERVED.contains(name.substring(start, end));
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
