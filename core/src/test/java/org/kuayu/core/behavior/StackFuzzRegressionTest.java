package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.stack.Role;

/**
 * The findings of {@link StackFuzzTest}, each replayed as a plain test on {@link StackFuzzSession}, and the proof that
 * its oracle tells a frame with the real secret from one without.
 */
class StackFuzzRegressionTest {

    /** A {@code SEQ} carrying a {@code SEC} to {@code to} of a {@code MSG}, as the next frame the remote expects. */
    private static String sequencedMessage(ForgedFrames.Knowledge k, String to, String json) {
        return "kuayu1|SEQ|" + k.channel + "|" + k.expectedSeq + "|" + k.peerIncarnation + "|" + k.receiveGeneration
                + "||SEC|0|" + k.peerSecret + "." + to + "|MSG|" + json;
    }

    @Test
    void aMessageForgedWithANearlyRightSecretIsDropped() {
        StackFuzzSession session = new StackFuzzSession(4);
        assertTrue(session.handshake());
        ForgedFrames.Knowledge k = session.knowledge(Role.REMOTE);
        session.inject(Role.REMOTE, sequencedMessage(k, k.secret.toUpperCase(), "[\"h\",99,\"\"]"));
        session.inject(Role.REMOTE, sequencedMessage(k, k.secret.substring(1), "[\"h\",98,\"\"]"));
        session.settle();

        assertEquals(List.of(), session.messages(Role.REMOTE));
        assertFalse(session.forgeable(Role.REMOTE));
    }

    @Test
    void aMessageWithTheRealSecretGetsThroughAndMakesTheSideForgeable() {
        StackFuzzSession session = new StackFuzzSession(4);
        assertTrue(session.handshake());
        ForgedFrames.Knowledge k = session.knowledge(Role.REMOTE);
        session.inject(Role.REMOTE, sequencedMessage(k, k.secret, "[\"h\",99,\"\"]"));
        session.settle();

        assertEquals(List.of("[\"h\",99,\"\"]"), session.messages(Role.REMOTE));
        assertTrue(session.forgeable(Role.REMOTE));
    }
}
