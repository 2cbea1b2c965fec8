package org.kuayu.server;

import java.util.Set;

/**
 * The grammar of a JSONP callback name that {@link JsonpHandler} accepts: JavaScript identifiers of ASCII letters,
 * digits, {@code _} and {@code $} (not starting with a digit), joined by single dots, at most
 * {@value #MAX_SEGMENTS} segments and {@value #MAX_LENGTH} characters, no segment a reserved word of JavaScript,
 * and a first segment that is not one of the page's dangerous globals ({@code eval}, {@code setTimeout},
 * {@code setInterval}, {@code Function}, {@code document}, {@code location}, {@code opener}, {@code parent},
 * {@code top}, {@code self}, {@code window}, {@code frames}, {@code globalThis}).
 *
 * <p>Threat model. The answer is a script, and a script runs in the origin of the page that includes it, never
 * in the server's: what keeps the answer from running as anything else under the server's own origin is its
 * {@code text/javascript} type with {@code X-Content-Type-Options: nosniff} and the leading {@code /**}{@code /}
 * (no HTML rendering, no content sniffing, no caller-chosen first bytes). The callback name protects the pages
 * that include the endpoint: whoever can choose the URL such a page loads (a parameter of the page reflected into
 * the script URL, or a hostile page that opens it) chooses which function of that page runs. Anything wider than
 * a plain dotted path ({@code (}, quotes, {@code <}, spaces, line breaks, comments, non-ASCII lookalike letters,
 * escapes) would run arbitrary code there; and even a plain path can call a built-in that runs its argument as
 * code ({@code setTimeout}, {@code eval}, {@code Function}) or acts on the page or another window
 * ({@code document.write}, {@code location.assign}, {@code opener.document...}, {@code top.postMessage}):
 * "same-origin method execution". Hence the refused first segments and the segment cap. The grammar is
 * deliberately narrower than JavaScript's own (no Unicode identifiers, no backslash escapes, no brackets): every
 * callback a JSONP client generates fits it, and a name that fits can be written into the answer as is. A page
 * can still own other functions an attacker would like to call, so applications should restrict names further
 * to their own clients' prefixes ({@link JsonpHandler.Builder#callbackNames}).
 *
 * <pre>{@code
 * JsonpCallbackName.isValid("jQuery_123.onBack");   // true
 * JsonpCallbackName.isValid("alert(1)//");          // false
 * }</pre>
 */
public final class JsonpCallbackName {

    /** The longest name accepted, in characters: {@value}. */
    public static final int MAX_LENGTH = 128;

    /** The most dot-separated segments accepted: {@value}. */
    public static final int MAX_SEGMENTS = 4;

    /** The rule as a sentence, for error answers and messages. */
    public static final String RULE = "JavaScript identifiers (ASCII letters, digits, '_', '$'; not starting with "
        + "a digit; no reserved words) joined by '.', at most " + MAX_SEGMENTS + " of them and " + MAX_LENGTH
        + " characters, not starting with a global that runs code or reaches the page or another window";

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

    /**
     * First segments refused: globals that run their argument as code, or reach the document, the location or
     * other windows, so that a callback cannot act on the including page or its relatives.
     */
    private static final Set<String> DANGEROUS_GLOBALS = Set.of(
        "eval", "setTimeout", "setInterval", "Function", "document", "location", "opener", "parent", "top", "self",
        "window", "frames", "globalThis");

    private JsonpCallbackName() {
    }

    /** Whether {@code name} fits the grammar; {@code null} does not. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        int start = 0;
        for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (!isIdentifier(name, start, end)
                || (segment == 0 && DANGEROUS_GLOBALS.contains(name.substring(start, end)))) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
        return false;
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
