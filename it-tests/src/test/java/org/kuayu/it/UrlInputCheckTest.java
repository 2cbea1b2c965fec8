package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link UrlInputCheck} and the verdict of {@link DemoPagesTakeNoCommandsTest} can fail: the tests' own remote page
 * (which the demo served as {@code domain2/test/remote.html} before it moved to the tests' fixtures) takes its
 * allowlist from {@code ?allowed=} and navigates itself where a message says; the demo's remote page once took its
 * transport from {@code ?transport=}. Both are flagged; plain pages are not.
 */
class UrlInputCheckTest {

    @Test
    void theTestRemotePageIsFlaggedForItsAllowlistFromTheUrlAndItsGotoCommand() throws IOException {
        String page;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("fixtures/domain2/remote.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<UrlInputCheck.Finding> findings = UrlInputCheck.check("remote.html", page);
        List<String> problems = DemoPagesTakeNoCommandsTest.problems("domain2/test/remote.html", findings);

        assertTrue(problems.stream().anyMatch(p -> p.contains("read location.search")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("sink allowedOrigins:")
                && p.contains("allowedOrigins: RT.allowed")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("navigation") && p.contains("location.href = data.url")),
                problems.toString());
    }

    @Test
    void aTransportTakenFromTheQueryIsFlagged() {
        String script = "var forced = /[?&]transport=([a-zA-Z]+)/.exec(location.search);\n"
                + "channel = kuayu.accept({\n"
                + "  allowedOrigins: [demo.domain1],\n"
                + "  transport: forced ? forced[1] : \"auto\",\n"
                + "});\n";

        List<String> problems = DemoPagesTakeNoCommandsTest.problems("domain2/postmessage-remote.js",
                UrlInputCheck.check("postmessage-remote.js", script));

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(1).contains("sink transport: at line 4"), problems.toString());
    }

    @Test
    void urlDerivedValuesAreFollowedThroughVariablesPropertiesAndFunctions() {
        assertSinks("var p = new URLSearchParams(location.search);\nvar next = p.get('next');\nframe.src = next;", 1);
        assertSinks("function target() {\n  return location.hash.substring(1);\n}\nframe.src = target();", 1);
        assertSinks("var o = {};\no.allowed = document.URL.split('=')[1];\nkuayu.accept({allowedOrigins: o.allowed});",
                2);
        assertSinks("var text = location.hash.substring(1);\nview.textContent = text;", 0);
    }

    @Test
    void codeFromStringsAndSelfNavigationAreFlaggedEverywhere() {
        assertEquals(List.of("code", "code", "code", "navigation"), kinds(
                "eval(x);\nvar f = new Function('a', b);\nsetTimeout('go()', 1);\nlocation.href = somewhere;"));
        assertEquals(List.of("code"), kinds("<a href=\"javascript:void(0)\">x</a>"));
    }

    @Test
    void wordsInStringsAndCommentsAndFixedNavigationsAreNotFlagged() {
        assertEquals(List.of(), kinds("// reads location.search\nlog('see location.hash or eval(');\n"
                + "/* window.name */\nlocation.href = '/fixed.html';\nwindow.name = JSON.stringify(data);"));
        assertEquals(List.of(), kinds("<p>location.search, eval(x)</p><script>var a = 1;</script>"));
    }

    private static void assertSinks(String script, int expected) {
        List<UrlInputCheck.Finding> findings = UrlInputCheck.check("page.js", script);
        assertEquals(expected, findings.stream().filter(f -> f.kind().equals("sink")).count(), findings.toString());
    }

    private static List<String> kinds(String text) {
        String name = text.startsWith("<") ? "page.html" : "page.js";
        return UrlInputCheck.check(name, text).stream().map(UrlInputCheck.Finding::kind)
                .filter(kind -> !kind.equals("read")).toList();
    }
}
