package org.kuayu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Firefox over BiDi, against two loopback sites: a page loads under a {@code *.localhost} name and under a name that
 * only the profile's {@code network.dns.localDomains} maps, scripts run in it and in its cross-origin iframe (found
 * through the iframe's window, which BiDi serializes as its browsing context), and console errors arrive as events.
 */
class DebianFirefoxTest {

    private FramedPages pages;
    private int port;

    @BeforeEach
    void serve() throws IOException {
        pages = FramedPages.start("other.test", "<script>console.error('inner says no')</script>");
        port = pages.port();
    }

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void drivesPagesAndCrossOriginFrames() {
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        try (DebianFirefox firefox = DebianFirefox.start("kuayu-bidi-test-", List.of("other.test"), event -> {
            if ("log.entryAdded".equals(event.get("method"))) {
                errors.add(String.valueOf(((Map<?, ?>) event.get("params")).get("text")));
            }
        })) {
            BiDiConnection bidi = firefox.bidi();
            bidi.call("session.subscribe", Map.of("events", List.of("log.entryAdded")));
            String top = (String) ((Map<?, ?>) ((List<?>) bidi.call("browsingContext.getTree", Map.of())
                    .get("contexts")).get(0)).get("context");
            bidi.call("browsingContext.navigate", Map.of("context", top,
                    "url", "http://www.site.localhost:" + port + "/", "wait", "complete"));

            assertEquals("outer", value(bidi, top, "document.title"));
            Map<?, ?> window = (Map<?, ?>) evaluate(bidi, top, "document.getElementById('child').contentWindow");
            assertEquals("window", window.get("type"));
            String child = (String) ((Map<?, ?>) window.get("value")).get("context");
            assertEquals("inner", value(bidi, child, "document.title"));
            assertEquals("http://other.test:" + port, value(bidi, child, "location.origin"));
            assertTrue(errors.contains("inner says no"), "console errors seen: " + errors);
        }
    }

    private static Object value(BiDiConnection bidi, String context, String expression) {
        return ((Map<?, ?>) evaluate(bidi, context, expression)).get("value");
    }

    private static Object evaluate(BiDiConnection bidi, String context, String expression) {
        Map<String, Object> result = bidi.call("script.evaluate", Map.of("expression", expression,
                "target", Map.of("context", context), "awaitPromise", false));
        assertEquals("success", result.get("type"), () -> "evaluating " + expression + ": " + result);
        return result.get("result");
    }
}
