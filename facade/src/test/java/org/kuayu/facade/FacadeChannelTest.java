package org.kuayu.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

/** The JS API's channel as both bundles run it: options checked with messages that say the fix, then a real pair. */
class FacadeChannelTest {
    private static final String HOST = "http://host.test";
    private static final String REMOTE_URL = "http://remote.test/remote.html";

    private SimBrowser browser;
    private SimWindow host;
    private final List<FacadeChannel> remotes = new ArrayList<FacadeChannel>();
    private final RecordingHooks remoteHooks = new RecordingHooks();

    @BeforeEach
    void open() {
        browser = new SimBrowser(3);
        remoteHooks.handler = (json, origin, reply) -> reply.resolve("{\"echo\":" + json + "}");
        browser.page(REMOTE_URL, window -> remotes.add(FacadeChannel.accept(window, MapView.of("options",
                MapView.of("allowedOrigins", List.of(HOST), "onRequest", MapView.FUNCTION)), remoteHooks)));
        host = browser.open(HOST + "/index.html");
    }

    private static KuayuException connectFails(SimWindow host, MapView options) {
        return assertThrows(KuayuException.class,
                () -> FacadeChannel.connect(host, MapView.of("options", options), new RecordingHooks()));
    }

    static List<Object[]> badConnectOptions() {
        return List.of(
                new Object[] {null, "kuayu.connect needs an options object"},
                new Object[] {MapView.of(), "exactly one of remote"},
                new Object[] {MapView.of("remote", REMOTE_URL, "onmessage", MapView.FUNCTION),
                    "unknown option 'onmessage' (did you mean onMessage?)"},
                new Object[] {MapView.of("remote", REMOTE_URL, "allowedOrigins", List.of(HOST)),
                    "unknown option 'allowedOrigins'"},
                new Object[] {MapView.of("remote", 3.0), "remote must be the remote page's URL as a string"},
                new Object[] {MapView.of("remote", ""), "remote must be the remote page's URL as a string"},
                new Object[] {MapView.of("frame", "iframe"), "frame must be an <iframe> element"},
                new Object[] {MapView.of("remote", REMOTE_URL, "onReady", "yes"), "onReady must be a function"},
                new Object[] {MapView.of("remote", REMOTE_URL, "transport", "pigeon"),
                    "transport must be \"auto\", \"postMessage\", \"domain\", \"name\", \"hash\" or \"websocket\""},
                new Object[] {MapView.of("remote", REMOTE_URL, "transport", "websocket"), "needs a ws:// or wss://"},
                new Object[] {MapView.of("remote", "ws://server.test/ws"), "needs the websocket transport"},
                new Object[] {MapView.of("remote", "ws://server.test/ws", "transport", "postMessage"),
                    "needs the websocket transport"},
                new Object[] {MapView.of("remote", REMOTE_URL, "proxy", 1.0), "proxy must be the URL of proxy.html"},
                new Object[] {MapView.of("remote", REMOTE_URL, "proxy", ""), "proxy must be the URL of proxy.html"},
                new Object[] {MapView.of("remote", REMOTE_URL, "proxy", "http://remote.test/kuayu/proxy.html"),
                    "must be on this page's own origin http://host.test"},
                new Object[] {MapView.of("remote", REMOTE_URL, "transport", "hash"),
                    "transport \"hash\" needs proxy, the URL of proxy.html"},
                new Object[] {MapView.of("remote", REMOTE_URL, "timeout", 0.0), "timeout must be a whole number"},
                new Object[] {MapView.of("remote", REMOTE_URL, "timeout", 1.5), "timeout must be a whole number"},
                new Object[] {MapView.of("remote", REMOTE_URL, "timeout", "100"), "timeout must be a whole number"},
                new Object[] {MapView.of("remote", REMOTE_URL, "timeout", 4294967296.0),
                    "timeout must be a whole number"},
                new Object[] {MapView.of("remote", REMOTE_URL, "debug", "yes"), "debug must be true, false or a"},
                new Object[] {MapView.of("remote", "javascript:alert(1)"), "has no http(s) origin"});
    }

    @ParameterizedTest
    @MethodSource("badConnectOptions")
    void connectRefusesBadOptionsAtOnceWithTheFix(MapView options, String message) {
        KuayuException e = connectFails(host, options);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(0, browser.liveFrameCount(), "no frame for a refused call");
    }

    static List<Object[]> badAcceptOptions() {
        return List.of(
                new Object[] {MapView.of(), "allowedOrigins must be an array of origins"},
                new Object[] {MapView.of("allowedOrigins", HOST), "allowedOrigins must be an array of origins"},
                new Object[] {MapView.of("allowedOrigins", List.of(3.0)), "allowedOrigins must be an array"},
                new Object[] {MapView.of("allowedOrigins", List.of("*")), "(in JS: allowAnyOrigin: true)"},
                new Object[] {MapView.of("allowAnyOrigin", "true"), "allowAnyOrigin must be true or false"},
                new Object[] {MapView.of("allowedOrigins", List.of(HOST), "remote", REMOTE_URL),
                    "unknown option 'remote'"});
    }

    @ParameterizedTest
    @MethodSource("badAcceptOptions")
    void acceptRefusesBadOptionsAtOnceWithTheFix(MapView options, String message) {
        SimWindow remote = browser.open("http://remote.test/other.html");
        KuayuException e = assertThrows(KuayuException.class,
                () -> FacadeChannel.accept(remote, MapView.of("options", options), new RecordingHooks()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aConnectedPairTalksAndReportsItsState() {
        RecordingHooks hooks = new RecordingHooks();
        FacadeChannel channel = FacadeChannel.connect(host, MapView.of("options",
                MapView.of("remote", REMOTE_URL, "onReady", MapView.FUNCTION)), hooks);
        assertEquals("connecting", channel.state());
        assertEquals("http://remote.test", channel.origin());
        assertNull(channel.transport());
        assertTrue(browser.runUntil(channel::isReady, 5000));
        assertEquals("ready", channel.state());
        assertEquals("postMessage", channel.transport());
        assertEquals(List.of("ready"), hooks.events);

        ReplyRecorder reply = new ReplyRecorder();
        channel.request("[1,\"\u00e9\"]", reply);
        assertTrue(browser.runUntil(reply::isDone, 5000));
        assertEquals("{\"echo\":[1,\"\u00e9\"]}", reply.reply());

        channel.send("{\"a\":1}");
        browser.runUntilIdle();
        assertEquals(List.of("ready", "message {\"a\":1} http://host.test"), remoteHooks.events);

        channel.close();
        browser.runUntilIdle();
        assertEquals("closed", channel.state());
        assertEquals("closed", remoteHooks.events.get(remoteHooks.events.size() - 1));
        KuayuException closed = assertThrows(KuayuException.class, () -> channel.send("1"));
        assertEquals(ErrorCode.CLOSED, closed.code());
    }

    @Test
    void theHashTransportFindsProxyHtmlNextToTheBundleUnlessGivenOne() {
        RecordingHooks hooks = new RecordingHooks();
        hooks.scriptUrl = "http://host.test/static/kuayu/kuayu.js?v=1#x";
        FacadeChannel.connect(host, MapView.of("options", MapView.of("remote", REMOTE_URL, "transport", "hash")),
                hooks);
        FacadeChannel.connect(host, MapView.of("options", MapView.of("remote", REMOTE_URL, "transport", "hash",
                "proxy", "/elsewhere/proxy.html")), hooks);
        browser.advance(100);
        String writes = String.join("\n", browser.navigations());
        assertTrue(writes.contains(":http%3A//host.test/static/kuayu/proxy.html:"), writes);
        assertTrue(writes.contains(":http%3A//host.test/elsewhere/proxy.html:"), writes);

        hooks.scriptUrl = "https://cdn.test/kuayu/kuayu.js";
        KuayuException cdn = assertThrows(KuayuException.class, () -> FacadeChannel.connect(host, MapView.of(
                "options", MapView.of("remote", REMOTE_URL, "transport", "hash")), hooks));
        assertTrue(cdn.getMessage().contains("but the bundle came from https://cdn.test/kuayu/kuayu.js"),
                cdn.getMessage());
    }

    @Test
    void autoLeavesOutWhatNeedsAProxyPageWhenTheBundleCameFromElsewhere() {
        RecordingHooks hooks = new RecordingHooks();
        hooks.scriptUrl = "https://cdn.test/kuayu/kuayu.js";
        FacadeChannel channel = FacadeChannel.connect(host, MapView.of("options", MapView.of("remote", REMOTE_URL,
                "onError", MapView.FUNCTION)), hooks);
        assertTrue(browser.runUntil(channel::isReady, 5000));
        assertEquals("postMessage", channel.transport());
        assertEquals(List.of("ready"), hooks.events, "no fallback, no error");

        SimWindow remote = browser.open("http://remote.test/other.html");
        KuayuException name = assertThrows(KuayuException.class, () -> FacadeChannel.accept(remote, MapView.of(
                "options", MapView.of("allowedOrigins", List.of("http://host.test"), "transport", "name")), hooks));
        assertTrue(name.getMessage().startsWith("transport \"name\" needs proxy.html on this page's own origin"
                + " http://remote.test, but the bundle came from https://cdn.test/"), name.getMessage());
    }

    @Test
    void dataThatIsNotJsonIsRefusedByName() {
        FacadeChannel channel = FacadeChannel.connect(host, MapView.of("options", MapView.of("remote", REMOTE_URL)),
                new RecordingHooks());
        KuayuException send = assertThrows(KuayuException.class, () -> channel.send(null));
        assertTrue(send.getMessage().startsWith("send(data): data must be a JSON value"), send.getMessage());
        KuayuException request = assertThrows(KuayuException.class,
                () -> channel.request(null, new ReplyRecorder()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, request.code());
        assertTrue(request.getMessage().startsWith("request(data)"), request.getMessage());
    }

    @Test
    void aReplyThatIsNotJsonFailsTheRequestAndGoesToTheDebugFunction() {
        RecordingHooks hooks = new RecordingHooks();
        FacadeChannel channel = FacadeChannel.connect(host, MapView.of("options",
                MapView.of("remote", REMOTE_URL, "debug", MapView.FUNCTION)), hooks);
        KuayuException e = channel.replyNotJson();
        assertEquals(ErrorCode.TRANSMISSION_FAILED, e.code());
        assertTrue(hooks.debugLines.contains("kuayu: dropped a reply from http://remote.test: its body is not JSON"),
                hooks.debugLines.toString());
    }
}
