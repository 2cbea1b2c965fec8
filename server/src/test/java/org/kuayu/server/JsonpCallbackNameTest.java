package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonpCallbackNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a.b.c", "$jq_123", "onBack", "_", "$", "jQuery3510_1700000000000", "$.ajax.cb_1",
        "A1.B2", "__kuayu_jsonp_9f8e7d", "news", "a.newer", "nullable", "truth", "a.b.c.d", "jQuery.fn.cb",
        "windowed", "evaluate", "topper", "selfie", "documents", "a.document.write", "a.eval", "myApp.top"})
    void acceptsDottedAsciiIdentifiers(String name) {
        assertTrue(JsonpCallbackName.isValid(name), name);
    }

    @Test
    void acceptsExactlyTheMaximumLength() {
        assertTrue(JsonpCallbackName.isValid("a".repeat(JsonpCallbackName.MAX_LENGTH)));
        assertFalse(JsonpCallbackName.isValid("a".repeat(JsonpCallbackName.MAX_LENGTH + 1)));
        assertTrue(JsonpCallbackName.isValid("a.b.c." + "d".repeat(JsonpCallbackName.MAX_LENGTH - 6)));
    }

    @Test
    void acceptsAtMostFourSegments() {
        assertTrue(JsonpCallbackName.isValid("a.b.c.d"));
        assertFalse(JsonpCallbackName.isValid("a.b.c.d.e"));
        assertFalse(JsonpCallbackName.isValid(("a.".repeat(64)).substring(0, 127)));
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
    }

    @Test
    void refusesNull() {
        assertFalse(JsonpCallbackName.isValid(null));
    }
}
