package org.kuayu.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.kuayu.core.ErrorCode;

class WireCodecTest {
    private static final String CHANNEL = "3f2a9c0d1e2b4a5f6c7d8e9f00112233";

    @Test
    void encodesTheDocumentedFormat() {
        assertEquals("kuayu1|REQ|" + CHANNEL + "|7|{\"q\":\"hi\"}",
                WireCodec.encode(new Message(MessageKind.REQUEST, CHANNEL, 7, "{\"q\":\"hi\"}")));
        assertEquals("kuayu1|CLS|" + CHANNEL + "|0|", WireCodec.encode(new Message(MessageKind.CLOSE, CHANNEL, 0, "")));
        assertEquals("kuayu1|HEL||0|s1", WireCodec.encode(new Message(MessageKind.HELLO, "", 0, "s1")));
        assertEquals("kuayu1|", WireCodec.PREFIX);
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void everyWireKindRoundTrips(MessageKind kind) {
        if (!kind.isWire()) {
            return;
        }
        Message m = new Message(kind, CHANNEL, 123456789, "{\"a\":\"x|y||z\"}|tail|");
        Message back = WireCodec.decode(WireCodec.encode(m));
        assertEquals(kind, back.kind());
        assertEquals(CHANNEL, back.channel());
        assertEquals(123456789, back.number());
        assertEquals("{\"a\":\"x|y||z\"}|tail|", back.body(), "the body keeps its bars");
        assertNull(back.origin());
        assertEquals(kind, MessageKind.fromCode(kind.code()));
    }

    @Test
    void anEmptyChannelAndBodyRoundTrip() {
        Message back = WireCodec.decode("kuayu1|HEL||0|");
        assertEquals(MessageKind.HELLO, back.kind());
        assertEquals("", back.channel());
        assertEquals("", back.body());
    }

    @Test
    void aUnicodeMegabyteBodyRoundTrips() {
        StringBuilder sb = new StringBuilder("\"");
        while (sb.length() < 1 << 20) {
            sb.append("\u4f60\uD83D\uDE00|");
        }
        String body = sb.append('"').toString();
        assertEquals(body, WireCodec.decode(WireCodec.encode(new Message(MessageKind.MESSAGE, CHANNEL, 0, body))).body());
    }

    @Test
    void localKindsAreNeverEncoded() {
        for (MessageKind kind : MessageKind.values()) {
            if (!kind.isWire()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> WireCodec.encode(Message.local(kind, "x")));
                assertTrue(e.getMessage().contains(kind.name()), e.getMessage());
                assertEquals("", kind.code());
            }
        }
        assertNull(MessageKind.fromCode(""), "local kinds have no code to decode");
        assertThrows(IllegalArgumentException.class,
                () -> WireCodec.encode(new Message(MessageKind.REQUEST, CHANNEL, -1, "")));
    }

    @Test
    void anotherVersionIsRefusedWithAMessageNamingBoth() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> WireCodec.decode("kuayu2|MSG|" + CHANNEL + "|0|{}"));
        assertTrue(e.getMessage().contains("'2'"), e.getMessage());
        assertTrue(e.getMessage().contains("speaks 1"), e.getMessage());
        assertTrue(e.getMessage().contains("same Kuayu release"), e.getMessage());
        assertTrue(assertThrows(WireFormatException.class, () -> WireCodec.decode("kuayu10|MSG|c|0|"))
                .getMessage().contains("'10'"));
        assertTrue(WireCodec.isKuayuFrame("kuayu2|MSG|c|0|"));
        assertFalse(WireCodec.isKuayuFrame("{\"type\":\"other library\"}"));
        assertFalse(WireCodec.isKuayuFrame(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "hello; not a Kuayu frame",
        "; not a Kuayu frame",
        "kuayu; unsupported Kuayu protocol version",
        "kuayu1|; truncated frame",
        "kuayu1|MSG; truncated frame",
        "kuayu1|XYZ|c|0|; unknown frame kind 'XYZ'",
        "kuayu1|msg|c|0|; unknown frame kind",
        "kuayu1||c|0|; unknown frame kind",
        "kuayu1|MSGX|c|0|; unknown frame kind",
        "kuayu1|MSG|c; bad channel field",
        "kuayu1|MSG|ABC|0|; bad character in channel id",
        "kuayu1|MSG|a_b|0|; bad character in channel id",
        "kuayu1|MSG|a b|0|; bad character in channel id",
        "kuayu1|MSG|c|0; bad number field",
        "kuayu1|MSG|c||x; bad number field",
        "kuayu1|MSG|c|-1|x; bad digit in number field",
        "kuayu1|MSG|c|1a|x; bad digit in number field",
        "kuayu1|MSG|c|+1|x; bad digit in number field",
        "kuayu1|MSG|c|1234567890123456|x; bad number field",
    })
    void refusesMalformedFrames(String frame, String why) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> WireCodec.decode(frame));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(ErrorCode.TRANSMISSION_FAILED, e.code());
    }

    @Test
    void refusesALongChannelAndNull() {
        String longChannel = "a".repeat(65);
        assertThrows(WireFormatException.class, () -> WireCodec.decode("kuayu1|MSG|" + longChannel + "|0|"));
        assertEquals(64, WireCodec.decode("kuayu1|MSG|" + "a".repeat(64) + "|0|").channel().length());
        assertThrows(WireFormatException.class, () -> WireCodec.decode(null));
        assertEquals(999999999, WireCodec.decode("kuayu1|RES|c|999999999|").number());
    }

    /** Every wire number is an int of at most 9 digits: a longer one is a malformed frame, refused, never read wrong. */
    @Test
    void refusesANumberOfTenDigits() {
        for (String number : new String[] {"1000000000", "9999999999", "0000000001", "4294967297"}) {
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> WireCodec.decode("kuayu1|RES|c|" + number + "|{}"));
            assertTrue(e.getMessage().contains("bad number field"), e.getMessage());
        }
    }

    @Test
    void anAbsurdKindIsAbbreviatedInTheMessage() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> WireCodec.decode("kuayu1|" + "K".repeat(1000) + "|c|0|"));
        assertTrue(e.getMessage().length() < 100, e.getMessage());
    }

    @Test
    void messagesAreImmutableCopies() {
        Message m = new Message(MessageKind.MESSAGE, null, 0, null);
        assertEquals("", m.channel());
        assertEquals("", m.body());
        Message stamped = m.withOrigin("http://a.test").withChannel("c").withNumber(4).withAttachment("port");
        assertNull(m.origin());
        assertEquals("http://a.test", stamped.origin());
        assertEquals("c", stamped.channel());
        assertEquals(4, stamped.number());
        assertEquals("port", stamped.attachment());
        assertThrows(IllegalArgumentException.class, () -> new Message(null, "c", 0, ""));
        assertTrue(new Message(MessageKind.MESSAGE, "c", 0, "x".repeat(200)).toString().contains("(200 chars)"));
    }
}
