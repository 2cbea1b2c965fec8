package org.kuayu.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.PortPair;
import org.kuayu.core.platform.WindowMessageListener;

/** Ports, fault injection and seeded randomness of the {@link SimBrowser}. */
class SimPortAndFaultTest {
    private static final String HOST = "http://host.test";
    private static final String REMOTE = "http://remote.test";

    private final SimBrowser browser = new SimBrowser(7);
    private final List<String> log = new ArrayList<String>();

    private WindowMessageListener recorder(final String name) {
        return (text, origin, source, port) -> log.add(name + " got " + text + " from " + origin
                + (port != null ? " +port" : ""));
    }

    @Test
    void portsQueueUntilStartedThenDeliverInOrderInLaterTasks() {
        SimWindow host = browser.open(HOST + "/");
        PortPair pair = host.createMessageChannel();
        pair.local().post("1");
        pair.local().post("2");
        browser.runUntilIdle();
        List<String> got = new ArrayList<String>();
        pair.remote().listen(got::add);
        pair.local().post("3");
        assertTrue(got.isEmpty());
        browser.runUntilIdle();
        assertEquals(List.of("1", "2", "3"), got);
        assertEquals(3, browser.portDeliveries());

        pair.remote().close();
        pair.local().post("4");
        browser.runUntilIdle();
        assertEquals(3, got.size());
        assertEquals(1, browser.livePortCount());
    }

    @Test
    void aTransferredPortMovesToTheReceivingDocumentAndDiesWithIt() {
        List<PortHandle> received = new ArrayList<PortHandle>();
        List<String> got = new ArrayList<String>();
        browser.page(REMOTE + "/r.html", w -> w.listen((text, origin, source, port) -> {
            received.add(port);
            port.listen(got::add);
        }));
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        browser.runUntilIdle();
        PortPair pair = host.createMessageChannel();
        frame.window().post("take this", REMOTE, pair.remote());
        assertThrows(IllegalStateException.class, () -> frame.window().post("again", REMOTE, pair.remote()));
        pair.local().post("via port");
        browser.runUntilIdle();
        assertEquals(1, received.size());
        assertEquals(List.of("via port"), got);

        frame.reload();
        browser.runUntilIdle();
        pair.local().post("after reload");
        browser.runUntilIdle();
        assertEquals(List.of("via port"), got);
        assertFalse(((SimPort) received.get(0)).isOpen());
    }

    @Test
    void aPortLostWithItsMessageIsClosed() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        browser.runUntilIdle();
        PortPair pair = host.createMessageChannel();
        frame.window().post("to the wrong origin", "http://other.test", pair.remote());
        browser.runUntilIdle();
        assertFalse(((SimPort) pair.remote()).isOpen());
    }

    @Test
    void withoutMessageChannelThereAreNoPorts() {
        SimWindow host = browser.messageChannels(false).open(HOST + "/");
        assertNull(host.createMessageChannel());
    }

    @Test
    void randomIdsAre32HexDigitsAndRepeatWithTheSeed() {
        SimWindow a = new SimBrowser(3).open(HOST + "/");
        SimWindow b = new SimBrowser(3).open(HOST + "/");
        String id = a.randomId();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(id, b.randomId());
        assertNotEquals(id, a.randomId());
    }

    @Test
    void droppedAndDuplicatedDeliveriesFollowTheSeed() {
        assertEquals(runWithFaults(11), runWithFaults(11));
        SimBrowser all = new SimBrowser(1).windowFaults(FaultPlan.NONE.drop(1));
        SimWindow w = all.open(HOST + "/");
        w.listen(recorder("w"));
        w.handleTo(w).post("lost", "*", null);
        all.runUntilIdle();
        assertTrue(log.isEmpty());
        assertEquals(1, all.droppedDeliveries());
    }

    @Test
    void aDuplicatedMessageCarriesItsPortOnlyOnce() {
        browser.windowFaults(FaultPlan.NONE.duplicate(1));
        SimWindow w = browser.open(HOST + "/");
        w.listen(recorder("w"));
        w.handleTo(w).post("twice", "*", w.createMessageChannel().remote());
        browser.runUntilIdle();
        assertEquals(List.of("w got twice from " + HOST + " +port", "w got twice from " + HOST), log);
    }

    @Test
    void delayAndReorderMoveDeliveriesLater() {
        browser.portFaults(FaultPlan.NONE.delay(50).reorder(100));
        SimWindow w = browser.open(HOST + "/");
        PortPair pair = w.createMessageChannel();
        List<String> got = new ArrayList<String>();
        pair.remote().listen(got::add);
        for (int i = 0; i < 20; i++) {
            pair.local().post(Integer.toString(i));
        }
        browser.advance(49);
        assertTrue(got.isEmpty());
        browser.runUntilIdle();
        assertEquals(20, got.size());
        assertNotEquals(new ArrayList<String>(new java.util.TreeSet<String>(got)), got, "not reordered");
        assertTrue(browser.now() <= 150);
    }

    private List<String> runWithFaults(long seed) {
        SimBrowser b = new SimBrowser(seed).windowFaults(FaultPlan.NONE.drop(0.3).duplicate(0.3).reorder(10));
        SimWindow w = b.open(HOST + "/");
        List<String> got = new ArrayList<String>();
        w.listen((text, origin, source, port) -> got.add(text + "@" + b.now()));
        for (int i = 0; i < 50; i++) {
            w.handleTo(w).post(Integer.toString(i), "*", null);
        }
        b.runUntilIdle();
        assertTrue(got.size() > 10 && got.size() < 90, got.toString());
        return got;
    }
}
