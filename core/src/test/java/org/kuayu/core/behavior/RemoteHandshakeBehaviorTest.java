package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.Json;
import org.kuayu.core.stack.RecordingLink;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

class RemoteHandshakeBehaviorTest extends BehaviorFixture {
    private RemoteHandshakeBehavior remote;
    private String session;

    @BeforeEach
    void start() {
        remote = new RemoteHandshakeBehavior(window, "test", log);
        remote.start(link);
        session = link.lastDown().body();
    }

    private void up(MessageKind kind, String channel) {
        remote.up(frame(kind, channel, "", HOST), link);
    }

    @Test
    void startsByAnnouncingAFreshSession() {
        Message hello = link.lastDown();
        assertEquals(MessageKind.HELLO, hello.kind());
        assertEquals("", hello.channel());
        assertTrue(session.matches("[0-9a-f]{32}"), session);
        RecordingLink other = new RecordingLink();
        new RemoteHandshakeBehavior(window, "test", log).start(other);
        assertNotEquals(session, other.lastDown().body(), "every page load has its own session");
        assertEquals(0, browser.pendingTimerCount(), "the remote has no handshake timeout");
    }

    @Test
    void theFirstSynBindsTheChannelAndEverySynOfItIsAcknowledged() {
        link.clear();
        up(MessageKind.SYN, "c1");
        up(MessageKind.SYN, "c1");
        assertEquals(List.of(MessageKind.ACK, MessageKind.ACK), link.downKinds());
        assertEquals("c1", link.lastDown().channel());
        assertEquals(session, Json.field(link.lastDown().body(), "session"));
    }

    @Test
    void aSynOfAnotherChannelOrWithoutOneIsIgnored() {
        link.clear();
        up(MessageKind.SYN, "");
        assertTrue(link.downs().isEmpty());
        up(MessageKind.SYN, "c1");
        up(MessageKind.SYN, "c2");
        assertEquals(List.of(MessageKind.ACK), link.downKinds());
        assertTrue(logged("ignored a SYN without a channel id"));
        assertTrue(logged("ignored a SYN for another channel"));
    }

    @Test
    void theHostsRdyTakesUpThePrivatePathAndOpens() {
        up(MessageKind.SYN, "c1");
        link.clear();
        Object port = new Object();
        remote.up(frame(MessageKind.READY, "c1", "", HOST).withAttachment(port), link);
        assertEquals(Arrays.asList(port), link.acceptedPaths());
        assertEquals(1, link.pathCount(MessageKind.OFFER_PATH), "its own half rides on the answering RDY");
        assertEquals(List.of(MessageKind.READY), link.downKinds());
        assertEquals(List.of(MessageKind.OPENED), link.upKinds());
        assertEquals(HOST, link.lastUp().origin());
    }

    @Test
    void aCopyOfTheHostsRdyOffersNoSecondPath() {
        up(MessageKind.SYN, "c1");
        link.clear();
        up(MessageKind.READY, "c1");
        Object lateHalf = new Object();
        remote.up(frame(MessageKind.READY, "c1", "", HOST).withAttachment(lateHalf), link);
        assertEquals(List.of(MessageKind.READY), link.downKinds(), "answered once");
        assertEquals(List.of(MessageKind.OPENED), link.upKinds(), "opened once");
        assertEquals(1, link.pathCount(MessageKind.OFFER_PATH), "the host, ready, would never take a second half");
        assertEquals(Arrays.asList(null, lateHalf), link.acceptedPaths(), "a host half arriving late is taken up");
    }

    @Test
    void aRdyBeforeBindingOrForAnotherChannelIsIgnored() {
        link.clear();
        up(MessageKind.READY, "c1");
        up(MessageKind.SYN, "c1");
        up(MessageKind.READY, "c2");
        assertEquals(List.of(MessageKind.ACK), link.downKinds());
        assertTrue(link.ups().isEmpty());
        assertTrue(link.acceptedPaths().isEmpty());
    }

    @Test
    void dataWaitsForTheChannelToOpen() {
        remote.down(new Message(MessageKind.MESSAGE, "", 0, "early"), link);
        up(MessageKind.SYN, "c1");
        link.clear();
        up(MessageKind.READY, "c1");
        assertEquals(List.of(MessageKind.READY, MessageKind.MESSAGE), link.downKinds());
        assertEquals("c1", link.lastDown().channel());
    }

    @Test
    void closingBeforeAnyHostConnectedSendsNothing() {
        link.clear();
        remote.down(new Message(MessageKind.CLOSE, "", 0, ""), link);
        assertTrue(link.downs().isEmpty());
        up(MessageKind.SYN, "c1");
        assertTrue(link.downs().isEmpty(), "closed: nothing answered");
    }

    @Test
    void closingABoundChannelSendsCls() {
        up(MessageKind.SYN, "c1");
        link.clear();
        remote.down(new Message(MessageKind.CLOSE, "", 0, ""), link);
        assertEquals(List.of(MessageKind.CLOSE), link.downKinds());
        assertEquals("c1", link.lastDown().channel());
    }

    /** After a reload the host closes the old session by name; the new page may hear it (document.domain). */
    @Test
    void aClsNamingAnotherSessionLeavesThisOneOpen() {
        up(MessageKind.SYN, "c1");
        up(MessageKind.READY, "c1");
        remote.up(frame(MessageKind.CLOSE, "c1", "{\"session\":\"0123456789abcdef0123456789abcdef\"}", HOST), link);
        assertEquals(List.of(MessageKind.OPENED), link.upKinds());
        remote.up(frame(MessageKind.CLOSE, "c1", "{\"session\":\"" + session + "\"}", HOST), link);
        assertEquals(List.of(MessageKind.OPENED, MessageKind.CLOSED), link.upKinds());
    }

    @Test
    void theHostsClsClosesTheChannel() {
        up(MessageKind.SYN, "c1");
        up(MessageKind.READY, "c1");
        up(MessageKind.CLOSE, "c1");
        assertEquals(List.of(MessageKind.OPENED, MessageKind.CLOSED), link.upKinds());
        assertEquals("remote", link.lastUp().body());
    }

    @Test
    void hostOnlyFramesAreIgnored() {
        link.clear();
        up(MessageKind.ACK, "c1");
        up(MessageKind.HELLO, "");
        up(MessageKind.REJECT, "c1");
        assertTrue(link.downs().isEmpty() && link.ups().isEmpty());
        assertTrue(logged("ignored ACK on the remote"));
    }

    @Test
    void shortIdsAreForLogPrefixes() {
        assertEquals("01234567", RemoteHandshakeBehavior.shortId("0123456789abcdef"));
        assertEquals("abc", RemoteHandshakeBehavior.shortId("abc"));
    }
}
