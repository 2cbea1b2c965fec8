package org.kuayu.iframe.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.kuayu.core.stack.UnicodeText;
import org.kuayu.iframe.SimProxyPage;

class HashCodecTest {
    private static long cost(String text) {
        return text.codePoints().mapToLong(HashCodec.COST::of).sum();
    }

    @Test
    void anyTextComesBackAndCostsAtLeastWhatItsEncodingTakes() {
        for (long seed = 1; seed <= 20; seed++) {
            String text = UnicodeText.of(seed, 3000);
            String encoded = HashCodec.encode(text, false);
            assertEquals(text, HashCodec.decode(encoded), "seed " + seed);
            assertEquals(text, SimProxyPage.decodeUriComponent(encoded), "decodeURIComponent agrees");
            assertEquals(cost(text), encoded.length(), "the cost is exact; seed " + seed);
        }
    }

    @Test
    void onlyFragmentCharactersStayRawAndStrictModeEncodesTheSeparator() {
        assertEquals("aZ09-._~!$&'()*+,;=:@/?%7C%7B%7D%5B%5D%22%25%20%23", HashCodec.encode(
                "aZ09-._~!$&'()*+,;=:@/?|{}[]\"% #", false));
        assertEquals("http%3A//host.test%3A8081/kuayu/proxy.html?v=1",
                HashCodec.encode("http://host.test:8081/kuayu/proxy.html?v=1", true));
        assertEquals("%E4%BD%A0%F0%9F%98%80", HashCodec.encode("\u4f60\ud83d\ude00", false));
        // What Java's form encoder makes of a CJK character, in upper-case hex as browsers write it.
        assertEquals(URLEncoder.encode("\u4f60", StandardCharsets.UTF_8), HashCodec.encode("\u4f60", false));
    }

    @Test
    void aLoneSurrogateIsWrittenAsTheReplacementCharacterWithinItsCost() {
        String lone = "a\ud83db\ude00";
        String encoded = HashCodec.encode(lone, false);
        assertEquals("a%EF%BF%BDb%EF%BF%BD", encoded);
        assertEquals(cost(lone), encoded.length());
    }

    @Test
    void malformedTextDecodesToNull() {
        for (String bad : new String[] {"%", "%4", "%G1", "%C3", "%C3%28", "%C0%80", "%ED%A0%80", "%F4%90%80%80",
            "%E4%BD", "%80", "%FF"}) {
            assertNull(HashCodec.decode(bad), bad);
            assertNull(SimProxyPage.decodeUriComponent(bad), "decodeURIComponent refuses " + bad + " too");
        }
        assertEquals("k|x", HashCodec.decode("%6b%7cx"), "lower-case hex as well");
        assertEquals("plain", HashCodec.decode("plain"));
    }
}
