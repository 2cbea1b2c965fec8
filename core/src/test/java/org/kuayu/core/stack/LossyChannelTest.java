package org.kuayu.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.Kuayu;
import org.kuayu.core.behavior.ReliableOptions;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.FaultPlan;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

/**
 * Whole channels ({@code Kuayu.connect} and {@code accept}: request/reply, handshake, origin check, fragmentation,
 * reliable delivery) over a {@link LossyLink} that drops one frame in five, duplicates and reorders them, with a
 * frame limit of 2,000 characters.
 */
class LossyChannelTest {
    private static final String HOST = "http://host.test";
    private static final String REMOTE_URL = "http://remote.test/remote.html";

    private final SimBrowser browser = new SimBrowser(21);
    private final LossyLink link = new LossyLink(4, FaultPlan.NONE.drop(0.2).duplicate(0.1).reorder(20).delay(1),
            2000, 8);
    private final List<ChannelRecorder> remotes = new ArrayList<ChannelRecorder>();
    private final List<CrossDomainChannel> remoteChannels = new ArrayList<CrossDomainChannel>();
    private final ChannelRecorder hostEvents = new ChannelRecorder();
    private SimWindow host;

    private CrossDomainChannel connect() {
        browser.page(REMOTE_URL, window -> {
            ChannelRecorder events = new ChannelRecorder();
            remotes.add(events);
            remoteChannels.add(Kuayu.accept(window, AcceptOptions.builder().allowOrigin(HOST)
                    .transport(link.factory()).listener(events).debug(window::debug)
                    .requestHandler((json, origin, reply) -> reply.resolve(json)).build()));
        });
        host = browser.open(HOST + "/");
        CrossDomainChannel channel = Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL)
                .transport(link.factory()).listener(hostEvents).debug(host::debug).build());
        assertTrue(browser.runUntil(() -> channel.isReady() && remoteChannels.get(0).isReady(), 10000),
                browser.debugLines().toString());
        return channel;
    }

    @AfterEach
    void nothingWasThrownIntoThePages() {
        assertEquals(List.of(), browser.uncaughtErrors());
    }

    @Test
    void aChannelOpensAndCarriesAMegabyteAndManyMessagesBothWays() {
        CrossDomainChannel channel = connect();
        assertEquals(LossyTransport.NAME, channel.transport());
        String big = Json.quote(UnicodeText.of(5, 1 << 20));
        ReplyRecorder echo = new ReplyRecorder();
        channel.request(big, 600000, echo);
        List<String> toRemote = new ArrayList<String>();
        List<String> toHost = new ArrayList<String>();
        for (int i = 0; i < 50; i++) {
            toRemote.add(Json.quote(i + UnicodeText.of(i, i * 97 % 2500)));
            toHost.add("[" + i + "]");
            channel.send(toRemote.get(i));
            remoteChannels.get(0).send(toHost.get(i));
        }
        assertTrue(browser.runUntil(echo::isDone, 600000));
        browser.runUntilIdle();

        assertTrue(big.equals(echo.reply()), "the megabyte came back intact: " + echo.errorCode());
        assertEquals(1, echo.calls());
        assertEquals(toRemote, remotes.get(0).messages());
        assertEquals(toHost, hostEvents.messages());
        assertTrue(link.lost() > link.sent() / 10, link.lost() + " of " + link.sent() + " frames lost");
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void aReloadedRemotePageGetsAWorkingChannelAgain() {
        CrossDomainChannel channel = connect();
        channel.send("\"before\"");
        browser.runUntilIdle();
        host.frames().get(0).reload();
        assertTrue(browser.runUntil(() -> hostEvents.readyCount() == 2 && remoteChannels.size() == 2
                && remoteChannels.get(1).isReady(), 10000), browser.debugLines().toString());

        ReplyRecorder echo = new ReplyRecorder();
        channel.request("{\"after\":\"reload\"}", echo);
        channel.send("\"after\"");
        browser.runUntilIdle();
        assertEquals("{\"after\":\"reload\"}", echo.reply());
        assertEquals(List.of("\"before\""), remotes.get(0).messages());
        assertEquals(List.of("\"after\""), remotes.get(1).messages());
        assertEquals(List.of("ready", "ready"), hostEvents.events());
        assertTrue(browser.debugLines().stream().anyMatch(l -> l.startsWith("[" + HOST + "] ")
                && l.contains("the peer page changed")), "the reliable layer saw the new page");
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void aRemotePageThatVanishesFailsTheChannelWithTransmissionFailed() {
        CrossDomainChannel channel = connect();
        host.frames().get(0).remove();
        long sent = browser.now();
        ReplyRecorder lost = new ReplyRecorder();
        channel.request("{\"anyone\":\"there?\"}", 120000, lost);
        assertTrue(browser.runUntil(lost::isDone, 120000));

        assertEquals(sent + ReliableOptions.DEFAULT_GIVE_UP_MILLIS, browser.now());
        assertEquals(ErrorCode.TRANSMISSION_FAILED, lost.errorCode());
        browser.runUntilIdle();
        assertEquals(List.of("ready", "error:TRANSMISSION_FAILED", "close"), hostEvents.events());
        assertTrue(hostEvents.errors().get(0).getMessage().contains("no acknowledgement of frame"),
                hostEvents.errors().get(0).getMessage());
        assertEquals(0, browser.pendingTimerCount(), "every timer is cancelled");
        assertEquals(0, browser.liveListenerCount());
    }
}
