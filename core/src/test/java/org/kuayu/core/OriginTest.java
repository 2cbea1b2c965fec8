package org.kuayu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OriginTest {
    private static boolean same(String a, String b) {
        return Origin.parse(a).isSameOrigin(Origin.parse(b));
    }

    /** The classic table: {@code http://www.domain1.com/a.js} against each URL. */
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "http://www.domain1.com/a.js, http://www.domain1.com/b.js, true",       // same host, other file
        "http://www.domain1.com/a.js, http://www.domain1.com/lab/c.js, true",   // same host, other folder
        "http://www.domain1.com/a.js, http://www.domain1.com:8000/a.js, false", // other port
        "http://www.domain1.com/a.js, https://www.domain1.com/a.js, false",     // other scheme
        "http://www.domain1.com/a.js, http://192.168.4.12/a.js, false",         // a domain and its IP address
        "http://www.domain1.com/a.js, http://x.domain1.com/b.js, false",        // sibling subdomain
        "http://www.domain1.com/a.js, http://domain1.com/c.js, false",          // parent domain
        "http://www.domain1.com/a.js, http://sub.www.domain1.com/a.js, false",  // subdomain
        "http://www.domain1.com/a.js, http://www.domain2.com/b.js, false",      // other domain
        "http://www.domain1.com/a.js, http://www.domain1.com:80/z, true",       // the default port written out
        "https://a.com/x, https://a.com:443/y, true",
        "https://a.com, https://a.com:80, false",
        "http://a.com, http://a.com:443, false",
        "ws://a.com, ws://a.com:80, true",
        "wss://a.com, wss://a.com:443, true",
        "HTTP://WWW.Domain1.COM/A.JS, http://www.domain1.com/a.js, true",       // scheme and host ignore case
        "http://www.domain1.com/a.js?q=1#f, http://www.domain1.com, true",
        "http://user:pw@www.domain1.com/a.js, http://www.domain1.com, true",    // user info ignored
        "http://[::1]:8080/x, http://[::1]:8080, true",
        "http://[::1]/x, http://[::1]:8080, false",
        "http://[ABCD::1]/, http://[abcd::1]/, true",
    })
    void sameOriginTable(String a, String b, boolean expected) {
        assertEquals(expected, same(a, b));
        assertEquals(expected, same(b, a), "symmetric");
        assertEquals(expected, Origin.parse(a).equals(Origin.parse(b)));
        if (expected) {
            assertEquals(Origin.parse(a).hashCode(), Origin.parse(b).hashCode());
            assertEquals(Origin.parse(a).toString(), Origin.parse(b).toString());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://www.domain1.com/a/b.js?x#y, http://www.domain1.com",
        "http://a.com:80/, http://a.com",
        "https://a.com:443/, https://a.com",
        "https://a.com:8443/p, https://a.com:8443",
        "http://a.com:443/, http://a.com:443",
        "HTTPS://Example.COM:8443/path?q#f, https://example.com:8443",
        "http://user:pass@a.com:81/, http://a.com:81",
        "http://[::1]:8080/x, http://[::1]:8080",
        "http://[::1]:80, http://[::1]",
        "  http://a.com  , http://a.com",
        "http://a.com:, http://a.com",
        "http://a.com:0080, http://a.com",
        "ftp://files.test/x, ftp://files.test",
    })
    void serialisesAsBrowsersDo(String url, String expected) {
        assertEquals(expected, Origin.parse(url).toString());
    }

    @Test
    void exposesItsParts() {
        Origin o = Origin.parse("HTTPS://Example.COM:8443/path");
        assertEquals("https", o.scheme());
        assertEquals("example.com", o.host());
        assertEquals(8443, o.port());
        assertEquals(80, Origin.parse("http://a.com").port());
        assertEquals(443, Origin.parse("https://a.com").port());
        assertEquals("[::1]", Origin.parse("http://[::1]:9/").host());
        assertEquals(-1, Origin.parse("ftp://a.com").port());
    }

    @Test
    void aBackslashEndsTheHostAsInBrowsers() {
        // Browsers read "\" as "/" in http(s) URLs: this is evil.com with path "/@good.com", not good.com.
        assertEquals("http://evil.com", Origin.parse("http://evil.com\\@good.com/").toString());
    }

    @Test
    void aTrailingDotNamesAnotherOriginAsInBrowsers() {
        // new URL("http://a.com./").origin is "http://a.com." in browsers, which treat it as another origin.
        assertFalse(same("http://a.com./", "http://a.com/"));
        assertEquals("http://a.com.", Origin.parse("http://a.com./x").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "null", "/relative/path", "relative.html", "//www.domain1.com/a.js", "data:text/html,<b>hi</b>",
        "about:blank", "javascript:alert(1)", "mailto:a@b.com", "http://", "http:///path", "http://:80",
        "http://user@/x", "http://a.com:99999", "http://a.com:65536", "http://a.com:123456", "http://a.com:-1",
        "http://a.com:8o", "http://a.com:+80", "http://[::1", "http://[::1]x", "1http://a.com", "ht tp://a.com",
        "://a.com", "data:text/html,http://evil.com", "file:///etc/passwd",
    })
    void refusesWhatHasNoOrigin(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Origin.parse(text));
        assertFalse(e.getMessage().isEmpty());
        assertNull(Origin.tryParse(text));
    }

    @Test
    void refusesNullAndSaysWhatToWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Origin.parse(null));
        assertTrue(e.getMessage().contains("http://"), e.getMessage());
        assertNull(Origin.tryParse(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Origin.parse("/x")).getMessage()
                .contains("scheme://host"));
    }

    @Test
    void theHighestPortIsAllowed() {
        assertEquals(65535, Origin.parse("http://a.com:65535").port());
        assertEquals(0, Origin.parse("http://a.com:0").port());
    }

    @Test
    void equalityIsValueEquality() {
        Origin a = Origin.parse("http://a.com");
        assertNotEquals(a, "http://a.com");
        assertNotEquals(a, null);
        assertFalse(a.isSameOrigin(null));
        assertEquals(a, a);
    }
}
