package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

class ReliableBehaviorTest extends BehaviorFixture {
    private static final String CHANNEL = "c1";
    private static final String PEER = "aaaaaaaaaaaa";
    private static final String NEW_PEER = "bbbbbbbbbbbb";

    /** When each frame passed down left, as "SEQ#n@t" or "SAK#n@t". */
    private final List<String> sendings = new ArrayList<String>();
    private final Link timed = new Link() {
        @Override
        public void down(Message m) {
            sendings.add(m.kind().code() + "#" + m.number() + "@" + browser.now());
            link.down(m);
        }

        @Override
        public void up(Message m) {
            link.up(m);
        }
    };

    private ReliableBehavior reliable(int frames) {
        return new ReliableBehavior(window, ReliableOptions.builder().window(frames).retransmitMillis(100, 400)
                .giveUp(2000, 100).build(), log);
    }

    private static Message data(String body) {
        return new Message(MessageKind.MESSAGE, CHANNEL, 0, body).withOrigin(REMOTE);
    }

    private static Message seq(String from, int gen, int seq, String body) {
        return new Message(MessageKind.SEQUENCED, CHANNEL, seq, from + "|" + gen + "||MSG|0|" + body).withOrigin(REMOTE);
    }

    private static Message sak(String from, int gen, int cumulative, String ranges) {
        return new Message(MessageKind.SEQUENCE_ACK, "", cumulative, from + "|" + gen + "|" + ranges).withOrigin(REMOTE);
    }

    private List<String> upBodies() {
        List<String> bodies = new ArrayList<String>();
        for (Message m : link.ups()) {
            bodies.add(m.kind() == MessageKind.FAILED ? "FAILED" : m.body());
        }
        return bodies;
    }

    private List<Message> downs(MessageKind kind) {
        List<Message> found = new ArrayList<Message>();
        for (Message m : link.downs()) {
            if (m.kind() == kind) {
                found.add(m);
            }
        }
        return found;
    }

    @Test
    void framesAreNumberedFromOneAndCarryTheFrameTheyWrap() {
        ReliableBehavior r = reliable(4);
        r.down(data("{\"a\":\"x|y\"}"), link);
        r.down(new Message(MessageKind.REQUEST, CHANNEL, 7, "[2]").withOrigin(REMOTE), link);
        r.down(Message.local(MessageKind.DROP_PATH, ""), link);
        r.down(new Message(MessageKind.MESSAGE, CHANNEL, 0, "1"), link);

        List<Message> sent = link.downs();
        assertEquals(2, sent.size());
        String me = sent.get(0).body().substring(0, 12);
        assertTrue(me.matches("[0-9a-f]{12}"), me);
        assertEquals("kuayu1|SEQ|c1|1|" + me + "|0||MSG|0|{\"a\":\"x|y\"}", WireCodec.encode(sent.get(0)));
        assertEquals("kuayu1|SEQ|c1|2|" + me + "|0||REQ|7|[2]", WireCodec.encode(sent.get(1)));
        assertEquals(REMOTE, sent.get(1).origin());
        assertEquals(1, link.instructionCount(MessageKind.DROP_PATH), "instructions pass at once, unsequenced");
        assertTrue(logged("dropped an outgoing MESSAGE with no target origin"));
        assertEquals(2, r.pendingCount());
    }

    @Test
    void theWindowIsARangeOfNumbersAboveTheOldestUnacknowledgedFrame() {
        ReliableBehavior r = reliable(2);
        for (int i = 1; i <= 5; i++) {
            r.down(data("" + i), link);
        }
        assertEquals(2, downs(MessageKind.SEQUENCED).size());
        r.up(sak(PEER, 0, 0, "2"), link);
        assertEquals(2, downs(MessageKind.SEQUENCED).size(), "#2 is acknowledged but #1 still holds the window");
        r.up(sak(PEER, 0, 1, ""), link);
        List<Message> sent = downs(MessageKind.SEQUENCED);
        assertEquals(List.of(1, 2, 3, 4), List.of(sent.get(0).number(), sent.get(1).number(),
                sent.get(2).number(), sent.get(3).number()));
        assertEquals(3, r.pendingCount());
    }

    @Test
    void onlyWhatIsNotAcknowledgedIsSentAgainWithDoublingWaitsUpToTheCap() {
        ReliableBehavior r = reliable(4);
        r.up(seq(PEER, 0, 1, "hi"), timed);
        for (int i = 1; i <= 4; i++) {
            r.down(data("" + i), timed);
        }
        r.up(sak(PEER, 0, 0, "2-3"), timed);
        browser.advance(1600);
        List<String> again = new ArrayList<String>();
        for (String s : sendings) {
            if (s.startsWith("SEQ#1@") || s.startsWith("SEQ#4@")) {
                again.add(s);
            }
        }
        assertEquals(List.of("SEQ#1@0", "SEQ#4@0", "SEQ#1@100", "SEQ#4@100", "SEQ#1@300", "SEQ#4@300",
                "SEQ#1@700", "SEQ#4@700", "SEQ#1@1100", "SEQ#4@1100", "SEQ#1@1500", "SEQ#4@1500"), again);
        assertEquals(2, sendings.stream().filter(s -> s.startsWith("SEQ#2@") || s.startsWith("SEQ#3@")).count());
    }

    @Test
    void framesGoUpOnceInOrderAndABurstIsAcknowledgedOnce() {
        ReliableBehavior r = reliable(1);
        r.up(seq(PEER, 0, 2, "b"), link);
        r.up(seq(PEER, 0, 1, "a"), link);
        r.up(seq(PEER, 0, 2, "b"), link);
        r.up(seq(PEER, 0, 3, "c|d\n"), link);
        assertEquals(List.of("a", "b", "c|d\n"), upBodies());
        assertEquals(List.of(MessageKind.MESSAGE, MessageKind.MESSAGE, MessageKind.MESSAGE), link.upKinds());
        assertEquals(REMOTE, link.lastUp().origin());
        assertEquals(CHANNEL, link.lastUp().channel());
        assertTrue(link.downs().isEmpty(), "acknowledged in a task of its own");
        browser.runUntilIdle();
        assertEquals(1, link.downs().size());
        Message ack = link.lastDown();
        assertEquals(MessageKind.SEQUENCE_ACK, ack.kind());
        assertEquals(3, ack.number());
        assertTrue(ack.body().matches("[0-9a-f]{12}\\|0\\|"), ack.body());
        assertEquals(REMOTE, ack.origin());

        r.up(seq(PEER, 0, 1, "a"), link);
        browser.runUntilIdle();
        assertEquals(2, link.downs().size(), "a copy is acknowledged again: the first receipt may have been lost");
        assertEquals(3, upBodies().size());
    }

    @Test
    void anAnswerCarriesTheReceiptOfItsQuestionInsteadOfAnAcknowledgement() {
        ReliableBehavior r = reliable(1);
        r.up(seq(PEER, 0, 1, "question"), link);
        r.down(data("answer"), link);
        browser.advance(1);
        assertEquals(List.of(MessageKind.SEQUENCED), link.downKinds(), "no SAK: the answer says it all");
        assertTrue(link.lastDown().body().matches("[0-9a-f]{12}\\|0\\|0\\.1\\|MSG\\|0\\|answer"),
                link.lastDown().body());

        r.up(new Message(MessageKind.SEQUENCED, CHANNEL, 2, PEER + "|0|0.1|MSG|0|thanks").withOrigin(REMOTE), link);
        assertEquals(0, r.pendingCount(), "the peer's next frame acknowledged the answer");
        r.up(seq(PEER, 0, 4, "early"), link);
        r.down(data("more"), link);
        browser.advance(1);
        assertTrue(link.lastDown().kind() == MessageKind.SEQUENCE_ACK && link.lastDown().body().endsWith("|0|4"),
                "a receipt with ranges is still sent: " + link.lastDown());
        assertEquals(List.of("question", "thanks"), upBodies());
    }

    @Test
    void theReceiptNamesTheRangesHeldAboveTheCumulativeNumber() {
        ReliableBehavior r = reliable(1);
        for (int n : new int[] {1, 3, 4, 6, 300}) {
            r.up(seq(PEER, 0, n, "" + n), link);
        }
        browser.runUntilIdle();
        assertEquals(1, link.lastDown().number());
        assertTrue(link.lastDown().body().endsWith("|0|3-4,6"), "#300 is beyond the window: " + link.lastDown());
        r.up(seq(PEER, 0, 2, "2"), link);
        assertEquals(List.of("1", "2", "3", "4"), upBodies());
    }

    @Test
    void aReceiptHoldsAtMostSixteenRangesAndFitsTheFrameLimit() {
        ReliableBehavior unlimited = reliable(1);
        ReliableBehavior limited = new ReliableBehavior(window, ReliableOptions.builder().maxFrameLength(128).build(),
                log);
        for (int n = 100; n < 250; n += 3) {
            for (ReliableBehavior r : List.of(unlimited, limited)) {
                r.up(seq(PEER, 0, n, "x"), link);
                r.up(seq(PEER, 0, n + 1, "x"), link);
            }
        }
        browser.runUntilIdle();
        String all = link.downs().get(0).body();
        assertEquals(16, all.substring(all.lastIndexOf('|') + 1).split(",").length, all);
        assertTrue(all.endsWith("|100-101,103-104,106-107,109-110,112-113,115-116,118-119,121-122,124-125,127-128,"
                + "130-131,133-134,136-137,139-140,142-143,145-146"), all);
        String frame = WireCodec.encode(link.downs().get(1));
        assertTrue(frame.length() <= 128 && frame.length() > 120, frame.length() + ": " + frame);
        assertTrue(frame.endsWith("|100-101,103-104,106-107,109-110,112-113,115-116,118-119,121-122,124-125,127-128,"
                + "130-131,133-134"), frame);
    }

    @Test
    void aFrameUnacknowledgedForTheGiveUpTimeFailsTheChannel() {
        ReliableBehavior r = reliable(1);
        r.up(seq(PEER, 0, 1, "hi"), link);
        browser.advance(10);
        r.down(data("lost"), link);
        browser.advance(1999);
        assertTrue(!upBodies().contains("FAILED"));
        browser.advance(1);
        assertEquals("FAILED", upBodies().get(upBodies().size() - 1));
        assertEquals(ErrorCode.TRANSMISSION_FAILED, Json.readError(link.lastUp().body(), ErrorCode.CLOSED).code());
        assertTrue(Json.readError(link.lastUp().body(), ErrorCode.CLOSED).getMessage()
                .contains("no acknowledgement of frame #1"), link.lastUp().body());
        assertEquals(0, browser.pendingTimerCount());
        assertEquals(0, r.pendingCount());

        r.down(data("after"), link);
        r.up(seq(PEER, 0, 2, "after"), link);
        assertTrue(logged("dropped an outgoing MESSAGE: reliable delivery has stopped"));
        assertEquals(2, link.ups().size());
        assertEquals(0, browser.pendingTimerCount());
    }

    /** Sequence numbers are 9 digits at most and never wrap (a wrapped number would pass for an old copy). */
    @Test
    void theBillionthFrameIsTheLastAndTheChannelFailsInsteadOfWrapping() {
        ReliableBehavior r = reliable(4);
        setField(field(r, "sender"), "nextSeq", 999999999);
        r.down(data("last"), link);
        r.down(data("one too many"), link);
        assertEquals(999999999, link.downs().get(0).number());
        assertEquals(1, link.downs().size(), link.downs().toString());
        assertEquals("FAILED", upBodies().get(upBodies().size() - 1));
        assertTrue(Json.readError(link.lastUp().body(), ErrorCode.CLOSED).getMessage()
                .contains("sequence numbers are exhausted"), link.lastUp().body());
    }

    @Test
    void aFrameSentTooOftenFailsTheChannel() {
        ReliableBehavior r = new ReliableBehavior(window, ReliableOptions.builder().retransmitMillis(100, 100)
                .giveUp(100000, 3).build(), log);
        r.up(sak(PEER, 0, 0, ""), link);
        r.down(data("lost"), timed);
        browser.runUntilIdle();
        assertEquals(List.of("SEQ#1@0", "SEQ#1@100", "SEQ#1@200"), sendings);
        assertEquals(List.of("FAILED"), upBodies());
        assertEquals(300, browser.now());
    }

    @Test
    void beforeThePeerWasEverHeardFromThereIsNoGivingUp() {
        ReliableBehavior r = reliable(1);
        r.down(data("hello?"), timed);
        browser.advance(60000);
        assertTrue(link.ups().isEmpty());
        assertTrue(sendings.size() > 140, "every 400 ms at most: " + sendings.size());

        r.up(seq(PEER, 0, 1, "here"), timed);
        long contact = browser.now();
        sendings.clear();
        browser.advance(100);
        assertEquals(List.of("SAK#1@" + contact, "SEQ#1@" + (contact + 100)), sendings,
                "sent again soon after contact");
        browser.advance(1899);
        assertEquals(List.of("here"), upBodies());
        browser.advance(1);
        assertEquals(List.of("here", "FAILED"), upBodies(), "the give-up clock starts at contact");
    }

    @Test
    void stopCancelsEveryTimer() {
        ReliableBehavior r = reliable(4);
        r.down(data("1"), link);
        r.up(seq(PEER, 0, 1, "a"), link);
        assertEquals(2, browser.pendingTimerCount());
        r.stop();
        assertEquals(0, browser.pendingTimerCount());
        r.up(seq(PEER, 0, 2, "b"), link);
        browser.runUntilIdle();
        assertEquals(List.of("a"), upBodies());
        assertEquals(1, link.downs().size());
    }

    @Test
    void aNewPeerPageRestartsBothStreamsAndItsPredecessorIsIgnored() {
        ReliableBehavior r = reliable(4);
        r.up(seq(PEER, 0, 1, "a"), link);
        for (int i = 1; i <= 3; i++) {
            r.down(data("old " + i), link);
        }
        assertEquals(3, r.pendingCount());

        r.up(seq(NEW_PEER, 0, 1, "hello"), link);
        assertEquals(List.of("a", "hello"), upBodies());
        assertEquals(0, r.pendingCount(), "what was meant for the old page is dropped");
        assertTrue(logged("the peer page changed (" + PEER + " -> " + NEW_PEER + "): dropped 3 frames"));
        link.clear();
        r.down(data("new"), link);
        Message first = link.lastDown();
        assertEquals(1, first.number());
        assertTrue(first.body().matches("[0-9a-f]{12}\\|1\\|0\\.1\\|MSG\\|0\\|new"), first.body());

        r.up(seq(PEER, 0, 2, "stale"), link);
        r.up(sak(PEER, 0, 1, ""), link);
        assertTrue(logged("ignored a frame of the peer's earlier page " + PEER));
        r.up(sak(NEW_PEER, 0, 1, ""), link);
        assertEquals(1, r.pendingCount(), "a receipt of the old stream does not count");
        r.up(sak(NEW_PEER, 1, 1, ""), link);
        assertEquals(0, r.pendingCount());
        r.up(seq(NEW_PEER, 0, 2, "more"), link);
        assertEquals(List.of("more"), upBodies());
    }

    /** A remote bound to its host (BIND) keeps hearing it: a frame with a made-up incarnation changes nothing. */
    @Test
    void onceBoundTheHostsPageNeverChanges() {
        ReliableBehavior r = reliable(4);
        r.up(seq(PEER, 0, 1, "\"syn\""), timed);
        r.down(Message.local(MessageKind.BIND, ""), timed);
        assertEquals(1, link.instructionCount(MessageKind.BIND), "BIND goes on to the transport");
        r.up(seq(NEW_PEER, 0, 1, "\"forged\""), timed);
        r.up(seq(PEER, 0, 2, "\"real\""), timed);
        browser.runUntilIdle();
        assertEquals(List.of("\"syn\"", "\"real\""), upBodies());
        assertTrue(logged("ignored a frame of another page than the bound host's (" + NEW_PEER + ")"), lines.toString());
        r.stop();
    }

    @Test
    void theReceiverRestartsOnAHigherGenerationAndIgnoresALowerOne() {
        ReliableBehavior r = reliable(1);
        r.up(seq(PEER, 0, 1, "a"), link);
        r.up(seq(PEER, 0, 2, "b"), link);
        r.up(seq(PEER, 1, 1, "c"), link);
        r.up(seq(PEER, 0, 3, "d"), link);
        r.up(seq(PEER, 1, 2, "e"), link);
        assertEquals(List.of("a", "b", "c", "e"), upBodies());
        browser.runUntilIdle();
        assertTrue(link.lastDown().body().endsWith("|1|") && link.lastDown().number() == 2, "" + link.lastDown());
    }

    @Test
    void malformedFramesAreDroppedWithADebugLine() {
        ReliableBehavior r = reliable(1);
        String[] badSeq = {"", "p", "p|x||MSG|0|", "p|1000000000||MSG|0|", "p|0||MSG|1234567890|",
            "P|0||MSG|0|", "p|0||XYZ|0|", "p|0||SEQ|0|", "p|0||MSG|-1|",
            "p|0||MSG", "p|0|MSG|0|", "p|0|1|MSG|0|", "p|0|.1|MSG|0|", "p|0|1.|MSG|0|", "p|0|a.1|MSG|0|"};
        for (String body : badSeq) {
            r.up(new Message(MessageKind.SEQUENCED, CHANNEL, 1, body).withOrigin(REMOTE), link);
        }
        r.up(new Message(MessageKind.SEQUENCED, CHANNEL, 0, "p|0||MSG|0|zero"), link);
        String[] badAck = {"", "p", "p|1000000000|", "p|0|1-1000000000", "p|0|5-3", "p|0|a", "p|0|1,", "p|0|-1"};
        for (String body : badAck) {
            r.up(new Message(MessageKind.SEQUENCE_ACK, "", 0, body).withOrigin(REMOTE), link);
        }
        r.up(sak("p", 0, 5, ""), link);
        r.up(data("plain"), link);
        assertTrue(link.ups().isEmpty(), link.ups().toString());
        assertEquals(badSeq.length + 1 + badAck.length + 2, lines.size(), lines.toString());
        assertTrue(logged("dropped a malformed SEQ #1 from " + REMOTE));
        assertTrue(logged("dropped a malformed SAK from " + REMOTE));
        assertTrue(logged("dropped an acknowledgement of frame #5, which was never sent"));
        assertTrue(logged("ignored an unsequenced MESSAGE"));
        browser.runUntilIdle();
        assertTrue(link.downs().isEmpty());
    }

    @Test
    void aClosingChannelsLastFramesGoAtOnceInOrderWhateverTheWindow() {
        ReliableBehavior r = reliable(1);
        r.down(data("1"), link);
        r.down(data("2"), link);
        r.down(new Message(MessageKind.CLOSE, CHANNEL, 0, "").withOrigin(REMOTE), link);
        assertEquals(1, downs(MessageKind.SEQUENCED).size(), "the window holds the others back");

        r.up(Message.local(MessageKind.CLOSED, "local"), link);
        List<Message> sent = downs(MessageKind.SEQUENCED);
        assertEquals(3, sent.size(), "nothing the page sent is dropped at close");
        assertEquals(2, sent.get(1).number(), "numbered right after the frame in flight");
        assertTrue(sent.get(1).body().contains("|MSG|0|2"), sent.get(1).body());
        assertEquals(3, sent.get(2).number());
        assertTrue(sent.get(2).body().contains("|CLS|0|"), sent.get(2).body());
        assertEquals(MessageKind.CLOSED, link.lastUp().kind(), "the close goes on up");
    }

    @Test
    void theReserveCountedByATransportsCostBoundsTheLongestHeader() {
        assertEquals(ReliableBehavior.MAX_OVERHEAD, ReliableBehavior.maxOverhead(null));
        // Five bars and a dot cost 3 each when percent-encoded; digits, hex and capitals 1.
        assertEquals(ReliableBehavior.MAX_OVERHEAD + 12, ReliableBehavior.maxOverhead(FragmentBehaviorTest.PERCENT));
        String worst = "999999999|ffffffffffff|999999999|999999999.999999999|MSG|";
        assertEquals(ReliableBehavior.MAX_OVERHEAD, worst.length(), "the added text of a SEQ at its longest");
        long cost = 0;
        for (char c : worst.toCharArray()) {
            cost += FragmentBehaviorTest.PERCENT.of(c);
        }
        assertEquals(ReliableBehavior.maxOverhead(FragmentBehaviorTest.PERCENT), cost);
    }

    @Test
    void optionsRefuseWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> ReliableOptions.builder().window(0));
        assertThrows(IllegalArgumentException.class, () -> ReliableOptions.builder().window(257));
        assertThrows(IllegalArgumentException.class, () -> ReliableOptions.builder().retransmitMillis(500, 100));
        assertThrows(IllegalArgumentException.class, () -> ReliableOptions.builder().giveUp(0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReliableOptions.builder().maxFrameLength(100));
        assertTrue(e.getMessage().contains("at least 128"), e.getMessage());
    }
}
