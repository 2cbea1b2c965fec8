package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

class RequestOnlyBehaviorTest extends BehaviorFixture {
    private static final String API = "http://api.test";

    private RequestOnlyBehavior started() {
        RequestOnlyBehavior b = new RequestOnlyBehavior(window, "jsonp", API, log);
        b.start(link);
        return b;
    }

    @Test
    void opensInTheNextTaskWithNothingSent() {
        started();
        assertTrue(link.upKinds().isEmpty(), "never inside connect");
        browser.runUntilIdle();
        assertEquals(List.of(MessageKind.OPENED), link.upKinds());
        assertEquals("jsonp", link.lastUp().body());
        assertEquals(API, link.lastUp().origin());
        assertTrue(link.downs().isEmpty());
        assertEquals(0, browser.now());
    }

    @Test
    void requestsGoToTheEndpointAndInstructionsPassOn() {
        RequestOnlyBehavior b = started();
        b.down(new Message(MessageKind.REQUEST, "", 4, "{}"), link);
        b.down(new Message(MessageKind.ABANDON, "", 4, ""), link);
        assertEquals(API, link.downs().get(0).origin());
        assertEquals(4, link.downs().get(0).number());
        assertEquals(1, link.instructionCount(MessageKind.ABANDON));
    }

    @Test
    void aOneWayMessageIsRefusedToItsSender() {
        RequestOnlyBehavior b = started();
        KuayuException e = assertThrows(KuayuException.class,
                () -> b.down(new Message(MessageKind.MESSAGE, "", 0, "1"), link));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("jsonp transport cannot send one-way messages"), e.getMessage());
        assertTrue(e.getMessage().contains("use request(...)"), e.getMessage());
        assertTrue(link.downs().isEmpty());
    }

    @Test
    void closeTellsNoOneAndOtherFramesAreNotSent() {
        RequestOnlyBehavior b = started();
        b.down(new Message(MessageKind.CLOSE, "", 0, ""), link);
        b.down(new Message(MessageKind.RESPONSE, "", 1, "1"), link);
        assertTrue(link.downs().isEmpty());
        assertTrue(logged("dropped an outgoing RESPONSE"));
    }

    @Test
    void onlyAnswersAndLocalEventsComeUp() {
        RequestOnlyBehavior b = started();
        b.up(frame(MessageKind.MESSAGE, "", "1", API), link);
        b.up(frame(MessageKind.REQUEST, "", "1", API), link);
        b.up(frame(MessageKind.CLOSE, "", "", API), link);
        assertTrue(link.upKinds().isEmpty(), "the endpoint cannot push");
        b.up(frame(MessageKind.RESPONSE, "", "1", API), link);
        b.up(frame(MessageKind.ERROR, "", "{}", API), link);
        b.up(Message.local(MessageKind.CLOSED, "local"), link);
        assertEquals(List.of(MessageKind.RESPONSE, MessageKind.ERROR, MessageKind.CLOSED), link.upKinds());
        assertTrue(logged("ignored MESSAGE"));
    }

    @Test
    void stoppedBeforeReadyNeverOpens() {
        RequestOnlyBehavior b = started();
        b.stop();
        assertEquals(0, browser.pendingTimerCount());
        browser.runUntilIdle();
        assertTrue(link.upKinds().isEmpty());
    }
}
