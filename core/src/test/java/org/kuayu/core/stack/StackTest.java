package org.kuayu.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

class StackTest {
    private final List<String> events = new ArrayList<String>();
    private final List<String> lines = new ArrayList<String>();
    private final RecordingTransport transport = new RecordingTransport();
    private final RecordingLink channel = new RecordingLink();

    /** A behaviour that notes what passes and otherwise passes it on. */
    private final class Noting extends BaseBehavior {
        private final String name;

        Noting(String name) {
            this.name = name;
        }

        @Override
        public void start(Link link) {
            events.add(name + " start");
        }

        @Override
        public void down(Message m, Link link) {
            events.add(name + " down " + m.kind());
            link.down(m);
        }

        @Override
        public void up(Message m, Link link) {
            events.add(name + " up " + m.kind());
            link.up(m);
        }

        @Override
        public void stop() {
            events.add(name + " stop");
        }
    }

    /** A page of the simulated browser, for {@code Platform.join}. */
    private static final SimWindow PAGE = new SimBrowser(1).open("http://page.test/");

    private Stack stack() {
        return new Stack(Arrays.<Behavior>asList(new Noting("top"), new Noting("bottom")), transport, channel,
                DebugLog.to(lines::add, ""), PAGE);
    }

    @Test
    void opensTheTransportThenStartsBehavioursFromTheBottom() {
        Stack stack = stack();
        stack.start();
        assertTrue(stack.isRunning());
        assertEquals(List.of("bottom start", "top start"), events);
        assertSame(transport, stack.transport());
    }

    @Test
    void sendsDownThroughEveryBehaviourAndEncodesForTheTarget() {
        Stack stack = stack();
        stack.start();
        stack.send(new Message(MessageKind.MESSAGE, "c1", 0, "[1]").withOrigin("http://remote.test"));
        assertEquals(List.of("bottom start", "top start", "top down MESSAGE", "bottom down MESSAGE"), events);
        assertEquals(List.of("kuayu1|MSG|c1|0|[1]"), transport.frames());
        assertEquals(List.of("http://remote.test"), transport.targets());
    }

    @Test
    void privatePathInstructionsBecomeTransportCallsAndNeverFrames() {
        Stack stack = stack();
        stack.start();
        Object half = new Object();
        stack.send(Message.local(MessageKind.OFFER_PATH, ""));
        stack.send(Message.local(MessageKind.ACCEPT_PATH, "").withOrigin("http://remote.test").withAttachment(half));
        stack.send(Message.local(MessageKind.DROP_PATH, ""));
        stack.send(Message.local(MessageKind.OPENED, "x"));
        assertEquals(1, transport.offers());
        assertEquals(List.of(half), transport.accepted());
        assertEquals(1, transport.drops());
        assertTrue(transport.frames().isEmpty(), "no instruction and no local event is ever encoded");
        assertTrue(lines.get(0).contains("dropped a local OPENED"), lines.get(0));
    }

    @Test
    void aFrameWithoutATargetIsNeverSent() {
        Stack stack = stack();
        stack.start();
        stack.send(new Message(MessageKind.MESSAGE, "c1", 0, "[1]"));
        assertTrue(transport.frames().isEmpty());
        assertTrue(lines.get(0).contains("no target origin"), lines.get(0));
    }

    @Test
    void decodesFramesUpWithTheirOriginAndAttachment() {
        Stack stack = stack();
        stack.start();
        Object port = new Object();
        transport.listener().onFrame("kuayu1|RDY|c1|0|", "http://host.test", port);
        Message m = channel.lastUp();
        assertEquals(MessageKind.READY, m.kind());
        assertEquals("http://host.test", m.origin());
        assertSame(port, m.attachment());
        assertEquals(List.of("bottom up READY", "top up READY"), events.subList(2, 4));
    }

    @Test
    void malformedFramesAreDroppedWithADebugLine() {
        Stack stack = stack();
        stack.start();
        transport.listener().onFrame("kuayu2|MSG|c1|0|x", "http://evil.test", null);
        transport.listener().onFrame("kuayu1|NOPE|c1|0|x", "http://evil.test", null);
        assertTrue(channel.ups().isEmpty());
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("http://evil.test") && lines.get(0).contains("version"), lines.get(0));
    }

    @Test
    void aRemoteLoadIsALocalEventFromTheBottom() {
        Stack stack = stack();
        stack.start();
        transport.listener().onRemoteLoaded();
        assertEquals(MessageKind.LOADED, channel.lastUp().kind());
    }

    @Test
    void stopStopsEveryBehaviourAndClosesTheTransportOnce() {
        Stack stack = stack();
        stack.start();
        stack.stop();
        stack.stop();
        assertFalse(stack.isRunning());
        assertTrue(transport.isClosed());
        assertEquals(List.of("bottom start", "top start", "top stop", "bottom stop"), events);
        stack.send(new Message(MessageKind.MESSAGE, "c1", 0, "1").withOrigin("http://remote.test"));
        transport.listener().onFrame("kuayu1|MSG|c1|0|1", "http://remote.test", null);
        stack.deliverUp(Message.local(MessageKind.LOADED, ""));
        assertTrue(transport.frames().isEmpty());
        assertTrue(channel.ups().isEmpty());
    }

    @Test
    void aTransportThatCannotOpenStopsTheStackAndSaysWhy() {
        transport.failOpen(new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "no parent"));
        Stack stack = stack();
        KuayuException e = assertThrows(KuayuException.class, stack::start);
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, e.code());
        assertFalse(stack.isRunning());
        assertTrue(events.stream().noneMatch(s -> s.endsWith("start")), "no behaviour started");
    }

    @Test
    void withoutBehavioursEventsGoStraightToTheChannel() {
        Stack stack = new Stack(new ArrayList<Behavior>(), transport, channel, DebugLog.off(), PAGE);
        stack.start();
        stack.deliverUp(Message.local(MessageKind.LOADED, ""));
        assertEquals(List.of(MessageKind.LOADED), channel.upKinds());
    }
}
