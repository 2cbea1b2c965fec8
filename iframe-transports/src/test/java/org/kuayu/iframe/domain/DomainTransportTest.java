package org.kuayu.iframe.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.Origin;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

/** The document.domain transport on the simulated browser, which enforces who may script whom. */
class DomainTransportTest {
    private static final String HOST = "http://www.domain.test";
    private static final String REMOTE = "http://child.domain.test:8084";
    private static final String REMOTE_URL = REMOTE + "/remote.html";

    private final SimBrowser browser = new SimBrowser(11);
    private final List<SimWindow> remotes = new ArrayList<SimWindow>();
    private final List<CrossDomainChannel> remoteChannels = new ArrayList<CrossDomainChannel>();
    private final ChannelRecorder remoteEvents = new ChannelRecorder();
    private final ChannelRecorder hostEvents = new ChannelRecorder();

    private SimWindow host(String remoteUrl) {
        browser.page(remoteUrl, window -> {
            remotes.add(window);
            remoteChannels.add(Kuayu.accept(window, AcceptOptions.builder().allowOrigin(HOST)
                    .transport(DomainTransport.FACTORY).listener(remoteEvents).debug(window::debug)
                    .requestHandler((json, origin, reply) -> reply.resolve("{\"echo\":" + json + "}")).build()));
        });
        return browser.open(HOST + "/index.html");
    }

    private CrossDomainChannel connect(SimWindow host, String remoteUrl) {
        return Kuayu.connect(host, ConnectOptions.builder().remote(remoteUrl).transport(DomainTransport.FACTORY)
                .listener(hostEvents).debug(host::debug).timeoutMillis(5000)
                .requestHandler((json, origin, reply) -> reply.resolve("\"host got " + origin + "\"")).build());
    }

    @Test
    void twoPagesOfOneParentDomainTalkBothWays() {
        SimWindow host = host(REMOTE_URL);
        CrossDomainChannel channel = connect(host, REMOTE_URL);
        assertTrue(browser.runUntil(channel::isReady, 5000), host.debugLines().toString());
        assertEquals("domain", channel.transport());
        assertEquals("domain.test", host.documentDomain());
        assertEquals("domain.test", remotes.get(0).documentDomain());

        ReplyRecorder reply = new ReplyRecorder();
        channel.request("{\"q\":\"\u4f60\u597d \ud83d\ude00\"}", reply);
        assertTrue(browser.runUntil(reply::isDone, 1000));
        assertEquals("{\"echo\":{\"q\":\"\u4f60\u597d \ud83d\ude00\"}}", reply.reply());

        channel.send("[1,2]");
        browser.runUntilIdle();
        assertEquals(List.of("[1,2]"), remoteEvents.messages());
        assertEquals(List.of(Origin.parse(HOST)), remoteEvents.messageOrigins());

        ReplyRecorder back = new ReplyRecorder();
        remoteChannels.get(0).request("1", back);
        assertTrue(browser.runUntil(back::isDone, 1000));
        assertEquals("\"host got " + REMOTE + "\"", back.reply());

        channel.close();
        browser.runUntilIdle();
        assertTrue(remoteEvents.isClosed());
        assertEquals(List.of(), host.mailboxes(), "the host's mailbox is gone");
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void anIgnoredSetterFailsTheChannelNamingTheHeader() {
        browser.originKeyedAgentClusters(true);
        SimWindow host = host(REMOTE_URL);
        CrossDomainChannel channel = connect(host, REMOTE_URL);
        assertTrue(browser.runUntil(() -> !hostEvents.errors().isEmpty(), 1000));
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, hostEvents.errors().get(0).code());
        assertTrue(hostEvents.errors().get(0).getMessage().contains("Origin-Agent-Cluster: ?0"),
                hostEvents.errors().get(0).getMessage());
        browser.runUntilIdle();
        assertTrue(hostEvents.isClosed());
        assertEquals("closed", channel.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void aRemotePageWhoseSetterIsIgnoredIsReportedByTheHost() {
        browser.originKeyedAgentClusters(true, HOST);
        SimWindow host = host(REMOTE_URL);
        connect(host, REMOTE_URL);
        assertTrue(browser.runUntil(() -> !hostEvents.errors().isEmpty(), 10000));
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, hostEvents.errors().get(0).code());
        assertTrue(hostEvents.errors().get(0).getMessage().contains("cannot script it"),
                hostEvents.errors().get(0).getMessage());
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, remoteEvents.errors().get(0).code(), "the remote knows too");
    }

    /** A given frame that loaded before connect fires no load event: the host still gives up after 3 s. */
    @Test
    void aGivenFrameThatLoadedBeforeConnectAndCannotBeScriptedIsReported() {
        browser.originKeyedAgentClusters(true, HOST);
        SimWindow host = host(REMOTE_URL);
        FrameHandle frame = host.createFrame(REMOTE_URL, false);
        browser.runUntilIdle();
        assertEquals(1, remotes.size(), "the remote page loaded before connect");

        double start = browser.now();
        Kuayu.connect(host, ConnectOptions.builder().frame(frame).transport(DomainTransport.FACTORY)
                .listener(hostEvents).debug(host::debug).timeoutMillis(10000).build());
        assertTrue(browser.runUntil(() -> !hostEvents.errors().isEmpty(), 10000));
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, hostEvents.errors().get(0).code(),
                hostEvents.errors().get(0).getMessage());
        assertTrue(hostEvents.errors().get(0).getMessage().contains("cannot script it"),
                hostEvents.errors().get(0).getMessage());
        double took = browser.now() - start;
        assertTrue(took >= DomainTransport.UNREACHABLE_MILLIS && took < DomainTransport.UNREACHABLE_MILLIS + 500,
                "gave up after " + took + " ms");
    }

    @Test
    void bothPagesServedWithTheOptOutHeaderWork() {
        browser.originKeyedAgentClusters(true, HOST, REMOTE);
        SimWindow host = host(REMOTE_URL);
        CrossDomainChannel channel = connect(host, REMOTE_URL);
        assertTrue(browser.runUntil(channel::isReady, 5000), host.debugLines().toString());
    }

    @Test
    void originsWithoutACommonParentDomainAreRefused() {
        String other = "http://www.other.test/remote.html";
        SimWindow host = host(other);
        connect(host, other);
        assertTrue(browser.runUntil(() -> !hostEvents.errors().isEmpty(), 1000));
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, hostEvents.errors().get(0).code());
        assertTrue(hostEvents.errors().get(0).getMessage().contains("share none"),
                hostEvents.errors().get(0).getMessage());
    }

    @Test
    void aReloadedRemotePageIsReachedAgain() {
        SimWindow host = host(REMOTE_URL);
        CrossDomainChannel channel = connect(host, REMOTE_URL);
        assertTrue(browser.runUntil(channel::isReady, 5000));
        remotes.get(0).frameElement().reload();
        assertTrue(browser.runUntil(() -> hostEvents.readyCount() == 2, 5000),
                () -> String.join("\n", host.debugLines()) + "\n--- remote:\n" + String.join("\n", remotes.get(1).debugLines()));
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("2", reply);
        assertTrue(browser.runUntil(reply::isDone, 1000));
        assertEquals("{\"echo\":2}", reply.reply());
        assertEquals(2, remotes.size());
    }
}
