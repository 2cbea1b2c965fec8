package org.kuayu.jsonp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonpUrlTest {
    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<String, String>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "abcXYZ019-_.~ | abcXYZ019-_.~",
        "a b           | a%20b",
        "a+b           | a%2Bb",
        "a&b=c#d       | a%26b%3Dc%23d",
        "%41           | %2541",
        "café          | caf%C3%A9",
        "中文          | %E4%B8%AD%E6%96%87",
        "😀            | %F0%9F%98%80",
    })
    void encodesAsUtf8PercentEscapes(String raw, String encoded) {
        assertEquals(encoded, JsonpUrl.encode(raw));
        assertEquals(raw, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }

    @Test
    void encodesReservedCharactersAndUtf8Boundaries() {
        assertEquals("%3F%2F%3A%40%21%27%28%29%2A%3B%2C%24%22%3C%3E%0A%00",
                JsonpUrl.encode("?/:@!'()*;,$\"<>\n\u0000"));
        assertEquals("%7F%C2%80%C2%A0%DF%BF%E0%A0%80%EF%BF%BF%F4%8F%BF%BF",
                JsonpUrl.encode("\u007F\u0080\u00A0\u07FF\u0800\uFFFF\uDBFF\uDFFF"));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacter() {
        assertEquals("%EF%BF%BDx%EF%BF%BD", JsonpUrl.encode("\uD83Dx\uDE00"));
        assertEquals("%EF%BF%BD", JsonpUrl.encode("\uD83D"));
        assertEquals("", JsonpUrl.encode(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://a.test/p          | http://a.test/p?q=1&callback=cb",
        "http://a.test/p?         | http://a.test/p?q=1&callback=cb",
        "http://a.test/p?v=2      | http://a.test/p?v=2&q=1&callback=cb",
        "http://a.test/p?v=2&     | http://a.test/p?v=2&q=1&callback=cb",
        "http://a.test/p?v=a%20b&w | http://a.test/p?v=a%20b&w&q=1&callback=cb",
        "http://a.test/p#top      | http://a.test/p?q=1&callback=cb#top",
        "http://a.test/p?v=2#x?y&z | http://a.test/p?v=2&q=1&callback=cb#x?y&z",
        "/relative/p              | /relative/p?q=1&callback=cb",
    })
    void appendsToTheQueryBeforeTheFragment(String url, String expected) {
        assertEquals(expected, JsonpUrl.build(url, params("q", "1"), "callback", "cb"));
    }

    @Test
    void keepsParamOrderAndEncodesNamesAndValues() {
        assertEquals("http://a.test/?z=1&a%20b=c%26d&%C3%A9=%3D%23&cb%2B=n",
                JsonpUrl.build("http://a.test/", params("z", "1", "a b", "c&d", "é", "=#"), "cb+", "n"));
        assertEquals("http://a.test/?e=&callback=n",
                JsonpUrl.build("http://a.test/", params("e", ""), "callback", "n"));
        assertEquals("http://a.test/?callback=n",
                JsonpUrl.build("http://a.test/", Collections.<String, String>emptyMap(), "callback", "n"));
    }
}
