package org.kuayu.iframe.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.kuayu.iframe.ProxyProbe;
import org.kuayu.iframe.SimProxyPage;

/**
 * The location.hash transport on the simulated browser, whole stacks on both sides: a host page, the remote page in
 * its frame, and the host's proxy page in the remote's messenger frame ({@link SimProxyPage}).
 */
class HashTransportTest {
    private static final String HOST = "http://www.domain1.test:8081";
    private static final String REMOTE = "http://www.domain2.test:8082";
    private static final String REMOTE_URL = REMOTE + "/test/remote.html?mode=echo";
    private static final String PROXY = "/kuayu/proxy.html";

    private final SimBrowser browser = new SimBrowser(17);
    private final SimProxyPage proxyPage = new SimProxyPage();
    private final List<SimWindow> remotes = new ArrayList<SimWindow>();
    private final List<CrossDomainChannel> remoteChannels = new ArrayList<CrossDomainChannel>();
    private final ChannelRecorder remoteEvents = new ChannelRecorder();
    private final ChannelRecorder hostEvents = new ChannelRecorder();

    private SimWindow host() {
        browser.page(HOST + PROXY, proxyPage);
        browser.page(REMOTE_URL, window -> {
            remotes.add(window);
            remoteChannels.add(Kuayu.accept(window, AcceptOptions.builder().allowOrigin(HOST)
                    .transport(HashTransport.FACTORY).listener(remoteEvents).debug(window::debug)
                    .requestHandler((json, origin, reply) -> reply.resolve("{\"echo\":" + json + "}")).build()));
        });
        return browser.open(HOST + "/app/index.html");
    }

    private CrossDomainChannel connect(SimWindow host) {
        return Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL).proxy(PROXY)
                .transport(HashTransport.FACTORY).listener(hostEvents).debug(host::debug).timeoutMillis(10000)
                .requestHandler((json, origin, reply) -> reply.resolve("\"host got " + origin + "\"")).build());
    }

    private String why(SimWindow host) {
        return String.join("\n", host.debugLines()) + "\n--- remote:\n"
                + (remotes.isEmpty() ? "" : String.join("\n", remotes.get(0).debugLines()));
    }

    @Test
    void messagesAndRequestsTravelBothWays() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        assertEquals("hash", channel.transport());

        ReplyRecorder reply = new ReplyRecorder();
        channel.request("{\"q\":\"\u4f60\u597d \ud83d\ude00 | % # \\\"\"}", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000), why(host));
        assertEquals("{\"echo\":{\"q\":\"\u4f60\u597d \ud83d\ude00 | % # \\\"\"}}", reply.reply());

        channel.send("[1,2]");
        assertTrue(browser.runUntil(() -> !remoteEvents.messages().isEmpty(), 5000));
        assertEquals(List.of("[1,2]"), remoteEvents.messages());
        assertEquals(List.of(Origin.parse(HOST)), remoteEvents.messageOrigins(), "the proxy page's origin");

        ReplyRecorder back = new ReplyRecorder();
        remoteChannels.get(0).request("1", back);
        assertTrue(browser.runUntil(back::isDone, 5000), why(host));
        assertEquals("\"host got " + REMOTE + "\"", back.reply());
        assertEquals(1, remotes.get(0).frames().size(), "one messenger frame, reused");
        assertEquals(0, browser.throttledNavigations());
        assertEquals(List.of(), browser.console());
    }

    @Test
    void theRemotePageLearnsTheAddressFromItsUrlAndSpeaksFirst() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        String proxy = "http%3A//www.domain1.test%3A8081/kuayu/proxy.html";
        String address = "\\Q" + REMOTE_URL + "#" + HashTransport.MAILBOX_PREFIX + "\\E[0-9a-f]{32}:\\Q" + proxy + ":\\E";
        // The frame is created at the address alone (no frame): the remote page's HEL needs no host write first.
        assertTrue(host.frames().get(0).src().matches(address), host.frames().get(0).src());
        // What the transport wrote, the host's probe of its own proxy page aside.
        List<String> writes = browser.navigations().stream().filter(url -> !url.contains("#__kuayu_probe_")).toList();
        String firstWrite = writes.get(1);
        assertTrue(firstWrite.startsWith(HOST + PROXY + "#" + HashTransport.MAILBOX_PREFIX), firstWrite);
        assertTrue(firstWrite.contains("%7CHEL%7C"), "the remote wrote first, its HEL: " + firstWrite);
        assertTrue(writes.get(2).matches(address + "(k|%6B)uayu1%7CSEQ%7C.*"), writes.get(2));
        SimFrame messenger = remotes.get(0).frames().get(0);
        assertTrue(messenger.src().startsWith(HOST + PROXY + "#" + HashTransport.MAILBOX_PREFIX), messenger.src());
        browser.advance(ProxyProbe.VERDICT_DELAY_MILLIS);
        assertEquals(List.of(HashTransport.MAILBOX_PREFIX), prefixesOf(host.mailboxes()), "the probe's mailbox went");
    }

    private static List<String> prefixesOf(List<String> names) {
        List<String> prefixes = new ArrayList<String>();
        for (String name : names) {
            prefixes.add(name.substring(0, name.length() - 32));
        }
        return prefixes;
    }

    @Test
    void aHundredKilobytesOfUnicodeRoundTripWithEveryUrlUnder2000Characters() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        String text = UnicodeText.of(5, 100 * 1024);
        int before = browser.navigations().size();
        long start = browser.now();

        ReplyRecorder reply = new ReplyRecorder();
        channel.request(Json.quote(text), 600000, reply);
        assertTrue(browser.runUntil(reply::isDone, 600000), why(host));
        assertEquals("{\"echo\":" + Json.quote(text) + "}", reply.reply());

        List<String> urls = browser.navigations().subList(before, browser.navigations().size());
        int longest = 0;
        for (String url : urls) {
            longest = Math.max(longest, url.length());
        }
        assertTrue(longest <= HashTransport.MAX_URL_LENGTH, "a URL of " + longest + " characters");
        assertTrue(longest > 1900, "fragments fill the URL: the longest has " + longest + " characters");
        assertEquals(0, browser.throttledNavigations(), "never over the browser's navigation limit");
        System.out.println("location.hash, simulated: 100 KB of Unicode there and back in " + urls.size()
                + " writes, " + (browser.now() - start) + " ms of virtual time");
    }

    @Test
    void withoutHashchangeBothSidesPoll() {
        browser.hashChangeEvents(false);
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("\"polled\"", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000), why(host));
        assertEquals("{\"echo\":\"polled\"}", reply.reply());
        channel.close();
        assertTrue(browser.runUntil(remoteEvents::isClosed, 5000));
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
        assertEquals(0, browser.liveFrameCount(), "the remote frame and its messenger are gone");
        assertEquals(0, browser.pendingTimerCount());
        assertEquals(0, browser.liveListenerCount());
    }

    @Test
    void closingRightAfterSendingStillReachesTheRemote() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        channel.send("\"last words\"");
        channel.close();
        assertTrue(browser.runUntil(remoteEvents::isClosed, 5000), why(host));
        assertEquals(List.of("\"last words\""), remoteEvents.messages());
    }

    @Test
    void theRemoteClosingIsHeardAndReleasesItsSide() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        SimWindow remote = remotes.get(0);
        // Acknowledgements still under way settle first: a CLS waits behind an unacknowledged frame (window 1).
        browser.advance(1000);
        remoteChannels.get(0).close();
        assertTrue(browser.runUntil(hostEvents::isClosed, 5000), why(host));
        browser.runUntilIdle();
        assertTrue(remote.frames().isEmpty(), "the messenger frame is gone");
        assertEquals("", remote.locationHash(), "the remote page's URL is clean again");
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void connectRefusesAMissingOrForeignProxyPage() {
        SimWindow host = host();
        KuayuException missing = assertThrows(KuayuException.class, () -> Kuayu.connect(host, ConnectOptions.builder()
                .remote(REMOTE_URL).transport(HashTransport.FACTORY).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, missing.code());
        assertTrue(missing.getMessage().contains("give its URL with proxy(...)"), missing.getMessage());
        KuayuException foreign = assertThrows(KuayuException.class, () -> Kuayu.connect(host, ConnectOptions
                .builder().remote(REMOTE_URL).proxy(REMOTE + PROXY).transport(HashTransport.FACTORY).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, foreign.code());
        KuayuException tooLong = assertThrows(KuayuException.class, () -> Kuayu.connect(host, ConnectOptions
                .builder().remote(REMOTE_URL + "&pad=" + "x".repeat(1500)).proxy(PROXY)
                .transport(HashTransport.FACTORY).build()));
        assertTrue(tooLong.getMessage().contains("give shorter URLs"), tooLong.getMessage());
        assertEquals(0, browser.liveFrameCount());
    }

    @Test
    void aFragmentFromAnotherOriginsPageIsIgnoredOrRefused() {
        SimWindow host = host();
        CrossDomainChannel channel = connect(host);
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        SimFrame remoteFrame = host.frames().get(0);
        browser.advance(1000);
        // What a page allowed to navigate the remote frame could write: garbage, and a frame that names its own
        // proxy page as the return address (each read before the next, as a write replaces one not read yet).
        remoteFrame.replaceLocation(REMOTE_URL + "#__kuayu_hash_nonsense");
        browser.advance(10);
        String forged = "kuayu1|SYN|0123456789abcdef0123456789abcdef|0|{}";
        remoteFrame.replaceLocation(REMOTE_URL + "#" + HashTransport.MAILBOX_PREFIX + "0".repeat(32) + ":"
                + HashCodec.encode("http://evil.test/proxy.html", true) + ":" + HashCodec.encode(forged, false));
        browser.advance(1000);
        String remoteLog = String.join("\n", remotes.get(0).debugLines());
        assertTrue(remoteLog.contains("ignored a fragment that is not a host's frame"), remoteLog);
        assertTrue(remoteLog.contains("ignored a fragment naming another return address than the bound host's:"
                + " http://evil.test/proxy.html"), remoteLog);

        ReplyRecorder reply = new ReplyRecorder();
        channel.request("\"still here\"", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000), why(host));
        assertEquals("{\"echo\":\"still here\"}", reply.reply());
    }
}
