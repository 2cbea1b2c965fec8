package org.kuayu.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.behavior.ReliableOptions;
import org.kuayu.core.sim.FaultPlan;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * Fragmentation and reliable delivery together, as {@link StackAssembly#lowerLayers} stacks them, between two pages
 * over a {@link LossyLink} that drops one frame in five, duplicates one in ten and reorders them.
 */
class LowerLayersTest {
    private static final String HOST = "http://host.test";
    private static final String REMOTE = "http://remote.test";
    private static final FaultPlan HOSTILE = FaultPlan.NONE.drop(0.2).duplicate(0.1).reorder(20).delay(1);

    private final SimBrowser browser = new SimBrowser(11);
    private final List<String> lines = new ArrayList<String>();

    /** One page's stack of lower layers, with a recording top. */
    private final class End {
        final SimWindow page;
        final RecordingLink top = new RecordingLink();
        final List<String> sent = new ArrayList<String>();
        final Stack stack;
        final String peer;

        End(LossyLink link, Role role, SimWindow page) {
            this.page = page;
            this.peer = role == Role.HOST ? REMOTE : HOST;
            LossyTransport transport = link.transport(role, page);
            DebugLog log = DebugLog.to(lines::add, role + " ");
            stack = new Stack(StackAssembly.lowerLayers(transport, page, log), transport, top, log, page);
            stack.start();
        }

        void send(String body) {
            sent.add(body);
            stack.send(new Message(MessageKind.MESSAGE, "c1", 0, body).withOrigin(peer));
        }

        List<String> received() {
            List<String> bodies = new ArrayList<String>();
            for (Message m : top.ups()) {
                bodies.add(m.kind() == MessageKind.MESSAGE ? m.body() : m.kind().name());
            }
            return bodies;
        }
    }

    private End host(LossyLink link) {
        return new End(link, Role.HOST, browser.open(HOST + "/"));
    }

    private End remote(LossyLink link) {
        return new End(link, Role.REMOTE, browser.open(REMOTE + "/"));
    }

    @ParameterizedTest(name = "limit {0}, window {1}")
    @CsvSource({"200, 16", "2000, 1", "2000, 16"})
    void aMegabyteOfUnicodeCrossesALossyLinkWholeAndOnce(int limit, int window) {
        LossyLink link = new LossyLink(limit + window, HOSTILE, limit, window);
        End host = host(link);
        End remote = remote(link);
        String big = UnicodeText.of(limit, 1 << 20);
        String small = UnicodeText.of(window, 3000);

        host.send(big);
        remote.send(small);
        host.send("[\"after\"]");
        assertTrue(browser.runUntil(() -> remote.top.ups().size() == 2 && host.top.ups().size() == 1, 3600000),
                lines.size() + " debug lines, last: " + (lines.isEmpty() ? "" : lines.get(lines.size() - 1)));
        browser.runUntilIdle();

        assertEquals(2, remote.received().size());
        assertTrue(big.equals(remote.received().get(0)), "the megabyte arrives intact");
        assertEquals("[\"after\"]", remote.received().get(1));
        assertEquals(List.of(small), host.received());
        assertEquals(HOST, remote.top.ups().get(0).origin());
        assertTrue(link.sent() > (1 << 20) / limit, "it was fragmented: " + link.sent() + " frames");
        assertTrue(link.lost() > link.sent() / 10, "and frames were lost: " + link.lost());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void manyMessagesBothWaysInterleavedArriveInTheirOrderOnce() {
        LossyLink link = new LossyLink(5, HOSTILE, 200, 8);
        End host = host(link);
        End remote = remote(link);
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            final End from = random.nextBoolean() ? host : remote;
            final String body = i + ":" + UnicodeText.of(i, 1 + random.nextInt(i % 10 == 0 ? 3000 : 120));
            from.page.schedule(random.nextInt(5000), () -> from.send(body));
        }
        browser.runUntilIdle();
        assertTrue(host.sent.size() > 100 && remote.sent.size() > 100);
        assertEquals(host.sent, remote.received());
        assertEquals(remote.sent, host.received());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void aPeerThatVanishesFailsTheSenderWithinTheGiveUpTime() {
        LossyLink link = new LossyLink(8, HOSTILE, 500, 4);
        End host = host(link);
        End remote = remote(link);
        host.send("1");
        remote.send("2");
        browser.runUntilIdle();
        assertEquals(List.of("2"), host.received());

        link.cut(true);
        long sent = browser.now();
        host.send(UnicodeText.of(1, 5000));
        assertTrue(browser.runUntil(() -> host.top.ups().size() == 2, 60000));
        assertEquals(sent + ReliableOptions.DEFAULT_GIVE_UP_MILLIS, browser.now());
        Message failed = host.top.lastUp();
        assertEquals(MessageKind.FAILED, failed.kind());
        assertEquals(ErrorCode.TRANSMISSION_FAILED, Json.readError(failed.body(), ErrorCode.CLOSED).code());
        assertEquals(0, browser.pendingTimerCount(), "every timer is cancelled");
        assertEquals(List.of("1"), remote.received());
    }

    @Test
    void aReloadedPeerStartsANewStreamAndGetsNothingMeantForItsPredecessor() {
        LossyLink link = new LossyLink(9, HOSTILE, 300, 4);
        End host = host(link);
        End remote = remote(link);
        for (int i = 1; i <= 5; i++) {
            host.send("" + i);
        }
        browser.runUntilIdle();
        assertEquals(List.of("1", "2", "3", "4", "5"), remote.received());

        link.cut(true);
        host.send("6 for the old page");
        host.send(UnicodeText.of(7, 2000));
        browser.advance(1000);
        remote.stack.stop();
        End reloaded = remote(link);
        link.cut(false);
        browser.advance(5000);
        assertEquals(List.of(), reloaded.received(), "the old stream's frames are held, never delivered");

        reloaded.send("hello");
        browser.runUntilIdle();
        assertEquals(List.of("hello"), host.received());
        host.send("7");
        reloaded.send("again");
        browser.runUntilIdle();
        assertEquals(List.of("7"), reloaded.received());
        assertEquals(List.of("hello", "again"), host.received());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("HOST the peer page changed")), lines.toString());
        assertEquals(0, browser.pendingTimerCount());
    }
}
