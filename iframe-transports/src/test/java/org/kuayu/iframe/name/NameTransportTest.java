package org.kuayu.iframe.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimFrame;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.stack.UnicodeText;
import org.kuayu.iframe.SimProxyPage;

/**
 * The window.name transport on the simulated browser, whole stacks on both sides: a host page, the remote page in its
 * frame, and the proxy page of each origin ({@link SimProxyPage}) in the frames that carry the names.
 */
class NameTransportTest {
    private static final String HOST = "http://www.domain1.test:8081";
    private static final String REMOTE = "http://www.domain2.test:8082";
    private static final String REMOTE_URL = REMOTE + "/test/remote.html?mode=echo";
    private static final String PROXY = "/kuayu/proxy.html";

    private final SimBrowser browser = new SimBrowser(23);
    private final SimProxyPage proxyPage = new SimProxyPage();
    private final List<SimWindow> remotes = new ArrayList<SimWindow>();
    private final List<String> namesAtLoad = new ArrayList<String>();
    private final List<CrossDomainChannel> remoteChannels = new ArrayList<CrossDomainChannel>();
    private final ChannelRecorder remoteEvents = new ChannelRecorder();
    private final ChannelRecorder hostEvents = new ChannelRecorder();

    private SimWindow host() {
        browser.page(HOST + PROXY, proxyPage);
        browser.page(REMOTE + PROXY, proxyPage);
        browser.page(REMOTE_URL, window -> {
            remotes.add(window);
            namesAtLoad.add(window.windowName());
            remoteChannels.add(Kuayu.accept(window, AcceptOptions.builder().allowOrigin(HOST).proxy(PROXY)
                    .transport(NameTransport.FACTORY).listener(remoteEvents).debug(window::debug)
                    .requestHandler((json, origin, reply) -> reply.resolve("{\"echo\":" + json + "}")).build()));
        });
        return browser.open(HOST + "/app/index.html");
    }

    private CrossDomainChannel connect(SimWindow host) {
        return Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL).proxy(PROXY)
                .transport(NameTransport.FACTORY).listener(hostEvents).debug(host::debug).timeoutMillis(10000)
                .requestHandler((json, origin, reply) -> reply.resolve("\"host got " + origin + "\"")).build());
    }

    /**
     * 300 requests at once, each frame load taking 20 ms: frames written while others load go together in one name,
     * so all are answered in well under a second and a few dozen loads instead of one load per frame each way.
     */
    @Test
    void threeHundredRequestsInFlightGoInBatches() {
        browser.loadDelay(20);
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        int loadsBefore = browser.navigations().size();
        long start = browser.now();
        List<ReplyRecorder> replies = new ArrayList<ReplyRecorder>();
        for (int i = 0; i < 300; i++) {
            ReplyRecorder reply = new ReplyRecorder();
            channel.request("{\"n\":" + i + "}", reply);
            replies.add(reply);
        }
        assertTrue(browser.runUntil(() -> replies.stream().allMatch(ReplyRecorder::isDone), 10000), why(host));
        long took = browser.now() - start;
        int loads = browser.navigations().size() - loadsBefore;
        for (int i = 0; i < 300; i++) {
            assertEquals("{\"echo\":{\"n\":" + i + "}}", replies.get(i).reply(), "request " + i);
        }
        assertTrue(took < 1000, "300 requests took " + took + " ms of virtual time");
        assertTrue(loads < 60, "300 requests took " + loads + " frame loads");
    }

    private String why(SimWindow host) {
        return String.join("\n", host.debugLines()) + "\n--- remote:\n"
                + (remotes.isEmpty() ? "" : String.join("\n", remotes.get(0).debugLines()));
    }

    @Test
    void messagesAndRequestsTravelBothWaysThroughNamedFrames() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        assertEquals("name", channel.transport());
        assertTrue(namesAtLoad.get(0).matches("\\Qkuayu-name:\\E[0-9a-f]{32}:\\Q" + HOST + PROXY + "\\E"),
                "the host named the remote frame with its address: " + namesAtLoad.get(0));

        ReplyRecorder reply = new ReplyRecorder();
        channel.request("{\"q\":\"\u4f60\u597d \ud83d\ude00 | % # : \\\"\"}", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000), why(host));
        assertEquals("{\"echo\":{\"q\":\"\u4f60\u597d \ud83d\ude00 | % # : \\\"\"}}", reply.reply());

        channel.send("[1,2]");
        assertTrue(browser.runUntil(() -> !remoteEvents.messages().isEmpty(), 5000));
        assertEquals(List.of("[1,2]"), remoteEvents.messages());
        assertEquals(List.of(Origin.parse(HOST)), remoteEvents.messageOrigins(), "the host proxy page's origin");

        ReplyRecorder back = new ReplyRecorder();
        remoteChannels.get(0).request("1", back);
        assertTrue(browser.runUntil(back::isDone, 5000), why(host));
        assertEquals("\"host got " + REMOTE + "\"", back.reply());
        assertTrue(proxyPage.deliveries() > 0);
        assertEquals(List.of(), browser.console());
    }

    @Test
    void everyNameIsEmptiedOnceReadAndEveryMessengerFrameGoes() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("\"secret data\"", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000), why(host));
        browser.advance(2000);
        assertEquals(1, host.frames().size(), "only the remote frame is left: " + host.frames());
        assertEquals(List.of(), remotes.get(0).frames(), "the remote's messenger frames are gone");
        channel.close();
        browser.runUntilIdle();
        assertEquals(0, browser.liveFrameCount());
        assertEquals("", remotes.get(0).windowName(), "the remote page emptied its own name at close");
    }

    @Test
    void aHundredKilobytesOfUnicodeRoundTrip() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        String text = UnicodeText.of(5, 100 * 1024);
        ReplyRecorder reply = new ReplyRecorder();
        channel.request(Json.quote(text), 60000, reply);
        assertTrue(browser.runUntil(reply::isDone, 60000), why(host));
        assertEquals("{\"echo\":" + Json.quote(text) + "}", reply.reply());
    }

    @Test
    void aRemoteReloadIsARemotePageThatFindsTheSameAddress() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        browser.advance(1000);
        ((SimFrame) host.frames().get(0)).reload();
        assertTrue(browser.runUntil(() -> hostEvents.readyCount() == 2, 10000), why(host));
        assertEquals(namesAtLoad.get(0), namesAtLoad.get(1), "the name survives the reload");
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("\"again\"", reply);
        assertTrue(browser.runUntil(reply::isDone, 10000), why(host));
        assertEquals("{\"echo\":\"again\"}", reply.reply());
    }

    @Test
    void closeReleasesMailboxesFramesTimersAndListeners() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        channel.close();
        browser.runUntilIdle();
        assertTrue(remoteEvents.isClosed(), "the remote heard the close");
        assertTrue(hostEvents.isClosed());
        assertEquals(List.of(), host.mailboxes());
        assertEquals(List.of(), remotes.get(0).mailboxes());
        assertEquals(0, browser.liveFrameCount());
        assertEquals(0, browser.pendingTimerCount());
        assertEquals(0, browser.liveListenerCount());
    }

    @Test
    void theRemoteClosingIsHeard() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        browser.advance(1000);
        remoteChannels.get(0).close();
        assertTrue(browser.runUntil(hostEvents::isClosed, 5000), why(host));
        browser.runUntilIdle();
        assertTrue(remotes.get(0).frames().isEmpty());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void connectRefusesAMissingOrForeignProxyAndAGivenFrame() {
        SimWindow host = host();
        KuayuException missing = assertThrows(KuayuException.class, () -> Kuayu.connect(host, ConnectOptions.builder()
                .remote(REMOTE_URL).transport(NameTransport.FACTORY).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, missing.code());
        assertTrue(missing.getMessage().contains("give its URL with proxy(...)"), missing.getMessage());
        KuayuException foreign = assertThrows(KuayuException.class, () -> Kuayu.connect(host, ConnectOptions
                .builder().remote(REMOTE_URL).proxy(REMOTE + PROXY).transport(NameTransport.FACTORY).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, foreign.code());
        SimFrame given = (SimFrame) host.createFrame(REMOTE_URL, true);
        KuayuException framed = assertThrows(KuayuException.class, () -> Kuayu.connect(host, ConnectOptions
                .builder().frame(given).proxy(PROXY).transport(NameTransport.FACTORY).build()));
        assertTrue(framed.getMessage().contains("give remote (the URL) instead of frame"), framed.getMessage());
    }

    @Test
    void aRemoteWhoseFrameCarriesNoAddressFailsWithTransportUnavailable() {
        SimWindow host = host();
        SimFrame plain = (SimFrame) host.createFrame(REMOTE_URL, true);
        assertTrue(browser.runUntil(remoteEvents::isClosed, 5000));
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, remoteEvents.errors().get(0).code());
        assertTrue(remoteEvents.errors().get(0).getMessage().contains("carries no host address"));
        assertTrue(plain.isAttached());
    }

    @Test
    void aForgedWriteIntoTheHostsMailboxIsIgnored() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        String mailbox = host.mailboxes().get(0);
        // A page of the host's origin could call the mailbox; what it says without the secrets goes nowhere.
        SimWindow sibling = browser.open(HOST + "/other.html");
        assertTrue(sibling.handleTo(host).callMailbox(mailbox, "kuayu-name|" + REMOTE + PROXY
                + "|kuayu1|MSG|0123456789abcdef0123456789abcdef|0|\"forged\""));
        assertTrue(sibling.handleTo(host).callMailbox(mailbox, "kuayu-name|http://evil.test/p.html|kuayu1|MSG||0|1"));
        assertTrue(sibling.handleTo(host).callMailbox(mailbox, "not a frame"));
        browser.advance(1000);
        assertFalse(hostEvents.messages().contains("\"forged\""));
        String log = String.join("\n", host.debugLines());
        assertTrue(log.contains("ignored a write whose proxy page is not on the remote page's origin"), log);
        assertTrue(log.contains("not a remote's write"), log);
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("\"still here\"", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000), why(host));
        assertEquals("{\"echo\":\"still here\"}", reply.reply());
    }

    /**
     * Batches written into the host's mailbox by a page of its origin: one that adds up, of forged frames without the
     * channel's secrets, and one that does not add up. Each forged frame is read and dropped, the broken batch is
     * refused whole, nothing reaches the host's handlers, and the channel goes on.
     */
    @Test
    void aForgedBatchIntoTheHostsMailboxIsReadAndRefused() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        String mailbox = host.mailboxes().get(0);
        SimWindow sibling = browser.open(HOST + "/other.html");
        String forged = NamedFrames.batch(List.of("kuayu1|MSG|0123456789abcdef0123456789abcdef|0|\"forged\"",
                "not a frame", "kuayu1|REQ|0123456789abcdef0123456789abcdef|7|\"forged\""));
        assertTrue(sibling.handleTo(host).callMailbox(mailbox, "kuayu-name|" + REMOTE + PROXY + "|" + forged));
        assertTrue(sibling.handleTo(host).callMailbox(mailbox, "kuayu-name|" + REMOTE + PROXY
                + "|kuayu-batch|5,500|kuayu1"));
        browser.advance(1000);
        assertFalse(hostEvents.messages().contains("\"forged\""), hostEvents.messages().toString());
        String log = String.join("\n", host.debugLines());
        assertTrue(log.contains("ignored a frame of a batch that is not a Kuayu frame"), log);
        assertTrue(log.contains("ignored a batch of frames that does not add up"), log);
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("\"still here\"", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000), why(host));
        assertEquals("{\"echo\":\"still here\"}", reply.reply());
    }
}
