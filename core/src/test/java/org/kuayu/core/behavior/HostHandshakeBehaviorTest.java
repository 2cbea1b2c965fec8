package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;
import org.kuayu.core.stack.Link;
import org.kuayu.core.stack.RecordingTransport;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

class HostHandshakeBehaviorTest extends BehaviorFixture {
    private static final int TIMEOUT = 1000;
    private HostHandshakeBehavior host;

    @BeforeEach
    void start() {
        host = new HostHandshakeBehavior(window, RecordingTransport.NAME, log, "c1", REMOTE, TIMEOUT);
        host.start(link);
    }

    private void up(MessageKind kind, String channel, String body) {
        host.up(frame(kind, channel, body, REMOTE), link);
    }

    private static String ack(String session) {
        return "{\"session\":\"" + session + "\"}";
    }

    /** Runs the handshake to READY with remote session {@code session}. */
    private void open(String session) {
        up(MessageKind.ACK, "c1", ack(session));
        up(MessageKind.READY, "c1", "");
    }

    private KuayuException failure() {
        Message failed = link.lastUp();
        assertEquals(MessageKind.FAILED, failed.kind());
        return Json.readError(failed.body(), ErrorCode.CLOSED);
    }

    @Test
    void startsWithSynNamingTheTransport() {
        Message syn = link.lastDown();
        assertEquals(MessageKind.SYN, syn.kind());
        assertEquals("c1", syn.channel());
        assertEquals("{\"v\":1,\"transport\":\"" + RecordingTransport.NAME + "\"}", syn.body());
        assertEquals(1, browser.pendingTimerCount(), "the handshake timer");
    }

    @Test
    void helloAndEveryFrameLoadRepeatTheSyn() {
        link.clear();
        up(MessageKind.HELLO, "", "s1");
        host.up(Message.local(MessageKind.LOADED, ""), link);
        assertEquals(List.of(MessageKind.SYN, MessageKind.SYN), link.downKinds());
        up(MessageKind.HELLO, "", "");
        up(MessageKind.HELLO, "", "x".repeat(65));
        assertEquals(2, link.downs().size(), "a HEL without a sane session is ignored");
    }

    @Test
    void anAckOffersThePrivatePathWithRdyAndTheRemoteRdyOpens() {
        link.clear();
        up(MessageKind.ACK, "c1", ack("s1"));
        assertEquals(1, link.pathCount(MessageKind.OFFER_PATH));
        assertEquals(List.of(MessageKind.READY), link.downKinds());
        assertEquals("c1", link.lastDown().channel());
        assertTrue(link.ups().isEmpty(), "not ready before the remote's RDY");

        Object remoteHalf = new Object();
        host.up(frame(MessageKind.READY, "c1", "", REMOTE).withAttachment(remoteHalf), link);
        assertEquals(Arrays.asList(remoteHalf), link.acceptedPaths(), "the remote's half is taken up");
        Message opened = link.lastUp();
        assertEquals(MessageKind.OPENED, opened.kind());
        assertEquals(RecordingTransport.NAME, opened.body());
        assertEquals(REMOTE, opened.origin());
        assertEquals(0, browser.pendingTimerCount(), "the handshake timer is cancelled");
    }

    @Test
    void theRemotesHalfArrivingOnACopyOfItsRdyIsTakenUp() {
        up(MessageKind.ACK, "c1", ack("s1"));
        up(MessageKind.READY, "c1", "");
        Object lateHalf = new Object();
        host.up(frame(MessageKind.READY, "c1", "", REMOTE).withAttachment(lateHalf), link);
        assertEquals(Arrays.asList(null, lateHalf), link.acceptedPaths());
        assertEquals(List.of(MessageKind.OPENED), link.upKinds(), "opened once");
    }

    @Test
    void aRepeatedAckOfTheSameSessionIsIgnored() {
        up(MessageKind.ACK, "c1", ack("s1"));
        up(MessageKind.ACK, "c1", ack("s1"));
        assertEquals(1, link.pathCount(MessageKind.OFFER_PATH));
        assertEquals(List.of(MessageKind.SYN, MessageKind.READY), link.downKinds());
    }

    @Test
    void framesOfAnotherChannelOrWithoutASessionAreIgnored() {
        up(MessageKind.ACK, "c2", ack("s1"));
        up(MessageKind.ACK, "c1", "{}");
        up(MessageKind.ACK, "c1", "not json");
        up(MessageKind.READY, "c1", "");
        assertEquals(0, link.pathCount(MessageKind.OFFER_PATH));
        assertTrue(link.ups().isEmpty());
        up(MessageKind.ACK, "c1", ack("s1"));
        up(MessageKind.READY, "c2", "");
        up(MessageKind.REJECT, "c2", Json.error(ErrorCode.ORIGIN_REJECTED, "x"));
        assertTrue(link.ups().isEmpty());
    }

    @Test
    void dataSentBeforeReadyIsQueuedThenSentInOrderOnTheChannel() {
        host.down(new Message(MessageKind.MESSAGE, "", 0, "1"), link);
        host.down(new Message(MessageKind.REQUEST, "", 7, "2"), link);
        assertEquals(List.of(MessageKind.SYN), link.downKinds());
        open("s1");
        assertEquals(List.of(MessageKind.SYN, MessageKind.READY, MessageKind.MESSAGE, MessageKind.REQUEST),
                link.downKinds());
        assertEquals("c1", link.lastDown().channel());
        assertEquals(7, link.lastDown().number());
        host.down(new Message(MessageKind.MESSAGE, "", 0, "3"), link);
        assertEquals("3", link.lastDown().body());
    }

    @Test
    void dataSentWhileHandlingReadyGoesAfterTheQueuedData() {
        final List<String> sent = new ArrayList<String>();
        Link reentrant = new Link() {
            @Override
            public void down(Message m) {
                if (!m.kind().isPathInstruction()) {
                    sent.add(m.kind() + " " + m.body());
                }
            }

            @Override
            public void up(Message m) {
                if (m.kind() == MessageKind.OPENED) {
                    host.down(new Message(MessageKind.MESSAGE, "", 0, "sent in onReady"), this);
                }
            }
        };
        host.down(new Message(MessageKind.MESSAGE, "", 0, "queued"), reentrant);
        host.up(frame(MessageKind.ACK, "c1", ack("s1"), REMOTE), reentrant);
        host.up(frame(MessageKind.READY, "c1", "", REMOTE), reentrant);
        assertEquals(List.of("READY ", "MESSAGE queued", "MESSAGE sent in onReady"), sent);
    }

    @Test
    void dataPassesUpOnlyWhileReadyAndOnlyForThisChannel() {
        up(MessageKind.MESSAGE, "c1", "early");
        open("s1");
        up(MessageKind.MESSAGE, "c2", "other channel");
        up(MessageKind.MESSAGE, "c1", "mine");
        up(MessageKind.RESPONSE, "c1", "reply");
        assertEquals(List.of(MessageKind.OPENED, MessageKind.MESSAGE, MessageKind.RESPONSE), link.upKinds());
        assertEquals("mine", link.ups().get(1).body());
        assertTrue(logged("ignored MESSAGE on channel 'c1' in state CONNECTING"));
        assertTrue(logged("ignored MESSAGE on channel 'c2' in state READY"));
    }

    @Test
    void aRejectFailsWithTheRemotesReason() {
        up(MessageKind.REJECT, "c1", Json.error(ErrorCode.ORIGIN_REJECTED, "add http://host.test to allowedOrigins"));
        KuayuException e = failure();
        assertEquals(ErrorCode.ORIGIN_REJECTED, e.code());
        assertEquals("add http://host.test to allowedOrigins", e.getMessage());
        assertEquals(0, browser.pendingTimerCount());
        link.clear();
        open("s1");
        host.down(new Message(MessageKind.MESSAGE, "", 0, "1"), link);
        assertTrue(link.downs().isEmpty() && link.ups().isEmpty(), "nothing after failing");
    }

    @Test
    void noReadyChannelWithinTheTimeoutFailsWithTimeout() {
        up(MessageKind.ACK, "c1", ack("s1"));
        browser.advance(TIMEOUT - 1);
        assertTrue(link.ups().isEmpty());
        browser.advance(1);
        KuayuException e = failure();
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains(REMOTE) && e.getMessage().contains(HOST), e.getMessage());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void aNewRemoteSessionWhileReadyResetsAndOpensAgain() {
        open("s1");
        link.clear();
        up(MessageKind.HELLO, "", "s2");
        assertEquals(List.of(MessageKind.RESET), link.upKinds());
        assertEquals(List.of(MessageKind.CLOSE, MessageKind.SYN), link.downKinds(),
                "the old session is told it is over (over its own path), then the new page is greeted");
        assertEquals(1, link.pathCount(MessageKind.DROP_PATH), "the old private path is dropped on the reset");

        host.down(new Message(MessageKind.MESSAGE, "", 0, "while re-opening"), link);
        assertEquals(List.of(MessageKind.CLOSE, MessageKind.SYN), link.downKinds(), "queued");
        open("s2");
        assertEquals(List.of(MessageKind.CLOSE, MessageKind.SYN, MessageKind.READY, MessageKind.MESSAGE),
                link.downKinds());
        assertEquals(List.of(MessageKind.RESET, MessageKind.OPENED), link.upKinds());
        assertEquals(1, link.pathCount(MessageKind.OFFER_PATH), "a new half is offered to the new page");
    }

    @Test
    void theSameSessionSayingHelloAgainChangesNothing() {
        open("s1");
        link.clear();
        up(MessageKind.HELLO, "", "s1");
        assertTrue(link.ups().isEmpty() && link.downs().isEmpty());
    }

    @Test
    void anAckWithANewSessionWhileReadyResets() {
        open("s1");
        link.clear();
        up(MessageKind.ACK, "c1", ack("s2"));
        assertEquals(List.of(MessageKind.RESET), link.upKinds());
        assertEquals(List.of(MessageKind.CLOSE, MessageKind.READY), link.downKinds());
    }

    @Test
    void noNewPageWithinTheTimeoutOfAReloadFailsWithTimeout() {
        open("s1");
        up(MessageKind.HELLO, "", "s2");
        browser.advance(TIMEOUT);
        KuayuException e = failure();
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("reloaded"), e.getMessage());
    }

    @Test
    void aFrameLoadWithoutANewSessionIsProbedThenFailsWithTransmissionFailed() {
        open("s1");
        link.clear();
        host.up(Message.local(MessageKind.LOADED, ""), link);
        assertEquals(List.of(MessageKind.SYN), link.downKinds());
        browser.advance(TIMEOUT);
        KuayuException e = failure();
        assertEquals(ErrorCode.TRANSMISSION_FAILED, e.code());
        assertTrue(e.getMessage().contains("navigated"), e.getMessage());
    }

    @Test
    void aProbeAnsweredByTheSameSessionKeepsTheChannel() {
        open("s1");
        host.up(Message.local(MessageKind.LOADED, ""), link);
        up(MessageKind.ACK, "c1", ack("s1"));
        browser.advance(10 * TIMEOUT);
        assertEquals(List.of(MessageKind.OPENED), link.upKinds());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void aReloadWhoseLoadArrivesBeforeItsHelloKeepsTheChannel() {
        open("s1");
        host.up(Message.local(MessageKind.LOADED, ""), link);
        up(MessageKind.HELLO, "", "s2");
        open("s2");
        browser.advance(10 * TIMEOUT);
        assertEquals(List.of(MessageKind.OPENED, MessageKind.RESET, MessageKind.OPENED), link.upKinds());
        assertEquals(0, browser.pendingTimerCount(), "the probe was answered by the new page");
    }

    @Test
    void closeFromTheRemoteClosesOnce() {
        open("s1");
        up(MessageKind.CLOSE, "c2", "");
        assertEquals(List.of(MessageKind.OPENED), link.upKinds(), "another channel's close");
        up(MessageKind.CLOSE, "c1", "");
        up(MessageKind.CLOSE, "c1", "");
        assertEquals(List.of(MessageKind.OPENED, MessageKind.CLOSED), link.upKinds());
        assertEquals("remote", link.lastUp().body());
        up(MessageKind.MESSAGE, "c1", "late");
        assertEquals(2, link.ups().size());
    }

    @Test
    void closingSendsClsAndStopsEverything() {
        up(MessageKind.ACK, "c1", ack("s1"));
        link.clear();
        host.down(new Message(MessageKind.CLOSE, "", 0, ""), link);
        assertEquals(List.of(MessageKind.CLOSE), link.downKinds());
        assertEquals("c1", link.lastDown().channel());
        host.down(new Message(MessageKind.MESSAGE, "", 0, "late"), link);
        host.down(new Message(MessageKind.CLOSE, "", 0, ""), link);
        assertEquals(1, link.downs().size());
        assertTrue(logged("dropped MESSAGE: the channel is closed"));
        assertEquals(0, browser.pendingTimerCount());
        browser.advance(10 * TIMEOUT);
        assertTrue(link.ups().isEmpty(), "no TIMEOUT after close");
    }

    @Test
    void localEventsFromBelowPassUp() {
        host.up(Message.local(MessageKind.FAILED, Json.error(ErrorCode.TRANSPORT_UNAVAILABLE, "x")), link);
        assertEquals(List.of(MessageKind.FAILED), link.upKinds());
        assertFalse(logged("ignored"));
    }

    /** A dropped connection (WebSocket): like a reload, but with the page's notice and no handshake timer. */
    @Test
    void aDroppedConnectionResetsWithItsNoticeAndWaitsForTheServersHello() {
        open("s1");
        link.clear();
        String notice = Json.error(ErrorCode.TRANSMISSION_FAILED, "dropped (code 1006)");
        host.up(Message.local(MessageKind.DROPPED, notice), link);
        assertEquals(MessageKind.RESET, link.lastUp().kind());
        assertEquals(notice, link.lastUp().body());
        assertEquals(0, browser.pendingTimerCount(), "no timer: the transport reconnects for as long as it takes");
        browser.advance(60000);
        assertEquals(MessageKind.RESET, link.lastUp().kind(), "nothing failed meanwhile");

        link.clear();
        up(MessageKind.HELLO, "", "s2");
        assertEquals(List.of(MessageKind.SYN), link.downKinds());
        open("s2");
        assertEquals(MessageKind.OPENED, link.lastUp().kind());
    }
}
