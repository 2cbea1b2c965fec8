package org.kuayu.iframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelState;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimFrame;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.iframe.hash.HashTransport;
import org.kuayu.iframe.name.NameTransport;

/**
 * {@link ProxyProbe} on the simulated browser, for both transports that bring frames back through the host's proxy
 * page (location.hash and window.name): a missing page fails the channel at once, a present one leaves nothing
 * behind.
 */
class ProxyProbeTest {
    private static final String HOST = "http://www.domain1.test:8081";
    private static final String REMOTE = "http://www.domain2.test:8082";
    private static final String REMOTE_URL = REMOTE + "/test/remote.html";
    private static final String PROXY = "/kuayu/proxy.html";

    private final SimBrowser browser = new SimBrowser(31);
    private final ChannelRecorder hostEvents = new ChannelRecorder();

    static Stream<TransportFactory> transports() {
        return Stream.of(HashTransport.FACTORY, NameTransport.FACTORY);
    }

    private SimWindow host(TransportFactory transport) {
        SimProxyPage proxyPage = new SimProxyPage();
        browser.page(HOST + PROXY, proxyPage);
        browser.page(REMOTE + PROXY, proxyPage);
        browser.page(REMOTE_URL, window -> Kuayu.accept(window, AcceptOptions.builder().allowOrigin(HOST)
                .proxy(PROXY).transport(transport).debug(window::debug).build()));
        return browser.open(HOST + "/app/index.html");
    }

    private CrossDomainChannel connect(SimWindow host, TransportFactory transport, String proxy) {
        return Kuayu.connect(host, ConnectOptions.builder().remote(REMOTE_URL).proxy(proxy).transport(transport)
                .listener(hostEvents).debug(host::debug).timeoutMillis(10000).build());
    }

    /**
     * A host whose proxy page is not there (a bundler's default next to the bundle): the channel fails at once with
     * TRANSPORT_UNAVAILABLE naming that URL, long before its timeout, and leaves no probe frame behind.
     */
    @ParameterizedTest
    @MethodSource("transports")
    void aProxyPageThatIsNotThereFailsAtOnceNamingItsUrl(TransportFactory transport) {
        SimWindow host = host(transport);
        long start = browser.now();
        CrossDomainChannel channel = connect(host, transport, "/assets/proxy.html");
        assertTrue(browser.runUntil(hostEvents::isClosed, 10000), host.debugLines().toString());
        assertTrue(browser.now() - start < 2000, "failed after " + (browser.now() - start) + " ms");
        KuayuException error = hostEvents.errors().get(0);
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, error.code(), host.debugLines().toString());
        assertTrue(error.getMessage().contains(HOST + "/assets/proxy.html") && error.getMessage().contains("proxy.js"),
                error.getMessage());
        assertEquals(ChannelState.CLOSED, channel.state());
        browser.runUntilIdle();
        assertEquals(0, host.frames().stream().filter(SimFrame::isAttached).count(), "frames left behind");
    }

    /** With the proxy page in place the probe answers, its frame and mailbox go, and only the remote's frame stays. */
    @ParameterizedTest
    @MethodSource("transports")
    void theProbeLeavesOnlyTheRemotesFrame(TransportFactory transport) {
        SimWindow host = host(transport);
        CrossDomainChannel channel = connect(host, transport, PROXY);
        assertTrue(browser.runUntil(channel::isReady, 10000), host.debugLines().toString());
        browser.runUntilIdle();
        assertEquals(1, host.frames().stream().filter(SimFrame::isAttached).count(), host.debugLines().toString());
        assertTrue(host.mailboxes().stream().noneMatch(box -> box.startsWith(ProxyProbe.MAILBOX_PREFIX)),
                host.mailboxes().toString());
        assertEquals(0, hostEvents.errors().size(), hostEvents.errors().toString());
    }
}
