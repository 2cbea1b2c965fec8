package org.kuayu.postmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.postmessage.Pages.TIMEOUT;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.ChannelState;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.sim.FaultPlan;
import org.kuayu.core.sim.ReplyRecorder;

/**
 * Lost, duplicated and reordered window messages during the handshake: each run either opens the channel once and
 * then carries every message exactly once, or fails cleanly with TIMEOUT; nothing is ever thrown into a page.
 *
 * <p>Real browsers never lose or copy a {@code postMessage}, so Kuayu does not de-duplicate data on the window path.
 * Runs whose faults break that (drop, duplicate) are "calmed" once both ends are ready: faults still in flight land,
 * but data is then only carried by paths that deliver each message once.
 */
class PostMessageFaultTest {
    private static final int RUNS = 40;

    /** The outcome of one seeded run. */
    private enum Outcome { OPENED, TIMED_OUT }

    private Outcome run(long seed, FaultPlan windowFaults, boolean messageChannels, boolean exchange, boolean calm) {
        Pages pages = new Pages(seed);
        pages.browser.messageChannels(messageChannels).windowFaults(windowFaults);
        CrossDomainChannel host = pages.connect();
        String where = "seed " + seed + ", " + windowFaults;
        pages.browser.runUntil(() -> host.state() == ChannelState.CLOSED
                || (host.isReady() && !pages.remotes.isEmpty() && pages.remote().channel.isReady()), 3 * TIMEOUT);
        assertEquals(List.of(), pages.browser.uncaughtErrors(), where);
        if (host.state() == ChannelState.CLOSED) {
            assertEquals(List.of("error:TIMEOUT", "close"), pages.hostEvents.events(), where);
            pages.browser.runUntilIdle();
            assertEquals(0, pages.browser.liveFrameCount(), where);
            return Outcome.TIMED_OUT;
        }
        assertTrue(host.isReady(), where + ": neither open nor failed after " + 3 * TIMEOUT + " ms");
        if (calm) {
            pages.browser.windowFaults(FaultPlan.NONE);
        }
        if (exchange) {
            exchange(pages, host, where);
        }
        pages.browser.advance(3 * TIMEOUT);
        assertEquals(1, pages.hostEvents.readyCount(), where + ": onReady once");
        assertEquals(1, pages.remote().events.readyCount(), where + ": remote onReady once");
        assertEquals(List.of(), pages.hostEvents.errors(), where);
        assertEquals(List.of(), pages.browser.uncaughtErrors(), where);
        return Outcome.OPENED;
    }

    /** Messages and requests both ways, each delivered exactly once and in order. */
    private static void exchange(Pages pages, CrossDomainChannel host, String where) {
        CrossDomainChannel remote = pages.remote().channel;
        List<String> sent = new ArrayList<String>();
        List<ReplyRecorder> replies = new ArrayList<ReplyRecorder>();
        for (int i = 0; i < 20; i++) {
            host.send(Integer.toString(i));
            remote.send(Integer.toString(-i));
            sent.add(Integer.toString(i));
            ReplyRecorder r = new ReplyRecorder();
            host.request("[" + i + "]", r);
            replies.add(r);
        }
        pages.browser.runUntil(() -> replies.stream().allMatch(ReplyRecorder::isDone), TIMEOUT);
        pages.browser.advance(100);
        assertEquals(sent, pages.remote().events.messages(), where + ": host to remote");
        assertEquals(20, pages.hostEvents.messages().size(), where + ": remote to host " + pages.hostEvents.messages());
        for (int i = 0; i < 20; i++) {
            assertEquals("[" + i + "]", replies.get(i).reply(), where + ": reply " + i);
            assertEquals(1, replies.get(i).calls(), where);
        }
    }

    private static int[] runs(FaultPlan faults, boolean messageChannels, boolean exchange, boolean calm) {
        int[] outcomes = new int[2];
        for (long seed = 1; seed <= RUNS; seed++) {
            outcomes[new PostMessageFaultTest().run(seed, faults, messageChannels, exchange, calm).ordinal()]++;
        }
        return outcomes;
    }

    @Test
    void lostDuplicatedAndReorderedWindowMessagesOpenOnceOrTimeOutCleanly() {
        int[] outcomes = runs(FaultPlan.NONE.drop(0.2).duplicate(0.3).reorder(40), true, true, true);
        assertTrue(outcomes[Outcome.OPENED.ordinal()] >= RUNS / 4, "too few opened: " + outcomes[0]);
        assertTrue(outcomes[Outcome.TIMED_OUT.ordinal()] >= 1, "the drops never bit: is the fault plan applied?");
    }

    @Test
    void duplicatedWindowMessagesAlwaysOpenOnceAndNeverDeliverTwice() {
        int[] outcomes = runs(FaultPlan.NONE.duplicate(1), true, true, false);
        assertEquals(RUNS, outcomes[Outcome.OPENED.ordinal()]);
    }

    @Test
    void reorderedAndDelayedWindowMessagesAlwaysOpen() {
        int[] outcomes = runs(FaultPlan.NONE.reorder(200).delay(20), true, true, false);
        assertEquals(RUNS, outcomes[Outcome.OPENED.ordinal()]);
    }

    @Test
    void withoutMessageChannelLostAndReorderedHandshakesOpenOnceOrTimeOut() {
        int[] outcomes = runs(FaultPlan.NONE.drop(0.2).reorder(40), false, true, true);
        assertTrue(outcomes[Outcome.OPENED.ordinal()] >= RUNS / 4, "too few opened: " + outcomes[0]);
    }

    @Test
    void withoutMessageChannelDelayedWindowMessagesStillCarryEverythingInOrder() {
        int[] outcomes = runs(FaultPlan.NONE.delay(30), false, true, false);
        assertEquals(RUNS, outcomes[Outcome.OPENED.ordinal()]);
    }

    @Test
    void aReloadUnderFaultsReopensOnceOrFailsCleanly() {
        int reopened = 0;
        for (long seed = 1; seed <= RUNS; seed++) {
            String where = "seed " + seed;
            Pages pages = new Pages(seed);
            CrossDomainChannel host = pages.connect();
            assertTrue(pages.bothReady(host), where);
            pages.browser.windowFaults(FaultPlan.NONE.drop(0.2).duplicate(0.4).reorder(100));
            pages.frame().reload();
            pages.browser.advance(1);
            pages.browser.runUntil(() -> host.state() == ChannelState.CLOSED
                    || (pages.remotes.size() == 2 && host.isReady() && pages.remote().channel.isReady()), 3 * TIMEOUT);
            pages.browser.windowFaults(FaultPlan.NONE);
            assertEquals(List.of(), pages.browser.uncaughtErrors(), where);
            if (host.state() == ChannelState.CLOSED) {
                List<String> events = pages.hostEvents.events();
                assertTrue(events.equals(List.of("ready", "error:TIMEOUT", "close"))
                        || events.equals(List.of("ready", "error:TRANSMISSION_FAILED", "close")), where + ": " + events);
                continue;
            }
            reopened++;
            exchange(pages, host, where);
            pages.browser.advance(3 * TIMEOUT);
            assertEquals(2, pages.hostEvents.readyCount(), where);
            assertEquals(List.of(), pages.hostEvents.errors(), where);
            assertEquals(1, pages.remote().events.readyCount(), where);
        }
        assertTrue(reopened >= RUNS / 5, "too few reopened: " + reopened);
    }

    @Test
    void slowPortsKeepOrder() {
        Pages pages = new Pages(3);
        pages.browser.portFaults(FaultPlan.NONE.delay(25));
        CrossDomainChannel host = pages.connect();
        assertTrue(pages.bothReady(host));
        exchange(pages, host, "slow ports");
    }
}
