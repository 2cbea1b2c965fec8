package org.kuayu.iframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelState;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.iframe.domain.DomainTransport;
import org.kuayu.iframe.hash.HashTransport;
import org.kuayu.iframe.name.NameTransport;

/**
 * The automatic choice ({@code TransportChoice} of core) with the iframe transports on the simulated browser: a host
 * that lists several transports falls back from one to the next, a remote that lists several races them.
 */
class AutomaticChoiceTest {
    private static final String HOST = "http://www.domain1.test:8081";
    private static final String REMOTE = "http://www.domain2.test:8082";
    private static final String REMOTE_URL = REMOTE + "/test/remote.html";
    private static final String PROXY = "/kuayu/proxy.html";

    private final SimBrowser browser = new SimBrowser(31);
    private final List<SimWindow> remotes = new ArrayList<SimWindow>();
    private final List<CrossDomainChannel> remoteChannels = new ArrayList<CrossDomainChannel>();
    private final ChannelRecorder remoteEvents = new ChannelRecorder();
    private final ChannelRecorder hostEvents = new ChannelRecorder();

    /** The host page, with the remote page accepting over these transports and allowing {@code allowed}. */
    private SimWindow host(String allowed, TransportFactory... remoteTransports) {
        SimProxyPage proxy = new SimProxyPage();
        browser.page(HOST + PROXY, proxy);
        browser.page(REMOTE + PROXY, proxy);
        browser.page(REMOTE_URL, window -> {
            remotes.add(window);
            AcceptOptions.Builder b = AcceptOptions.builder().allowOrigin(allowed).proxy(PROXY)
                    .listener(remoteEvents).debug(window::debug)
                    .requestHandler((json, origin, reply) -> reply.resolve("{\"echo\":" + json + "}"));
            for (TransportFactory f : remoteTransports) {
                b.transport(f);
            }
            remoteChannels.add(Kuayu.accept(window, b.build()));
        });
        return browser.open(HOST + "/app/index.html");
    }

    private CrossDomainChannel connectAuto(SimWindow host, int timeout) {
        return Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL).proxy(PROXY)
                .transport(NameTransport.FACTORY).transport(HashTransport.FACTORY)
                .listener(hostEvents).debug(host::debug).timeoutMillis(timeout).build());
    }

    private String why(SimWindow host) {
        return String.join("\n", host.debugLines()) + "\n--- remote:\n"
                + (remotes.isEmpty() ? "" : String.join("\n", remotes.get(remotes.size() - 1).debugLines()));
    }

    @Test
    void theHostFallsBackAndWhatItSentMeanwhileArrivesInOrder() {
        SimWindow host = host(HOST, HashTransport.FACTORY);
        CrossDomainChannel channel = connectAuto(host, 4000);
        channel.send("1");
        ReplyRecorder early = new ReplyRecorder();
        channel.request("\"early\"", early);
        channel.send("2");
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        assertEquals("hash", channel.transport());

        assertEquals(1, hostEvents.errors().size(), hostEvents.events().toString());
        KuayuException fallback = hostEvents.errors().get(0);
        assertEquals(ErrorCode.TIMEOUT, fallback.code());
        assertTrue(fallback.getMessage().startsWith("transport name failed (") && fallback.getMessage()
                .endsWith("); trying hash"), fallback.getMessage());
        assertTrue(fallback.getMessage().contains("within 2000 ms"), "half of the timeout each: " + fallback);
        assertEquals(List.of("error:TIMEOUT", "ready"), hostEvents.events().subList(0, 2));

        assertTrue(browser.runUntil(early::isDone, 5000), why(host));
        assertEquals("{\"echo\":\"early\"}", early.reply());
        assertTrue(browser.runUntil(() -> remoteEvents.messages().size() == 2, 5000), why(host));
        assertEquals(List.of("1", "2"), remoteEvents.messages());
        assertEquals(2, remotes.size(), "each attempt loaded the remote page in a frame of its own");
        browser.advance(1000);
        assertEquals(1, browser.liveFrameCount() - remotes.get(1).frames().size(),
                "the failed attempt's frame is gone");
    }

    @Test
    void aRequestWaitingForAnAttemptTimesOutOnItsOwnTimer() {
        SimWindow host = host(HOST, HashTransport.FACTORY);
        CrossDomainChannel channel = connectAuto(host, 4000);
        ReplyRecorder waiting = new ReplyRecorder();
        channel.request("\"late\"", 500, waiting);
        assertTrue(browser.runUntil(waiting::isDone, 1000));
        assertEquals(ErrorCode.TIMEOUT, waiting.error().code());
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        browser.advance(1000);
        assertEquals(List.of(), remoteEvents.messages(), "nothing of the timed-out request reached the remote");
    }

    @Test
    void closingBeforeATransportWonFailsWhatWaitsWithClosed() {
        SimWindow host = host(HOST, HashTransport.FACTORY);
        CrossDomainChannel channel = connectAuto(host, 4000);
        ReplyRecorder waiting = new ReplyRecorder();
        channel.request("\"never\"", waiting);
        channel.close();
        assertTrue(browser.runUntil(waiting::isDone, 1000));
        assertEquals(ErrorCode.CLOSED, waiting.error().code());
        assertTrue(browser.runUntil(hostEvents::isClosed, 1000));
        browser.runUntilIdle();
        assertEquals(0, browser.liveFrameCount());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void everyAttemptFailingEndsTheChannelWithTheLastError() {
        SimWindow host = host(HOST, DomainTransport.FACTORY);
        CrossDomainChannel channel = connectAuto(host, 2000);
        assertTrue(browser.runUntil(hostEvents::isClosed, 10000), why(host));
        assertEquals(2, hostEvents.errors().size(), hostEvents.events().toString());
        assertTrue(hostEvents.errors().get(0).getMessage().endsWith("trying hash"));
        assertEquals(ErrorCode.TIMEOUT, hostEvents.errors().get(1).code());
        assertEquals(ChannelState.CLOSED, channel.state());
        browser.runUntilIdle();
        assertEquals(0, browser.liveFrameCount() - remotes.get(remotes.size() - 1).frames().size());
    }

    /**
     * Over window.name and location.hash a remote writes only to the proxy pages it pins, which are on its allowed
     * origins: a host it does not allow is told nothing (postMessage says ORIGIN_REJECTED, see the postmessage
     * module), and times out; each remote page's debug log says why.
     */
    @Test
    void aRefusedOriginIsWrittenNothingOverNameOrHash() {
        SimWindow host = host("http://www.domain3.test:8090", NameTransport.FACTORY, HashTransport.FACTORY);
        connectAuto(host, 4000);
        assertTrue(browser.runUntil(hostEvents::isClosed, 10000), why(host));
        KuayuException last = hostEvents.errors().get(hostEvents.errors().size() - 1);
        assertEquals(ErrorCode.TIMEOUT, last.code(), hostEvents.events().toString());
        assertTrue(last.getMessage().contains("unless its accept names the others"), last.getMessage());
        assertEquals(2, remotes.size(), "one remote page per attempt");
        String refusal = ": not one of the host proxies this page writes to [http://www.domain3.test:8090/kuayu/proxy.html]";
        assertTrue(String.join("\n", remotes.get(0).debugLines()).contains("refused the host address " + HOST
                + "/kuayu/proxy.html" + refusal), String.join("\n", remotes.get(0).debugLines()));
        assertTrue(String.join("\n", remotes.get(1).debugLines()).contains("refused the return address " + HOST
                + "/kuayu/proxy.html" + refusal), String.join("\n", remotes.get(1).debugLines()));
        assertEquals(0, remotes.get(0).frames().size() + remotes.get(1).frames().size(), "written nowhere");
    }

    @Test
    void aRemoteListeningOnSeveralKeepsTheOneTheHostUses() {
        SimWindow host = host(HOST, NameTransport.FACTORY, HashTransport.FACTORY);
        CrossDomainChannel channel = Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL).proxy(PROXY)
                .transport(HashTransport.FACTORY).listener(hostEvents).build());
        assertTrue(browser.runUntil(channel::isReady, 10000), why(host));
        assertTrue(browser.runUntil(() -> remoteEvents.readyCount() > 0, 5000));
        assertEquals("hash", remoteChannels.get(0).transport());
        String remoteLog = String.join("\n", remotes.get(0).debugLines());
        assertTrue(remoteLog.contains("transport name cannot listen here: this page's window.name carries no"
                + " host address"), remoteLog);
        ReplyRecorder back = new ReplyRecorder();
        remoteChannels.get(0).request("1", back);
        assertTrue(browser.runUntil(back::isDone, 5000), why(host));
        assertEquals(List.of(), remoteEvents.errors(), "a transport leaving the race is no error of the channel");
    }
}
