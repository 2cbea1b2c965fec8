package org.kuayu.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.DebugLog;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/** {@link ReachabilityBehavior} alone, with a recording link. */
class ReachabilityBehaviorTest {
    private final List<Message> down = new ArrayList<Message>();
    private final List<Message> up = new ArrayList<Message>();
    private final List<String> lines = new ArrayList<String>();
    private final Link link = new Link() {
        @Override
        public void down(Message message) {
            down.add(message);
        }

        @Override
        public void up(Message message) {
            up.add(message);
        }
    };
    private final ReachabilityBehavior behavior = new ReachabilityBehavior(
            origin -> "*".equals(origin) || "http://a.test".equals(origin), DebugLog.to(lines::add, ""));

    @Test
    void framesForAnOriginTheTransportCannotReachStopHere() {
        behavior.down(new Message(MessageKind.HELLO, "", 0, "s").withOrigin("http://b.test"), link);
        behavior.down(new Message(MessageKind.HELLO, "", 0, "s").withOrigin("http://a.test"), link);
        behavior.down(new Message(MessageKind.MESSAGE, "c", 0, "1").withOrigin("*"), link);
        behavior.down(Message.local(MessageKind.DROP_PATH, ""), link);
        assertEquals(3, down.size(), "the reachable ones and the local instruction pass");
        assertEquals("http://a.test", down.get(0).origin());
        assertEquals(List.of("dropped a HEL for http://b.test: this transport cannot reach that origin"), lines);

        behavior.up(new Message(MessageKind.MESSAGE, "c", 0, "1").withOrigin("http://b.test"), link);
        assertTrue(up.size() == 1, "what comes up is not this layer's business");
    }
}
