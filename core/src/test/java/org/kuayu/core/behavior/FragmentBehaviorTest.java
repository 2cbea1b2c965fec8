package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kuayu.core.stack.FrameCost;
import org.kuayu.core.stack.RecordingLink;
import org.kuayu.core.stack.UnicodeText;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

class FragmentBehaviorTest extends BehaviorFixture {
    private static final String CHANNEL = "5d0c8f1e9a2b4c6d8e0f1a2b3c4d5e6f";

    private FragmentBehavior fragments(int limit) {
        return new FragmentBehavior(window, FragmentOptions.builder(limit).build(), log);
    }

    private static Message message(String body) {
        return new Message(MessageKind.MESSAGE, CHANNEL, 0, body).withOrigin(REMOTE);
    }

    /** What the sending side passed down, as the receiving side gets it: decoded from the wire, from REMOTE. */
    private static List<Message> received(RecordingLink sent) {
        List<Message> frames = new ArrayList<Message>();
        for (Message m : sent.downs()) {
            frames.add(WireCodec.decode(WireCodec.encode(m)).withOrigin(REMOTE));
        }
        return frames;
    }

    private static Message fragment(int id, String body) {
        return new Message(MessageKind.FRAGMENT, CHANNEL, id, body).withOrigin(REMOTE);
    }

    @Test
    void framesWithinTheLimitAndLocalKindsPassUntouched() {
        FragmentBehavior f = fragments(200);
        Message fits = new Message(MessageKind.REQUEST, CHANNEL, 7, "x".repeat(200 - 46)).withOrigin(REMOTE);
        assertEquals(200, WireCodec.encode(fits).length());
        f.down(fits, link);
        f.down(Message.local(MessageKind.DROP_PATH, ""), link);
        f.up(fits, link);
        f.up(Message.local(MessageKind.LOADED, ""), link);
        assertEquals(List.of(fits), link.downs());
        assertEquals(1, link.instructionCount(MessageKind.DROP_PATH));
        assertEquals(List.of(MessageKind.REQUEST, MessageKind.LOADED), link.upKinds());
    }

    @Test
    void aLongFrameIsCutIntoFullFramesWithinTheLimitAndPutTogetherAgain() {
        FragmentBehavior sender = fragments(200);
        Message original = new Message(MessageKind.REQUEST, CHANNEL, 42, UnicodeText.of(1, 5000)).withOrigin(REMOTE);
        sender.down(original, link);

        List<Message> frames = received(link);
        assertTrue(frames.size() > 25, "" + frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Message m = frames.get(i);
            int length = WireCodec.encode(m).length();
            assertEquals(MessageKind.FRAGMENT, m.kind());
            assertEquals(REMOTE, link.downs().get(i).origin(), "every fragment goes where the frame went");
            assertTrue(length <= 200, "fragment " + i + " is " + length);
            if (i < frames.size() - 1) {
                // Short of the limit only by an index with fewer digits than the count, or half a surrogate pair.
                assertTrue(length >= 198, "fragment " + i + " leaves room unused: " + length);
            }
            assertTrue(m.body().startsWith(i + "|" + frames.size() + "|"), m.body());
        }

        RecordingLink up = new RecordingLink();
        FragmentBehavior receiver = fragments(200);
        for (Message m : frames) {
            receiver.up(m, up);
        }
        assertEquals(1, up.ups().size());
        Message back = up.lastUp();
        assertEquals(MessageKind.REQUEST, back.kind());
        assertEquals(CHANNEL, back.channel());
        assertEquals(42, back.number());
        assertEquals(original.body(), back.body());
        assertEquals(REMOTE, back.origin());
        assertEquals(0, receiver.partialCount());
    }

    @Test
    void noCutFallsBetweenTheHalvesOfASurrogatePair() {
        String emoji = "\uD83D\uDE00".repeat(3000);
        for (int limit = 128; limit < 160; limit++) {
            RecordingLink sent = new RecordingLink();
            fragments(limit).down(message(emoji), sent);
            RecordingLink up = new RecordingLink();
            FragmentBehavior receiver = fragments(limit);
            for (Message m : received(sent)) {
                String piece = m.body().substring(m.body().indexOf('|', m.body().indexOf('|') + 1) + 1);
                assertTrue(!Character.isLowSurrogate(piece.charAt(0))
                        && !Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "limit " + limit);
                assertTrue(WireCodec.encode(m).length() <= limit);
                receiver.up(m, up);
            }
            assertEquals(emoji, up.lastUp().body(), "limit " + limit);
        }
    }

    @Test
    void fragmentsOfSeveralMessagesShuffledAndDuplicatedComeOutWholeOnce() {
        FragmentBehavior sender = fragments(300);
        List<String> bodies = List.of(UnicodeText.of(2, 3000), UnicodeText.of(3, 1000), UnicodeText.of(4, 4000));
        for (String body : bodies) {
            sender.down(message(body), link);
        }
        List<Message> frames = received(link);
        frames.addAll(received(link).subList(0, 20));
        Collections.shuffle(frames, new Random(9));

        RecordingLink up = new RecordingLink();
        FragmentBehavior receiver = new FragmentBehavior(window, FragmentOptions.builder(300).maxPartialMessages(3)
                .build(), log);
        for (Message m : frames) {
            receiver.up(m, up);
        }
        List<String> got = new ArrayList<String>();
        for (Message m : up.ups()) {
            got.add(m.body());
        }
        assertEquals(3, got.size(), "each message once");
        assertTrue(got.containsAll(bodies));
        assertEquals(0, receiver.partialCount());
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void idsStartAtRandomPerPageAndCountUp() {
        FragmentBehavior first = fragments(128);
        FragmentBehavior second = fragments(128);
        first.down(message("a".repeat(300)), link);
        first.down(message("b".repeat(300)), link);
        int a = link.downs().get(0).number();
        int b = link.lastDown().number();
        assertEquals(a + 1, b);
        link.clear();
        second.down(message("c".repeat(300)), link);
        assertTrue(Math.abs(link.lastDown().number() - a) > 1000, "another page draws another start");
        assertTrue(a <= 1 << 28 && a > 0, "a 28-bit start: " + a);
    }

    /** Ids are 9 digits at most, like every wire number: after 999999999 the next is 1. */
    @Test
    void idsWrapToOneAfterNineDigits() {
        FragmentBehavior f = fragments(128);
        setField(f, "nextId", 999999999);
        f.down(message("a".repeat(300)), link);
        f.down(message("b".repeat(300)), link);
        assertEquals(999999999, link.downs().get(0).number());
        assertEquals(1, link.lastDown().number());

        RecordingLink up = new RecordingLink();
        FragmentBehavior receiver = fragments(128);
        for (Message m : received(link)) {
            receiver.up(m, up);
        }
        assertEquals(List.of("a".repeat(300), "b".repeat(300)), up.ups().stream().map(Message::body)
                .collect(Collectors.toList()));
    }

    @Test
    void malformedFragmentsAreDroppedWithADebugLine() {
        FragmentBehavior f = fragments(200);
        String frame = WireCodec.encode(new Message(MessageKind.MESSAGE, CHANNEL, 0, "[1,2,3]"));
        String otherChannel = WireCodec.encode(new Message(MessageKind.MESSAGE, "other", 0, "[1]"));
        String nested = WireCodec.encode(new Message(MessageKind.FRAGMENT, CHANNEL, 3, "0|2|x"));
        List<Message> garbage = List.of(
                fragment(1, ""), fragment(1, "x|2|a"), fragment(1, "0|1|a"), fragment(1, "2|2|a"),
                fragment(1, "0|2|"), fragment(1, "0|99999999999|a"), fragment(1, "-1|2|a"), fragment(1, "0|2"),
                fragment(2, "0|2|kuayu1|MSG"), fragment(2, "1|3|x"),
                fragment(4, "0|2|not a "), fragment(4, "1|2|frame"),
                fragment(5, "0|2|" + otherChannel.substring(0, 10)), fragment(5, "1|2|" + otherChannel.substring(10)),
                fragment(6, "0|2|" + nested.substring(0, 10)), fragment(6, "1|2|" + nested.substring(10)));
        for (Message m : garbage) {
            f.up(m, link);
        }
        assertTrue(link.ups().isEmpty(), link.ups().toString());
        assertEquals(12, lines.size(), lines.toString());
        assertTrue(logged("dropped a malformed fragment #1 from " + REMOTE + ": bad index, count or piece"));
        assertTrue(logged("count 3 differs from the 2"));
        assertTrue(logged("do not make a frame: not a Kuayu frame"));
        assertTrue(logged("make a MESSAGE of channel 'other'"));
        assertTrue(logged("make a FRAGMENT"));

        f.up(fragment(7, "1|2|" + frame.substring(9)), link);
        f.up(fragment(7, "0|2|" + frame.substring(0, 9)), link);
        assertEquals("[1,2,3]", link.lastUp().body(), "garbage leaves the next message unharmed");
    }

    @Test
    void theOldestPartialMessageMakesRoomForANewOne() {
        FragmentBehavior f = new FragmentBehavior(window, FragmentOptions.builder(200).maxPartialMessages(2).build(),
                log);
        f.up(fragment(1, "0|2|a"), link);
        browser.advance(1);
        f.up(fragment(2, "0|2|b"), link);
        browser.advance(1);
        f.up(fragment(3, "0|2|c"), link);
        assertEquals(2, f.partialCount());
        assertTrue(logged("dropped a partial message (1 of 2 fragments, 1 characters): more than 2 messages"));
        f.up(fragment(1, "1|2|a"), link);
        assertEquals(2, f.partialCount(), "a late fragment of a dropped message starts nothing");
    }

    @Test
    void partialMessagesHoldAtMostTheBufferLimit() {
        FragmentBehavior f = new FragmentBehavior(window, FragmentOptions.builder(200).maxBufferedChars(100).build(),
                log);
        f.up(fragment(1, "0|3|" + "a".repeat(40)), link);
        browser.advance(1);
        f.up(fragment(2, "0|3|" + "b".repeat(40)), link);
        browser.advance(1);
        f.up(fragment(2, "1|3|" + "b".repeat(40)), link);
        assertEquals(1, f.partialCount());
        assertTrue(logged("(1 of 3 fragments, 40 characters): more than 100 characters held"), lines.toString());
        f.up(fragment(2, "2|3|" + "b".repeat(40)), link);
        assertEquals(0, f.partialCount(), "a message larger than the limit is dropped itself");
        assertTrue(logged("(3 of 3 fragments, 120 characters): more than 100 characters held"), lines.toString());
        assertTrue(link.ups().isEmpty());
    }

    @Test
    void aPartialMessageWhoseFragmentsStopComingExpires() {
        FragmentBehavior f = new FragmentBehavior(window, FragmentOptions.builder(200).partialTimeoutMillis(5000)
                .build(), log);
        f.up(fragment(1, "0|2|a"), link);
        browser.advance(4999);
        f.up(fragment(2, "0|2|b"), link);
        assertEquals(2, f.partialCount());
        browser.advance(1);
        f.up(fragment(3, "0|2|c"), link);
        assertEquals(2, f.partialCount());
        assertTrue(logged("(1 of 2 fragments, 1 characters): no fragment of it for 5000 ms"));
        assertEquals(0, browser.pendingTimerCount(), "expiry needs no timer");
        f.stop();
        assertEquals(0, f.partialCount());
    }

    @Test
    void aLateCopyOfADeliveredMessagesFragmentStartsNothing() {
        FragmentBehavior f = fragments(200);
        String frame = WireCodec.encode(message("[true]"));
        f.up(fragment(8, "0|2|" + frame.substring(0, 5)), link);
        f.up(fragment(8, "1|2|" + frame.substring(5)), link);
        f.up(fragment(8, "1|2|" + frame.substring(5)), link);
        assertEquals(1, link.ups().size());
        assertEquals(0, f.partialCount());
    }

    /** Percent-encoding as UTF-8, as location.hash counts it: a letter 1, other ASCII 3, a CJK character 9. */
    static final FrameCost PERCENT = c -> c < 0x80 ? (Character.isLetterOrDigit(c) ? 1 : 3)
            : c < 0x800 ? 6 : c < 0x10000 ? 9 : 12;

    private static long cost(String text) {
        return text.codePoints().mapToLong(PERCENT::of).sum();
    }

    private FragmentBehavior costed(int limit) {
        return new FragmentBehavior(window, FragmentOptions.builder(limit).cost(PERCENT).build(), log);
    }

    @Test
    void withACostEveryFragmentFitsTheLimitByCostAndTheFrameComesBackWhole() {
        Message original = new Message(MessageKind.REQUEST, CHANNEL, 9, UnicodeText.of(6, 5000)).withOrigin(REMOTE);
        costed(500).down(original, link);

        List<Message> frames = received(link);
        assertTrue(frames.size() > 40, "" + frames.size());
        RecordingLink up = new RecordingLink();
        FragmentBehavior receiver = fragments(200);
        for (int i = 0; i < frames.size(); i++) {
            long cost = cost(WireCodec.encode(frames.get(i)));
            assertTrue(cost <= 500, "fragment " + i + " costs " + cost);
            if (i < frames.size() - 1) {
                // Short of the limit only by what the next character would have cost.
                assertTrue(cost > 500 - 12, "fragment " + i + " leaves room unused: " + cost);
            }
            receiver.up(frames.get(i), up);
        }
        assertEquals(original.body(), up.lastUp().body());
        assertEquals(9, up.lastUp().number());
    }

    @Test
    void aFrameIsMeasuredByItsCostNotItsLength() {
        String cjk = "\u4f60".repeat(100);
        Message m = message(cjk);
        assertTrue(WireCodec.encode(m).length() < 200 && cost(WireCodec.encode(m)) > 900);
        fragments(200).down(m, link);
        assertEquals(List.of(m), link.downs(), "by characters it fits");
        link.clear();
        costed(300).down(m, link);
        assertTrue(link.downs().size() >= 4, "by cost it is cut: " + link.downs().size());
        link.clear();
        Message ascii = message("a".repeat(300 - 54));
        costed(300).down(ascii, link);
        assertEquals(List.of(ascii), link.downs(), "letters cost one each, the four bars of the header three");
    }

    @Test
    void aCostTooHighForOnePieceDropsTheFrameWithADebugLine() {
        FragmentBehavior f = new FragmentBehavior(window, FragmentOptions.builder(200).cost(c -> c == 'x' ? 500 : 1)
                .build(), log);
        f.down(message("x".repeat(300)), link);
        assertTrue(link.downs().isEmpty());
        assertTrue(logged("leaves no room for a piece"), lines.toString());
    }

    @Test
    void optionsRefuseALimitWithoutRoomForAPiece() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FragmentOptions.builder(100));
        assertTrue(e.getMessage().contains("give at least 128"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FragmentOptions.builder(200).maxPartialMessages(0));
    }
}
