package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.stack.RecordingLink;
import org.kuayu.core.stack.Role;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

class SecretBehaviorTest extends BehaviorFixture {
    private final SecretBehavior host = new SecretBehavior(Role.HOST, window, log);
    private final SecretBehavior remote = new SecretBehavior(Role.REMOTE, window, log);
    private final RecordingLink hostLink = new RecordingLink();
    /** The remote's handshake: it binds to the first SYN it is given (the origin check above admitted it). */
    private final RecordingLink remoteLink = new RecordingLink().onUp(m -> {
        if (m.kind() == MessageKind.SYN) {
            remote.down(Message.local(MessageKind.BIND, ""), remoteLinkRef());
        }
    });

    private RecordingLink remoteLinkRef() {
        return remoteLink;
    }

    /** Sends {@code m} down one side and hands what comes out to the other side's {@code up}. */
    private Message cross(SecretBehavior from, RecordingLink fromLink, SecretBehavior to, RecordingLink toLink,
            Message m) {
        from.down(m.withOrigin(from == host ? REMOTE : HOST), fromLink);
        Message wire = fromLink.lastDown();
        to.up(wire.withOrigin(from == host ? HOST : REMOTE), toLink);
        return wire;
    }

    private static Message msg(MessageKind kind, String body) {
        return new Message(kind, "c1", 0, body);
    }

    @Test
    void theHandshakeExchangesSecretsAndEveryLaterFrameCarriesThem() {
        Message syn = cross(host, hostLink, remote, remoteLink, msg(MessageKind.SYN, "{\"v\":1}"));
        assertEquals(MessageKind.SECURED, syn.kind());
        String wire = WireCodec.encode(syn);
        assertTrue(wire.matches("kuayu1\\|SEC\\|c1\\|0\\|[0-9a-f]{32}\\.\\|SYN\\|\\{\"v\":1\\}"), wire);
        assertEquals(MessageKind.SYN, remoteLink.lastUp().kind());
        assertEquals("{\"v\":1}", remoteLink.lastUp().body());

        Message ack = cross(remote, remoteLink, host, hostLink, msg(MessageKind.ACK, "{\"session\":\"s\"}"));
        String hostSecret = syn.body().substring(0, 32);
        assertTrue(ack.body().substring(33).startsWith(hostSecret + "|ACK|"), ack.body());
        assertEquals(MessageKind.ACK, hostLink.lastUp().kind());

        cross(host, hostLink, remote, remoteLink, msg(MessageKind.MESSAGE, "\"hi\""));
        assertEquals(List.of(MessageKind.SYN, MessageKind.MESSAGE), remoteLink.upKinds());
        cross(remote, remoteLink, host, hostLink, msg(MessageKind.RESPONSE, "1"));
        assertEquals(List.of(MessageKind.ACK, MessageKind.RESPONSE), hostLink.upKinds());
    }

    @Test
    void framesWithoutTheReceiversSecretAreDropped() {
        cross(host, hostLink, remote, remoteLink, msg(MessageKind.SYN, "{}"));
        cross(remote, remoteLink, host, hostLink, msg(MessageKind.ACK, "{}"));
        String forged = "0123456789abcdef0123456789abcdef";
        remote.up(msg(MessageKind.SECURED, forged + "." + forged + "|MSG|\"evil\"").withOrigin(HOST), remoteLink);
        remote.up(msg(MessageKind.SECURED, forged + ".|MSG|\"evil\"").withOrigin(HOST), remoteLink);
        host.up(msg(MessageKind.SECURED, forged + ".|ACK|{}").withOrigin(REMOTE), hostLink);
        host.up(msg(MessageKind.MESSAGE, "\"plain\"").withOrigin(REMOTE), hostLink);
        assertEquals(List.of(MessageKind.SYN), remoteLink.upKinds());
        assertEquals(List.of(MessageKind.ACK), hostLink.upKinds());
        assertTrue(logged("without this channel's secret"));
        assertTrue(logged("this transport's frames carry secrets"));
    }

    @Test
    void malformedFramesAreDroppedWithoutThrowing() {
        for (String body : new String[] {"", "nodot|MSG|1", ".|MSG|1", "a.b", "a.b|", "a.b|QQQ|1", "a.b|SEC|1",
            "a|b.c|MSG|1"}) {
            remote.up(msg(MessageKind.SECURED, body).withOrigin(HOST), remoteLink);
        }
        assertEquals(List.of(), remoteLink.upKinds());
        assertTrue(logged("malformed SEC"));
    }

    @Test
    void aLaterSynOfAnotherChannelDoesNotStealTheRemote() {
        cross(host, hostLink, remote, remoteLink, msg(MessageKind.SYN, "{}"));
        SecretBehavior intruder = new SecretBehavior(Role.HOST, window, log);
        intruder.down(new Message(MessageKind.SYN, "other", 0, "{}").withOrigin(REMOTE), hostLink);
        remote.up(hostLink.lastDown().withOrigin(HOST), remoteLink);
        remote.down(msg(MessageKind.ACK, "{}").withOrigin(HOST), remoteLink);
        host.up(remoteLink.lastDown().withOrigin(REMOTE), hostLink);
        assertEquals(List.of(MessageKind.ACK), hostLink.upKinds(), "the remote still answers the first host");
    }

    @Test
    void aReloadedRemoteIsANewPeerFromItsAck() {
        cross(host, hostLink, remote, remoteLink, msg(MessageKind.SYN, "{}"));
        cross(remote, remoteLink, host, hostLink, msg(MessageKind.ACK, "{}"));
        SecretBehavior reloaded = new SecretBehavior(Role.REMOTE, window, log);
        RecordingLink[] self = new RecordingLink[1];
        RecordingLink reloadedLink = new RecordingLink().onUp(m -> {
            if (m.kind() == MessageKind.SYN) {
                reloaded.down(Message.local(MessageKind.BIND, ""), self[0]);
            }
        });
        self[0] = reloadedLink;
        cross(reloaded, reloadedLink, host, hostLink, msg(MessageKind.HELLO, "s2"));
        cross(host, hostLink, reloaded, reloadedLink, msg(MessageKind.SYN, "{}"));
        cross(reloaded, reloadedLink, host, hostLink, msg(MessageKind.ACK, "{}"));
        Message rdy = cross(host, hostLink, reloaded, reloadedLink, msg(MessageKind.READY, ""));
        assertEquals(List.of(MessageKind.SYN, MessageKind.READY), reloadedLink.upKinds());
        remote.up(rdy.withOrigin(HOST), remoteLink);
        assertEquals(List.of(MessageKind.SYN), remoteLink.upKinds(), "the old page's secret is not the new one's");
        assertNotEquals(remoteLink.lastDown().body().substring(0, 32), reloadedLink.lastDown().body().substring(0, 32));
    }

    @Test
    void theRemoteWritesNoSecretOfItsOwnBeforeItIsBound() {
        remote.down(new Message(MessageKind.HELLO, "", 0, "s").withOrigin(HOST), remoteLink);
        assertTrue(remoteLink.lastDown().body().startsWith(".|HEL|"), remoteLink.lastDown().body());
        // A SYN the origin check refuses: the REJ written while it is handled echoes the refused host's own secret
        // and carries none of the remote's.
        SecretBehavior refused = new SecretBehavior(Role.REMOTE, window, log);
        RecordingLink[] self = new RecordingLink[1];
        RecordingLink refusing = new RecordingLink().onUp(m -> refused.down(
                new Message(MessageKind.REJECT, m.channel(), 0, "{\"code\":\"ORIGIN_REJECTED\"}").withOrigin(HOST),
                self[0]));
        self[0] = refusing;
        SecretBehavior attacker = new SecretBehavior(Role.HOST, window, log);
        RecordingLink attackerLink = new RecordingLink();
        attacker.down(msg(MessageKind.SYN, "{}").withOrigin(REMOTE), attackerLink);
        Message attackerSyn = attackerLink.lastDown();
        String attackerSecret = attackerSyn.body().substring(0, 32);
        refused.up(attackerSyn.withOrigin(HOST), refusing);
        String rej = refusing.lastDown().body();
        assertEquals("." + attackerSecret + "|REJ|{\"code\":\"ORIGIN_REJECTED\"}", rej);
        attacker.up(refusing.lastDown().withOrigin(REMOTE), attackerLink);
        assertEquals(List.of(MessageKind.REJECT), attackerLink.upKinds(), "the refused host still hears why");
        // The refusal bound nothing: the next SYN of that channel, with another secret, is taken as new.
        cross(host, hostLink, remote, remoteLink, msg(MessageKind.SYN, "{}"));
        assertEquals(List.of(MessageKind.SYN), remoteLink.upKinds());
    }

    @Test
    void aSynWithAnotherSecretCannotReplaceTheBoundHost() {
        cross(host, hostLink, remote, remoteLink, msg(MessageKind.SYN, "{}"));
        cross(remote, remoteLink, host, hostLink, msg(MessageKind.ACK, "{}"));
        SecretBehavior intruder = new SecretBehavior(Role.HOST, window, log);
        RecordingLink intruderLink = new RecordingLink();
        intruder.down(msg(MessageKind.SYN, "{}").withOrigin(REMOTE), intruderLink);
        remote.up(intruderLink.lastDown().withOrigin(HOST), remoteLink);
        assertTrue(logged("bound to another host (same channel id, another secret)"), lines.toString());
        // The host's own SYN (a copy) still passes, and the remote still writes to the host's secret.
        cross(host, hostLink, remote, remoteLink, msg(MessageKind.SYN, "{}"));
        cross(host, hostLink, remote, remoteLink, msg(MessageKind.MESSAGE, "1"));
        assertEquals(List.of(MessageKind.SYN, MessageKind.SYN, MessageKind.MESSAGE), remoteLink.upKinds());
        cross(remote, remoteLink, host, hostLink, msg(MessageKind.MESSAGE, "2"));
        assertEquals(List.of(MessageKind.ACK, MessageKind.MESSAGE), hostLink.upKinds());
    }

    @Test
    void localMessagesPassBothWays() {
        host.down(Message.local(MessageKind.OFFER_PATH, ""), hostLink);
        host.up(Message.local(MessageKind.LOADED, ""), hostLink);
        assertEquals(1, hostLink.instructionCount(MessageKind.OFFER_PATH));
        assertEquals(List.of(MessageKind.LOADED), hostLink.upKinds());
    }
}
