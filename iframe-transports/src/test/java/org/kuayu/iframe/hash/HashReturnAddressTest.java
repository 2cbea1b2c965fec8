package org.kuayu.iframe.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.iframe.SimProxyPage;

/**
 * Where a location.hash remote writes, and who may make it write, on the simulated browser: return addresses are
 * pinned, a page of a third site framing the remote is never written to nor served, and a host framed by another
 * origin refuses the transport. The attacks are real pages; the debug logs show each refusal, and a legitimate host
 * connects next to them.
 */
class HashReturnAddressTest {
    private static final String HOST = "http://www.domain1.test:8081";
    private static final String REMOTE = "http://www.domain2.test:8082";
    private static final String EVIL = "http://www.evil.test:8090";
    private static final String REMOTE_URL = REMOTE + "/remote.html";
    private static final String PROXY = "/kuayu/proxy.html";
    private static final String FORGED_SYN = "kuayu1|SEC|0123456789abcdef0123456789abcdef|0|"
            + "00000000000000000000000000000000.|SYN|{\"v\":1}";

    private final SimBrowser browser = new SimBrowser(29);
    private final List<SimWindow> remotes = new ArrayList<SimWindow>();
    private final ChannelRecorder remoteEvents = new ChannelRecorder();
    private AcceptOptions.Builder accept = AcceptOptions.builder().allowOrigin(HOST);

    private void pages() {
        browser.page(HOST + PROXY, new SimProxyPage());
        browser.page(HOST + "/other/proxy.html", new SimProxyPage());
        browser.page(EVIL + PROXY, new SimProxyPage());
        browser.page(REMOTE_URL, window -> {
            remotes.add(window);
            Kuayu.accept(window, accept.transport(HashTransport.FACTORY).listener(remoteEvents).debug(window::debug)
                    .requestHandler((json, origin, reply) -> reply.resolve("{\"from\":\"" + origin + "\"}")).build());
        });
    }

    private static String fragment(String proxyUrl, String frame) {
        return "#" + HashTransport.MAILBOX_PREFIX + "0123456789abcdef0123456789abcdef:"
                + HashCodec.encode(proxyUrl, true) + ":" + HashCodec.encode(frame, false);
    }

    private CrossDomainChannel connect(SimWindow host, String proxy, ChannelRecorder events) {
        return Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL).proxy(proxy)
                .transport(HashTransport.FACTORY).listener(events).debug(host::debug).timeoutMillis(3000).build());
    }

    private String remoteLog(int i) {
        return String.join("\n", remotes.get(i).debugLines());
    }

    /**
     * A third site frames the remote page and names, as the return address, its own page, then the admitted host's
     * real proxy page (so that the remote would bind to the admitted origin): both refused before anything is
     * written, with and without {@code location.ancestorOrigins} (the parent's origin then comes from the referrer).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aThirdSiteFramingTheRemoteIsNeverWrittenToNorServed(boolean ancestorOrigins) {
        browser.ancestorOrigins(ancestorOrigins);
        pages();
        SimWindow evil = browser.open(EVIL + "/attack.html");
        evil.createFrame(REMOTE_URL + fragment(EVIL + PROXY, FORGED_SYN), false);
        assertTrue(browser.runUntil(() -> remotes.size() == 1, 1000));
        browser.advance(500);
        evil.frames().get(0).replaceLocation(REMOTE_URL + fragment(HOST + PROXY, FORGED_SYN));
        browser.advance(500);
        String log = remoteLog(0);
        assertTrue(log.contains("refused the return address " + EVIL + PROXY + ": not one of the host proxies"
                + " this page writes to [" + HOST + PROXY + "]"), log);
        assertTrue(log.contains("refused the return address " + HOST + PROXY + ": the host's address names " + HOST
                + " but this page's parent is " + EVIL), log);
        assertEquals(0, remotes.get(0).frames().size(), "the remote wrote nowhere");
        assertEquals(List.of(), remoteEvents.events());

        // The admitted host, meanwhile, connects to a remote page of its own.
        ChannelRecorder hostEvents = new ChannelRecorder();
        SimWindow host = browser.open(HOST + "/app.html");
        CrossDomainChannel channel = connect(host, PROXY, hostEvents);
        assertTrue(browser.runUntil(channel::isReady, 5000), String.join("\n", host.debugLines()));
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("1", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000));
        assertEquals("{\"from\":\"" + HOST + "\"}", reply.reply());
    }

    /** Only the pinned proxy URL is a return address: another path on the admitted origin is refused. */
    @Test
    void aHostProxyOtherThanThePinnedOneIsRefusedUntilTheRemotePinsIt() {
        pages();
        ChannelRecorder hostEvents = new ChannelRecorder();
        SimWindow host = browser.open(HOST + "/app.html");
        CrossDomainChannel refused = connect(host, "/other/proxy.html", hostEvents);
        assertTrue(browser.runUntil(hostEvents::isClosed, 5000));
        assertEquals(ErrorCode.TIMEOUT, hostEvents.errors().get(0).code());
        assertTrue(remoteLog(0).contains("refused the return address " + HOST + "/other/proxy.html: not one of the"
                + " host proxies this page writes to [" + HOST + PROXY + "] (hostProxies)"), remoteLog(0));
        assertEquals(0, remotes.get(0).frames().size());

        accept = AcceptOptions.builder().allowOrigin(HOST).hostProxy(HOST + "/other/proxy.html");
        CrossDomainChannel pinned = connect(host, "/other/proxy.html", new ChannelRecorder());
        assertTrue(browser.runUntil(pinned::isReady, 5000), remoteLog(1));
    }

    /**
     * A host page framed by a third site refuses location.hash (the top page could read its frames), and so does the
     * remote page that sees that site above its host, each unless its page trusts its ancestors.
     */
    @Test
    void aHostFramedByAnotherOriginRefusesTheTransportUnlessItTrustsItsAncestors() {
        pages();
        List<ChannelRecorder> framed = new ArrayList<ChannelRecorder>();
        List<CrossDomainChannel> channels = new ArrayList<CrossDomainChannel>();
        browser.page(HOST + "/framed.html", window -> {
            ChannelRecorder events = new ChannelRecorder();
            framed.add(events);
            ConnectOptions.Builder b = ConnectOptions.builder().remote(REMOTE_URL).proxy(PROXY)
                    .transport(HashTransport.FACTORY).listener(events).timeoutMillis(3000);
            if (framed.size() >= 2) {
                b.trustAncestors();
            }
            channels.add(Kuayu.connect(window, b.build()));
        });
        SimWindow evil = browser.open(EVIL + "/top.html");
        evil.createFrame(HOST + "/framed.html", false);
        assertTrue(browser.runUntil(() -> !framed.isEmpty() && framed.get(0).isClosed(), 5000));
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, framed.get(0).errors().get(0).code());
        assertTrue(framed.get(0).errors().get(0).getMessage().contains("this page is framed by " + EVIL
                + ", which may navigate the frames location.hash writes and read them"),
                framed.get(0).errors().get(0).getMessage());
        assertEquals(0, remotes.size(), "no remote frame was created");

        // The host trusts its ancestors: the remote page, which sees a third site above the host, still refuses.
        evil.createFrame(HOST + "/framed.html", false);
        assertTrue(browser.runUntil(() -> framed.size() == 2 && framed.get(1).isClosed(), 5000));
        assertTrue(remoteLog(0).contains("refused the return address " + HOST + PROXY + ": an ancestor of the host"
                + " page, " + EVIL + ", is not an allowed origin"), remoteLog(0));
        // Both trust the page above them: the channel opens.
        accept = AcceptOptions.builder().allowOrigin(HOST).trustAncestors();
        evil.createFrame(HOST + "/framed.html", false);
        assertTrue(browser.runUntil(() -> channels.size() == 3 && channels.get(2).isReady(), 5000), remoteLog(1));
    }
}
