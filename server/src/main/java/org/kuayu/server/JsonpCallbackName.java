package org.kuayu.server;

import java.util.Set;

/**
 * The grammar of a JSONP callback name that {@link JsonpHandler} accepts. By default <b>one identifier</b>, what
 * real JSONP clients generate ({@code jQuery3510_1700000000000}, Kuayu's {@code __kuayu_jsonp_…},
 * {@code fetchJsonp}'s {@code jsonp_1700000000000_12345}): ASCII letters, digits, {@code _} and {@code $}, not
 * starting with a digit, at most {@value #MAX_LENGTH} characters, not a reserved word of JavaScript, and not a
 * known sink. Dotted paths ({@code a.b.c}, at most {@value #MAX_SEGMENTS} segments, such as GWT's
 * {@code __gwt_jsonp__.P0.onSuccess}) only where the handler allows them
 * ({@link JsonpHandler.Builder#allowDottedCallbacks}), and even then no segment may be a known sink.
 *
 * <p>Threat model. The answer is a script, and a script runs in the origin of the page that includes it, never
 * in the server's: what keeps the answer from running as anything else under the server's own origin is its
 * {@code text/javascript} type with {@code X-Content-Type-Options: nosniff} and the leading {@code /**}{@code /}
 * (no HTML rendering, no content sniffing, no caller-chosen first bytes). The callback name protects the pages
 * that include the endpoint: whoever can choose the URL such a page loads (a parameter of the page reflected into
 * the script URL, or a hostile page that opens it) chooses which function of that page runs. Anything wider than
 * a plain identifier path ({@code (}, quotes, {@code <}, spaces, line breaks, comments, non-ASCII lookalike
 * letters, escapes) would run arbitrary code there. Even a plain path can call a function that runs its argument
 * as code or acts on the page or another window: "same-origin method execution" (SOME), such as
 * {@code frameElement.ownerDocument.write}, {@code navigation.navigate}, {@code myForm.submit},
 * {@code jQuery.globalEval} or {@code postMessage}. A denylist cannot know every such path of every page, so the
 * default allows no path at all, and refuses the sinks that a single global name reaches ({@code eval},
 * {@code postMessage}, {@code alert}, {@code open}, ...). What remains is SOME's residual risk: a page's own
 * global functions can still be called with the answer as their argument, so restrict the names further to your
 * own clients' ({@link JsonpHandler.Builder#callbackNames}).
 *
 * <pre>{@code
 * JsonpCallbackName.isValid("jQuery1124_1700000000000");              // true
 * JsonpCallbackName.isValid("__gwt_jsonp__.P0.onSuccess");             // false: a path
 * JsonpCallbackName.isValidPath("__gwt_jsonp__.P0.onSuccess");         // true, with allowDottedCallbacks()
 * JsonpCallbackName.isValidPath("frameElement.ownerDocument.write");   // false: sinks
 * }</pre>
 */
public final class JsonpCallbackName {

    /** The longest name accepted, in characters: {@value}. */
    public static final int MAX_LENGTH = 128;

    /** The most dot-separated segments a path may have (where paths are allowed): {@value}. */
    public static final int MAX_SEGMENTS = 4;

    /** The default rule as a sentence, for error answers and messages. */
    public static final String RULE = "one JavaScript identifier (ASCII letters, digits, '_', '$'; not starting "
        + "with a digit; not a reserved word), at most " + MAX_LENGTH + " characters, not a global that runs code "
        + "or reaches the page or another window";

    /** The rule where dotted paths are allowed, as a sentence. */
    public static final String PATH_RULE = "JavaScript identifiers (ASCII letters, digits, '_', '$'; not starting "
        + "with a digit; no reserved words) joined by '.', at most " + MAX_SEGMENTS + " of them and " + MAX_LENGTH
        + " characters, none of them a function or property that runs code or reaches the page or another window";

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
     * Names refused anywhere in a name: globals and members that run their argument as code, write or navigate the
     * document, submit or click, reach the page, its frames or other windows, or talk to other origins.
     */
    private static final Set<String> SINKS = Set.of(
        // run code
        "eval", "globalEval", "setTimeout", "setInterval", "setImmediate", "queueMicrotask", "Function",
        "constructor", "prototype", "__proto__", "call", "apply", "bind", "importScripts", "execScript",
        // reach the page, its frames, other windows
        "document", "location", "navigation", "history", "opener", "parent", "top", "self", "window", "frames",
        "globalThis", "frameElement", "ownerDocument", "defaultView", "contentWindow", "contentDocument",
        "body", "head", "documentElement", "forms", "all",
        // write, navigate, act
        "write", "writeln", "open", "close", "navigate", "assign", "replace", "reload", "back", "forward", "go",
        "pushState", "replaceState", "submit", "requestSubmit", "click", "focus", "blur", "dispatchEvent",
        "execCommand", "insertAdjacentHTML", "setAttribute", "appendChild", "append", "prepend", "before",
        "after", "replaceWith", "replaceChildren", "remove", "print", "stop", "alert", "confirm", "prompt",
        // talk to others
        "postMessage", "fetch", "sendBeacon", "XMLHttpRequest", "WebSocket", "EventSource", "showModalDialog");

    private JsonpCallbackName() {
    }

    /** Whether {@code name} fits the default grammar: one identifier, not a sink; {@code null} does not. */
    public static boolean isValid(String name) {
        return fits(name, 1);
    }

    /**
     * Whether {@code name} fits the grammar of {@link JsonpHandler.Builder#allowDottedCallbacks}: one to
     * {@value #MAX_SEGMENTS} identifiers joined by dots, none of them a sink; {@code null} does not.
     */
    public static boolean isValidPath(String name) {
        return fits(name, MAX_SEGMENTS);
    }

    private static boolean fits(String name, int maxSegments) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        int start = 0;
        for (int segment = 0; segment < maxSegments; segment++) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (!isIdentifier(name, start, end) || SINKS.contains(name.substring(start, end))) {
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
