package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonpCallbackNameTest {

    /** What real JSONP clients generate: jQuery, Kuayu, fetch-jsonp, the classic tutorials. */
    @ParameterizedTest
    @ValueSource(strings = {"a", "$jq_123", "onBack", "_", "$", "jQuery3510_1700000000000",
        "jQuery1124012345678901234567_1700000000000", "__kuayu_jsonp_9f8e7d0123456789abcdef0123456789",
        "jsonp_1700000000000_12345", "news", "nullable", "truth", "windowed", "evaluate", "topper", "selfie",
        "documents", "cb"})
    void acceptsOneAsciiIdentifier(String name) {
        assertTrue(JsonpCallbackName.isValid(name), name);
        assertTrue(JsonpCallbackName.isValidPath(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b.c", "$.ajax.cb_1", "A1.B2", "a.newer", "a.b.c.d", "jQuery.fn.cb",
        "__gwt_jsonp__.P0.onSuccess", "myApp.callbacks.done"})
    void acceptsDottedPathsOnlyWhenAllowed(String name) {
        assertFalse(JsonpCallbackName.isValid(name), name);
        assertTrue(JsonpCallbackName.isValidPath(name), name);
    }

    /** Same-origin method execution: paths that call a sink of the including page, refused even as paths. */
    @ParameterizedTest
    @ValueSource(strings = {"frameElement.ownerDocument.write", "navigation.navigate", "loginForm.submit",
        "postMessage", "jQuery.globalEval", "a.document.write", "a.eval", "myApp.top", "document.forms.x.submit",
        "opener.postMessage", "a.constructor", "history.back", "b.click", "alert", "print", "open", "close",
        "x.insertAdjacentHTML", "navigator.sendBeacon", "location.assign", "$.globalEval"})
    void refusesKnownSinksEvenInPaths(String name) {
        assertFalse(JsonpCallbackName.isValid(name), name);
        assertFalse(JsonpCallbackName.isValidPath(name), name);
    }

    @Test
    void acceptsExactlyTheMaximumLength() {
        assertTrue(JsonpCallbackName.isValid("a".repeat(JsonpCallbackName.MAX_LENGTH)));
        assertFalse(JsonpCallbackName.isValid("a".repeat(JsonpCallbackName.MAX_LENGTH + 1)));
        assertTrue(JsonpCallbackName.isValidPath("a.b.c." + "d".repeat(JsonpCallbackName.MAX_LENGTH - 6)));
        assertFalse(JsonpCallbackName.isValidPath("a.b.c." + "d".repeat(JsonpCallbackName.MAX_LENGTH - 5)));
    }

    @Test
    void acceptsAtMostFourSegments() {
        assertTrue(JsonpCallbackName.isValidPath("a.b.c.d"));
        assertFalse(JsonpCallbackName.isValidPath("a.b.c.d.e"));
        assertFalse(JsonpCallbackName.isValidPath(("a.".repeat(64)).substring(0, 127)));
    }

    static Stream<String> hostileNames() {
        return Stream.of(
            "alert(1)//", "</script>", "<script>alert(1)</script>", "a.b()", "a..b", ".a", "a.", ".", "..", "1abc",
            "a.1b", "a b", " a", "a ", "a-b", "a[0]", "a['b']", "a;alert(1)", "a,b", "a=b", "a+b", "a/b", "a\\b",
            "a'b", "a\"b", "a`b`", "a/**/", "/**/a", "a//", "{a}", "a:b", "a?b", "a#b", "a&b", "a%b",
            "\u0430lert",              // Cyrillic а
            "\uFF41\uFF4C\uFF45\uFF52\uFF54", // full-width alert
            "a\u200Db",                // zero-width joiner
            "a\u200Bb",                // zero-width space
            "a\uFEFF",                 // byte order mark
            "caf\u00e9",               // Latin letter outside ASCII
            "\u00aa", "\u0661",        // Unicode letter and Arabic-Indic digit
            "a\u2028b", "a\u2029b",
            "\\u0061lert",             // a JavaScript escape
            "%00", "a%00b", "\0", "a\0", "a\nb", "a\rb", "a\tb", "\n",
            "", " ", "a".repeat(10 * 1024), "a.".repeat(5 * 1024) + "a",
            "new", "a.new", "new.a", "true", "false", "null", "this", "typeof", "function", "delete.x", "class",
            "let", "yield", "await", "enum", "import", "eval.constructor.prototype.void",
            "\ud83d\ude00", "a\ud800",
            // same-origin method execution: globals that run code or reach the page or other windows
            "eval", "setTimeout", "setInterval", "Function", "document.write", "document.body.firstChild.click",
            "location.assign", "location", "opener.document.forms.submit", "opener.close", "parent.postMessage",
            "top.postMessage", "self.close", "window.open", "frames.x", "globalThis.eval", "a.b.c.d.e");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void refusesEverythingElse(String name) {
        assertFalse(JsonpCallbackName.isValid(name), () -> "accepted " + name.length() + " chars: "
            + name.substring(0, Math.min(name.length(), 40)));
        assertFalse(JsonpCallbackName.isValidPath(name), () -> "accepted as a path " + name.length() + " chars: "
            + name.substring(0, Math.min(name.length(), 40)));
    }

    @Test
    void refusesNull() {
        assertFalse(JsonpCallbackName.isValid(null));
        assertFalse(JsonpCallbackName.isValidPath(null));
    }
}
