package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.stack.RecordingLink;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

class OriginBehaviorTest {
    private static final String HOST = "http://host.test";
    private static final String REMOTE = "http://remote.test";
    private static final String EVIL = "http://evil.test";

    private final List<String> lines = new ArrayList<String>();
    private final DebugLog log = DebugLog.to(lines::add, "");
    private final RecordingLink link = new RecordingLink();

    private static Message from(String origin, MessageKind kind) {
        return new Message(kind, "c1", 0, "").withOrigin(origin);
    }

    private OriginBehavior remote(String hint, String... allowed) {
        return OriginBehavior.forRemote(Arrays.asList(allowed), false, hint, log);
    }

    @Test
    void theHostHearsOnlyTheRemoteOrigin() {
        OriginBehavior host = OriginBehavior.forHost(REMOTE, log);
        host.up(from(REMOTE, MessageKind.ACK), link);
        host.up(from(EVIL, MessageKind.ACK), link);
        host.up(from("http://remote.test:8080", MessageKind.MESSAGE), link);
        host.up(from("https://remote.test", MessageKind.MESSAGE), link);
        assertEquals(List.of(MessageKind.ACK), link.upKinds());
        assertEquals(REMOTE, link.lastUp().origin());
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("ignored ACK from " + EVIL), lines.get(0));
        assertEquals(REMOTE, host.peer());
    }

    @Test
    void localEventsPassWithoutAnOrigin() {
        OriginBehavior host = OriginBehavior.forHost(REMOTE, log);
        host.up(Message.local(MessageKind.LOADED, ""), link);
        assertEquals(List.of(MessageKind.LOADED), link.upKinds());
        assertTrue(lines.isEmpty());
    }

    @Test
    void theHostAddressesEveryFrameToTheRemoteOriginOnly() {
        OriginBehavior host = OriginBehavior.forHost(REMOTE, log);
        host.down(new Message(MessageKind.SYN, "c1", 0, ""), link);
        host.down(new Message(MessageKind.MESSAGE, "c1", 0, "1").withOrigin("http://explicit.test"), link);
        assertEquals(REMOTE, link.downs().get(0).origin());
        assertEquals("http://explicit.test", link.downs().get(1).origin(), "an explicit target is kept");
    }

    @Test
    void theRemoteBindsToTheFirstAllowedSynAndThenHearsOnlyIt() {
        OriginBehavior remote = remote(HOST, HOST, "http://second.test");
        assertNull(remote.peer());
        remote.up(from(HOST, MessageKind.SYN), link);
        assertEquals(HOST, remote.peer());
        remote.up(from("http://second.test", MessageKind.SYN), link);
        remote.up(from(EVIL, MessageKind.MESSAGE), link);
        remote.up(from(HOST, MessageKind.MESSAGE), link);
        assertEquals(List.of(MessageKind.SYN, MessageKind.MESSAGE), link.upKinds());
        assertTrue(lines.get(0).contains("talks to " + HOST + " only"), lines.get(0));

        remote.down(new Message(MessageKind.ACK, "c1", 0, ""), link);
        assertEquals(HOST, link.lastDown().origin());
    }

    @Test
    void theRemoteIgnoresAnythingButSynBeforeBinding() {
        OriginBehavior remote = remote(HOST, HOST);
        remote.up(from(HOST, MessageKind.READY), link);
        remote.up(from(HOST, MessageKind.MESSAGE), link);
        assertTrue(link.ups().isEmpty());
        assertNull(remote.peer());
        assertTrue(lines.get(0).contains("before any handshake"), lines.get(0));
    }

    @Test
    void aRefusedOriginGetsRejectAddressedToItAlone() {
        OriginBehavior remote = remote(EVIL, HOST);
        remote.up(from(EVIL, MessageKind.SYN), link);
        assertTrue(link.ups().isEmpty());
        assertNull(remote.peer(), "not bound to the refused origin");
        Message reject = link.lastDown();
        assertEquals(MessageKind.REJECT, reject.kind());
        assertEquals("c1", reject.channel());
        assertEquals(EVIL, reject.origin());
        assertEquals(ErrorCode.ORIGIN_REJECTED, Json.readError(reject.body(), ErrorCode.REMOTE_ERROR).code());
        assertTrue(Json.readError(reject.body(), ErrorCode.REMOTE_ERROR).getMessage().contains("allowedOrigins"));
        assertTrue(lines.get(0).contains("refused a connection from " + EVIL), lines.get(0));

        remote.up(from(HOST, MessageKind.SYN), link);
        assertEquals(HOST, remote.peer(), "an allowed host may still connect");
    }

    @Test
    void allowAnyOriginBindsToWhoeverConnectsFirst() {
        OriginBehavior remote = OriginBehavior.forRemote(Collections.<String>emptyList(), true, null, log);
        remote.up(from(EVIL, MessageKind.SYN), link);
        assertEquals(EVIL, remote.peer());
        remote.up(from(HOST, MessageKind.SYN), link);
        assertEquals(List.of(MessageKind.SYN), link.upKinds());
    }

    @Test
    void helloGoesToTheParentWhenItsOriginIsKnownAndAllowed() {
        remote(HOST, HOST, "http://second.test").down(new Message(MessageKind.HELLO, "", 0, "s"), link);
        assertEquals(1, link.downs().size());
        assertEquals(HOST, link.lastDown().origin());
    }

    @Test
    void helloNeverGoesToAHintedParentThatIsNotAllowedButStillToTheAllowedOnes() {
        // The hint may be stale (a referrer after the page reloaded itself): the allowed origins are still tried,
        // and the browser delivers only to the parent's real origin.
        remote(EVIL, HOST).down(new Message(MessageKind.HELLO, "", 0, "s"), link);
        assertEquals(1, link.downs().size());
        assertEquals(HOST, link.lastDown().origin());
    }

    @Test
    void helloGoesToEachAllowedOriginWhenTheParentIsUnknown() {
        remote(null, HOST, "http://second.test").down(new Message(MessageKind.HELLO, "", 0, "s"), link);
        assertEquals(2, link.downs().size());
        assertEquals(HOST, link.downs().get(0).origin());
        assertEquals("http://second.test", link.downs().get(1).origin());
    }

    @Test
    void helloGoesEverywhereOnlyWithAllowAnyOrigin() {
        OriginBehavior.forRemote(Collections.<String>emptyList(), true, null, log)
                .down(new Message(MessageKind.HELLO, "", 0, "s"), link);
        assertEquals("*", link.lastDown().origin());
        OriginBehavior.forRemote(Collections.<String>emptyList(), true, HOST, log)
                .down(new Message(MessageKind.HELLO, "", 0, "s"), link);
        assertEquals(HOST, link.lastDown().origin(), "even then the known parent is named");
    }

    @Test
    void otherFramesWaitForAPeer() {
        remote(HOST, HOST).down(new Message(MessageKind.MESSAGE, "", 0, "1"), link);
        assertTrue(link.downs().isEmpty());
        assertTrue(lines.get(0).contains("no peer origin yet"), lines.get(0));
    }

    @Test
    void anOpaqueOriginIsNeitherAnsweredNorBoundEvenWithAllowAnyOrigin() {
        // postMessage refuses "null" as a target origin: answering it would throw out of the message handler.
        OriginBehavior remote = OriginBehavior.forRemote(Collections.<String>emptyList(), true, null, log);
        remote.up(from("null", MessageKind.SYN), link);
        assertTrue(link.downs().isEmpty(), "no REJ to an opaque origin");
        assertTrue(link.upKinds().isEmpty());
        assertEquals(null, remote.peer());
        assertTrue(lines.get(0).contains("opaque origin"), lines.get(0));

        OriginBehavior strict = remote(null, HOST);
        strict.up(from("null", MessageKind.SYN), link);
        assertTrue(link.downs().isEmpty(), "no REJ to an opaque origin");
    }
}
