package org.kuayu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, a surrogate pair

    private static KuayuException invalid(String text) {
        KuayuException e = assertThrows(KuayuException.class, () -> Json.parse(text), text);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertFalse(Json.isValid(text));
        return e;
    }

    @Test
    void parsesEveryKindOfValue() {
        Map<String, Object> expected = new LinkedHashMap<String, Object>();
        expected.put("s", "text");
        expected.put("i", 42L);
        expected.put("d", 1.5);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("a", Arrays.asList(1L, "two", Collections.emptyList(), Collections.emptyMap()));
        Object parsed = Json.parse(" {\"s\":\"text\",\"i\":42,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,"
                + "\"a\":[1,\"two\",[],{}]}\r\n\t");
        assertEquals(expected, parsed);
        assertEquals(Arrays.asList("s", "i", "d", "t", "f", "n", "a"), new ArrayList<Object>(((Map<?, ?>) parsed).keySet()),
                "insertion order kept");
    }

    @Test
    void anyValueMayBeAtTheTop() {
        assertEquals("x", Json.parse("\"x\""));
        assertEquals(7L, Json.parse("7"));
        assertEquals(Boolean.TRUE, Json.parse("true"));
        assertNull(Json.parse("null"));
        assertEquals(Collections.emptyList(), Json.parse("[ ]"));
    }

    @Test
    void roundTripsThroughStringify() {
        String[] texts = {
            "{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}", "[]", "{}", "\"\"", "0", "-1", "1.5", "true", "null",
            "[\"" + EMOJI + "\",\"\\u2028\",\"\\\"\\\\\\n\"]", "{\"nested\":{\"deeper\":{\"deepest\":[[[]]]}}}",
            "9007199254740993", "-1234567890123456",
        };
        for (String text : texts) {
            String once = Json.stringify(Json.parse(text));
            assertEquals(text, once, "round trip of " + text);
            assertEquals(Json.parse(text), Json.parse(once));
        }
    }

    @Test
    void unicodeSurvivesRawAndEscaped() {
        String text = "\"h\u00e9llo \u4f60\u597d " + EMOJI + " \u2028\u2029 \u0000\"";
        assertFalse(Json.isValid(text), "a raw NUL is a control character");
        String value = "h\u00e9llo \u4f60\u597d " + EMOJI + " \u2028\u2029";
        assertEquals(value, Json.parse(Json.quote(value)));
        assertEquals(EMOJI, Json.parse("\"\\ud83d\\uDE00\""), "escaped surrogate pair, either case");
        assertEquals(EMOJI, Json.parse("\"" + EMOJI + "\""));
        assertEquals("\uD800", Json.parse("\"\\ud800\""), "a lone surrogate escape is kept, as JSON.parse does");
        assertEquals("\"" + EMOJI + "\"", Json.quote(EMOJI), "a pair is written as is");
    }

    @Test
    void quotesWhatJavaScriptSourceCannotHoldRaw() {
        assertEquals("\"\\u2028\\u2029\"", Json.quote("\u2028\u2029"));
        assertEquals("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f/\"", Json.quote("\"\\\n\r\t\b\f\u0000\u001f/"));
        assertEquals("\"he said \\\"hi\\\"\"", Json.quote("he said \"hi\""));
    }

    @Test
    void readsEveryEscape() {
        assertEquals("\"\\/\b\f\n\r\t\u00e9A", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0041\""));
    }

    @Test
    void numbers() {
        assertEquals(0L, Json.parse("0"));
        assertEquals(0L, Json.parse("-0"));
        assertEquals(-12L, Json.parse("-12"));
        assertEquals(1000.0, Json.parse("1e3"));
        assertEquals(-0.01, Json.parse("-1E-2"));
        assertEquals(150.0, Json.parse("1.5e+2"));
        assertEquals(12345678901234567L, Json.parse("12345678901234567"), "17 digits stay exact");
        assertEquals(1.2345678901234567e19, Json.parse("12345678901234567890"), "too long for a long");
        assertEquals("[1,2.5,-3,1000000000000000,1.0E15,0.1]",
                Json.stringify(Arrays.asList(1, 2.5, -3L, 1000000000000000L, 1e15, 0.1)));
        assertEquals("[3,7]", Json.stringify(Arrays.asList(3.0, 7.0f)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1 2",
        "tru", "truee", "nul", "True", "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{\"a\"}", "{\"a\" 1}", "{a:1}",
        "{'a':1}", "{1:2}", "[", "]", "{", "}", "\"", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\\"",
        "\"a\nb\"", "\"a\tb\"", "[1]]", "{}{}", "\u00a01", "\f1", "undefined", "//c\n1", "/*c*/1", "[1,2", "\uFEFF1",
    })
    void refusesInvalidTextWithInvalidArgument(String text) {
        KuayuException e = invalid(text);
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void nestingIsLimitedWithoutExhaustingTheStack() {
        assertTrue(Json.isValid(nested(Json.MAX_DEPTH)));
        assertEquals(1, ((List<?>) Json.parse(nested(Json.MAX_DEPTH))).size());
        invalid(nested(Json.MAX_DEPTH + 2));
        invalid(repeat("[", 100000));
        invalid(repeat("{\"a\":", 100000));
        Object deep = Collections.emptyList();
        for (int i = 0; i < 100000; i++) {
            deep = Collections.singletonList(deep);
        }
        Object tooDeep = deep;
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(KuayuException.class, () -> Json.stringify(tooDeep)).code());
    }

    /** Arrays nested {@code depth} deep around one number. */
    private static String nested(int depth) {
        return repeat("[", depth) + "1" + repeat("]", depth);
    }

    private static String repeat(String s, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(s);
        }
        return sb.toString();
    }

    @Test
    void hostileInputOnlyEverThrowsInvalidArgument() {
        Random random = new Random(5);
        String alphabet = "{}[]\",:\\/ 0123456789-+.eEtrufalsn\u2028\uD83D\uDE00\u0000\nabu";
        String valid = "{\"a\":[1,-2.5e3,true,false,null,\"x\\u0041\\n\"],\"b\":{\"c\":\"" + EMOJI + "\"}}";
        for (int i = 0; i < 3000; i++) {
            String text;
            if (i % 2 == 0) {
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(24);
                for (int k = 0; k < length; k++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text = sb.toString();
            } else {
                StringBuilder sb = new StringBuilder(valid.substring(0, random.nextInt(valid.length() + 1)));
                if (sb.length() > 0 && random.nextBoolean()) {
                    sb.setCharAt(random.nextInt(sb.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text = sb.toString();
            }
            try {
                Json.parse(text);
            } catch (KuayuException e) {
                assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), text);
            } catch (RuntimeException | StackOverflowError e) {
                fail("'" + text + "' threw " + e);
            }
            Json.isValid(text);
            Json.field(text, "a");
            Json.readError(text, ErrorCode.REMOTE_ERROR);
        }
    }

    @Test
    void nullTextIsInvalid() {
        invalid(null);
        KuayuException e = assertThrows(KuayuException.class, () -> Json.requireValid(null, "the message"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().startsWith("the message must be JSON text"), e.getMessage());
    }

    @Test
    void requireValidNamesWhatIsWrong() {
        assertEquals("[1]", Json.requireValid("[1]", "the request"));
        KuayuException e = assertThrows(KuayuException.class, () -> Json.requireValid("{oops}", "the request"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().startsWith("the request is not valid JSON: "), e.getMessage());
    }

    @Test
    void duplicateKeysKeepTheLastAsJavaScriptDoes() {
        assertEquals(Collections.singletonMap("a", 2L), Json.parse("{\"a\":1,\"a\":2}"));
    }

    @Test
    void stringifyRefusesWhatJsonCannotHold() {
        for (Object bad : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, new Object(),
                'c', Collections.singletonMap(1, "x")}) {
            KuayuException e = assertThrows(KuayuException.class, () -> Json.stringify(bad), String.valueOf(bad));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
        Map<String, Object> cycle = new LinkedHashMap<String, Object>();
        cycle.put("self", cycle);
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KuayuException.class, () -> Json.stringify(cycle)).code());
    }

    @Test
    void aMegabyteStringParses() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1 << 20) {
            sb.append("h\u00e9llo ").append(EMOJI).append(" \\n ");
        }
        String text = "\"" + sb + "\"";
        assertTrue(Json.isValid(text));
        assertTrue(((String) Json.parse(text)).contains(EMOJI + " \n "));
    }

    @Test
    void errorBodiesRoundTripAndToleratePeers() {
        String body = Json.error(ErrorCode.TIMEOUT, "took \"too\" long");
        assertEquals("{\"code\":\"TIMEOUT\",\"message\":\"took \\\"too\\\" long\"}", body);
        KuayuException e = Json.readError(body, ErrorCode.REMOTE_ERROR);
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertEquals("took \"too\" long", e.getMessage());
        assertEquals(ErrorCode.REMOTE_ERROR, Json.readError("{\"code\":\"FROM_THE_FUTURE\",\"message\":\"m\"}",
                ErrorCode.CLOSED).code(), "an unknown code reads as REMOTE_ERROR");
        assertEquals(ErrorCode.CLOSED, Json.readError("not json", ErrorCode.CLOSED).code());
        assertEquals(ErrorCode.CLOSED, Json.readError("[\"TIMEOUT\"]", ErrorCode.CLOSED).code());
        assertEquals(ErrorCode.CLOSED, Json.readError("{\"code\":7,\"message\":\"m\"}", ErrorCode.CLOSED).code());
        assertEquals("no message", Json.readError("{\"code\":\"TIMEOUT\"}", ErrorCode.CLOSED).getMessage());
        assertEquals("", Json.readError(Json.error(ErrorCode.CLOSED, null), ErrorCode.TIMEOUT).getMessage());
    }

    @Test
    void fieldReadsOneTopLevelStringMember() {
        assertEquals("s1", Json.field("{\"session\":\"s1\"}", "session"));
        assertEquals("s2", Json.field("{\"x\":{\"session\":\"nested\"},\"session\":\"s2\"}", "session"));
        assertNull(Json.field("{\"x\":{\"session\":\"nested\"}}", "session"));
        assertNull(Json.field("{\"session\":1}", "session"));
        assertNull(Json.field("{\"session\":[\"s\"]}", "session"));
        assertNull(Json.field("[\"session\",\"s\"]", "session"));
        assertNull(Json.field("{\"session\":\"s\"", "session"), "not JSON");
        assertNull(Json.field(null, "session"));
    }

    @Test
    void readFlatObjectGivesEachScalarMemberAsText() {
        Map<String, String> members = Json.readFlatObject(
                "{\"s\":\"a \\\"b\\\"\",\"n\":1.50,\"big\":123456789012345678901234,\"t\":true,\"f\":false,"
                + "\"z\":null,\"s\":\"again\"}");
        assertEquals(List.of("s", "n", "big", "t", "f", "z"), new ArrayList<String>(members.keySet()),
                "member order; a repeated name keeps its first place");
        assertEquals("again", members.get("s"), "and its last value");
        assertEquals("1.50", members.get("n"), "numbers as written");
        assertEquals("123456789012345678901234", members.get("big"));
        assertEquals("true", members.get("t"));
        assertEquals("false", members.get("f"));
        assertTrue(members.containsKey("z"));
        assertNull(members.get("z"));
        assertEquals(Map.of(), Json.readFlatObject(" {} "));
    }

    @Test
    void readFlatObjectRefusesNestingAndNonObjectsNamingTheCulprit() {
        String[][] cases = {
            {"{\"a\":1,\"list\":[1]}", "member 'list' is an array"},
            {"{\"o\":{}}", "member 'o' is an object"},
            {"[]", "the value is an array, not an object"},
            {"1", "the value is a number, not an object"},
            {"true", "the value is a boolean, not an object"},
            {"null", "the value is null, not an object"},
            {"\"x\"", "the value is a string, not an object"},
            {"{\"a\":1", "offset"},
        };
        for (String[] c : cases) {
            KuayuException e = assertThrows(KuayuException.class, () -> Json.readFlatObject(c[0]), c[0]);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        assertThrows(KuayuException.class, () -> Json.readFlatObject(null));
    }
}
