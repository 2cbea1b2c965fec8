package org.kuayu.core.behavior;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.stack.RecordingLink;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/** What every behaviour test needs: a platform with a virtual clock, a debug log and a recording link. */
class BehaviorFixture {
    static final String HOST = "http://host.test";
    static final String REMOTE = "http://remote.test";

    final SimBrowser browser = new SimBrowser(3);
    final SimWindow window = browser.open(HOST + "/");
    final List<String> lines = new ArrayList<String>();
    final DebugLog log = DebugLog.to(lines::add, "");
    final RecordingLink link = new RecordingLink();

    static Message frame(MessageKind kind, String channel, String body, String origin) {
        return new Message(kind, channel, 0, body).withOrigin(origin);
    }

    /** A field of a layer's inner part. */
    static Object field(Object owner, String name) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a counter deep in a layer (to reach its end without a billion frames). */
    static void setField(Object owner, String name, Object value) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(owner, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean logged(String part) {
        for (String line : lines) {
            if (line.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
