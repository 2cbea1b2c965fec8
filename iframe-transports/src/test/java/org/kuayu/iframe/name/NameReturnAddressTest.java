package org.kuayu.iframe.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Where a window.name remote writes, and who may make it write, on the simulated browser: a third site that frames
 * the remote page and names it with the admitted host's address (its real proxy page), or with an address of its
 * own, gets no write at all; a host proxy that is not pinned is refused; a host framed by a third site refuses the
 * transport. Each refusal is in the debug log, and a legitimate host connects next to the attacks.
 */
class NameReturnAddressTest {
    private static final String HOST = "http://www.domain1.test:8081";
    private static final String REMOTE = "http://www.domain2.test:8082";
    private static final String EVIL = "http://www.evil.test:8090";
    private static final String REMOTE_URL = REMOTE + "/remote.html";
    private static final String PROXY = "/kuayu/proxy.html";
    private static final String ID = "0123456789abcdef0123456789abcdef";

    private final SimBrowser browser = new SimBrowser(31);
    private final List<SimWindow> remotes = new ArrayList<SimWindow>();
    private final ChannelRecorder remoteEvents = new ChannelRecorder();

    private void pages() {
        browser.page(HOST + PROXY, new SimProxyPage());
        browser.page(HOST + "/other/proxy.html", new SimProxyPage());
        browser.page(REMOTE + PROXY, new SimProxyPage());
        browser.page(EVIL + PROXY, new SimProxyPage());
        browser.page(REMOTE_URL, window -> {
            remotes.add(window);
            Kuayu.accept(window, AcceptOptions.builder().allowOrigin(HOST).proxy(PROXY)
                    .transport(NameTransport.FACTORY).listener(remoteEvents).debug(window::debug)
                    .requestHandler((json, origin, reply) -> reply.resolve("{\"from\":\"" + origin + "\"}")).build());
        });
    }

    private String remoteLog(int i) {
        return String.join("\n", remotes.get(i).debugLines());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aThirdSiteNamingTheRemoteWithAnyAddressGetsNoWrite(boolean ancestorOrigins) {
        browser.ancestorOrigins(ancestorOrigins);
        pages();
        SimWindow evil = browser.open(EVIL + "/attack.html");
        evil.createNamedFrame(REMOTE_URL, NameTransport.RENDEZVOUS_PREFIX + ID + ":" + EVIL + PROXY);
        evil.createNamedFrame(REMOTE_URL, NameTransport.RENDEZVOUS_PREFIX + ID + ":" + HOST + PROXY);
        evil.createNamedFrame(REMOTE_URL, NameTransport.RENDEZVOUS_PREFIX + ID + ":" + HOST + PROXY + "?next=/");
        assertTrue(browser.runUntil(() -> remotes.size() == 3, 1000));
        browser.advance(1000);
        assertTrue(remoteLog(0).contains("refused the host address " + EVIL + PROXY + ": not one of the host proxies"
                + " this page writes to [" + HOST + PROXY + "]"), remoteLog(0));
        assertTrue(remoteLog(1).contains("refused the host address " + HOST + PROXY + ": the host's address names "
                + HOST + " but this page's parent is " + EVIL), remoteLog(1));
        assertTrue(remoteLog(2).contains("refused the host address " + HOST + PROXY + "?next=/: not one of the host"
                + " proxies"), remoteLog(2));
        for (SimWindow remote : remotes) {
            assertEquals(0, remote.frames().size(), "the remote wrote nowhere");
        }
        // Each remote page's own channel fails (its page hears why); nothing reaches it as from a host.
        assertEquals(0, remoteEvents.readyCount());
        assertEquals(List.of(), remoteEvents.messages());
        for (int i = 0; i < 3; i++) {
            assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, remoteEvents.errors().get(i).code());
        }

        ChannelRecorder hostEvents = new ChannelRecorder();
        SimWindow host = browser.open(HOST + "/app.html");
        CrossDomainChannel channel = Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL).proxy(PROXY)
                .transport(NameTransport.FACTORY).listener(hostEvents).timeoutMillis(3000).build());
        assertTrue(browser.runUntil(channel::isReady, 5000), remoteLog(3));
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("1", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000));
        assertEquals("{\"from\":\"" + HOST + "\"}", reply.reply());
    }

    @Test
    void aHostFramedByAnotherOriginRefusesWindowName() {
        pages();
        List<ChannelRecorder> framed = new ArrayList<ChannelRecorder>();
        browser.page(HOST + "/framed.html", window -> {
            ChannelRecorder events = new ChannelRecorder();
            framed.add(events);
            Kuayu.connect(window, ConnectOptions.builder().remote(REMOTE_URL).proxy(PROXY)
                    .transport(NameTransport.FACTORY).listener(events).timeoutMillis(3000).build());
        });
        browser.open(EVIL + "/top.html").createFrame(HOST + "/framed.html", false);
        assertTrue(browser.runUntil(() -> !framed.isEmpty() && framed.get(0).isClosed(), 5000));
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, framed.get(0).errors().get(0).code());
        assertTrue(framed.get(0).errors().get(0).getMessage().contains("this page is framed by " + EVIL
                + ", which may navigate the frames window.name writes"), framed.get(0).errors().get(0).getMessage());
        assertEquals(0, remotes.size(), "no remote frame was created");
    }
}
