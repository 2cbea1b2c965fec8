package org.kuayu.core.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AncestorOriginsTest {

    @Test
    void eachLineIsAnAncestorParentFirstUnknownOnesNull() {
        assertArrayEquals(new String[0], AncestorOrigins.parse(""));
        assertArrayEquals(new String[0], AncestorOrigins.parse(null));
        assertArrayEquals(new String[] {null}, AncestorOrigins.parse("\n"));
        assertArrayEquals(new String[] {"http://a.example", null, "null", "https://b.example:8443"},
                AncestorOrigins.parse("\nHTTP://A.example:80/page.html?x#y\n\nnull\nhttps://b.example:8443"));
        assertArrayEquals(new String[] {null}, AncestorOrigins.parse("\nnot a url"));
    }

    @Test
    void atMostSixtyFourAreRead() {
        assertArrayEquals(new String[AncestorOrigins.MAX], AncestorOrigins.parse("\n".repeat(100)));
    }
}
