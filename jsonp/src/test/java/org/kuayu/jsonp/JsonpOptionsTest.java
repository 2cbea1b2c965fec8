package org.kuayu.jsonp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonpOptionsTest {
    @Test
    void defaults() {
        JsonpOptions o = JsonpOptions.defaults();
        assertTrue(o.params().isEmpty());
        assertEquals("callback", o.callbackParam());
        assertEquals(10000, o.timeoutMillis());
        assertNull(o.nonce());
    }

    @Test
    void paramsKeepTheirOrderAndCannotBeChangedAfterBuild() {
        Map<String, String> given = new LinkedHashMap<String, String>();
        given.put("z", "1");
        given.put("a", "2");
        JsonpOptions o = JsonpOptions.builder().params(given).param("m", "3").callbackParam("cb").timeoutMillis(5)
                .nonce("n0nce").build();
        given.put("late", "x");
        assertEquals(Arrays.asList("z", "a", "m"), new ArrayList<String>(o.params().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> o.params().put("x", "y"));
        assertEquals("cb", o.callbackParam());
        assertEquals(5, o.timeoutMillis());
        assertEquals("n0nce", o.nonce());
    }

    @Test
    void misuseSaysTheFix() {
        assertMessage("pass \"\" for an empty value", () -> JsonpOptions.builder().param("a", null));
        assertMessage("must not be null or empty", () -> JsonpOptions.builder().param("", "x"));
        assertMessage("must not be null or empty", () -> JsonpOptions.builder().param(null, "x"));
        assertMessage("give each name once", () -> JsonpOptions.builder().param("a", "1").param("a", "2"));
        assertMessage("pass an empty map", () -> JsonpOptions.builder().params(null));
        assertMessage("default \"callback\"", () -> JsonpOptions.builder().callbackParam(""));
        assertMessage("must be positive", () -> JsonpOptions.builder().timeoutMillis(0));
        assertMessage("must be positive", () -> JsonpOptions.builder().timeoutMillis(-1));
        assertMessage("or null for none", () -> JsonpOptions.builder().nonce(""));
        assertMessage("remove the param or choose another callbackParam",
                () -> JsonpOptions.builder().param("callback", "x").build());
        assertMessage("remove the param or choose another callbackParam",
                () -> JsonpOptions.builder().param("cb", "x").callbackParam("cb").build());
    }

    private static void assertMessage(String fragment, Runnable misuse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, misuse::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
