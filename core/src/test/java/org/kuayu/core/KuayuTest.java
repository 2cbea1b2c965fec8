package org.kuayu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.stack.RecordingTransport;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/** The channel API over a recording transport: the entry points, misuse, and what the listener sees. */
class KuayuTest {
    private static final String REMOTE = "http://remote.test";

    private final SimBrowser browser = new SimBrowser(2);
    private final SimWindow page = browser.open("http://host.test/app/index.html");
    private final ChannelRecorder events = new ChannelRecorder();
    private final List<String> lines = new ArrayList<String>();
    private final List<TransportSetup> setups = new ArrayList<TransportSetup>();
    private RecordingTransport transport = new RecordingTransport();

    private final TransportFactory recording = new TransportFactory() {
        @Override
        public String name() {
            return RecordingTransport.NAME;
        }

        @Override
        public boolean isSupported(Platform platform, Role role) {
            return true;
        }

        @Override
        public Transport create(TransportSetup setup) {
            setups.add(setup);
            return transport;
        }
    };

    private CrossDomainChannel connect(String url) {
        return Kuayu.connect(page, ConnectOptions.builder().remote(url).transport(recording).listener(events)
                .debug(lines::add).timeoutMillis(1000).build());
    }

    /** Plays the remote's side of the handshake through the transport. */
    private void handshake(CrossDomainChannel channel) {
        String channelId = WireCodec.decode(transport.frames().get(0)).channel();
        receive(new Message(MessageKind.ACK, channelId, 0, "{\"session\":\"s1\"}"));
        receive(new Message(MessageKind.READY, channelId, 0, ""));
        assertTrue(channel.isReady());
    }

    private void receive(Message m) {
        transport.listener().onFrame(WireCodec.encode(m), REMOTE, null);
    }

    private String channelId() {
        return WireCodec.decode(transport.frames().get(0)).channel();
    }

    @Test
    void connectResolvesTheRemoteUrlAndStartsTheHandshake() {
        CrossDomainChannel channel = connect("../remote/r.html");
        assertEquals("http://host.test/remote/r.html", setups.get(0).remoteUrl());
        assertEquals(Role.HOST, setups.get(0).role());
        assertEquals(Origin.parse(REMOTE.replace("remote.test", "host.test")), channel.remoteOrigin());
        assertEquals(ChannelState.CONNECTING, channel.state());
        assertNull(channel.transport());
        Message syn = WireCodec.decode(transport.frames().get(0));
        assertEquals(MessageKind.SYN, syn.kind());
        assertTrue(syn.channel().matches("[0-9a-f]{32}"), syn.channel());
        transport.listener().onFrame("kuayu9|?", REMOTE, null);
        assertTrue(lines.get(0).startsWith("kuayu[host " + syn.channel().substring(0, 8) + "] "), lines.get(0));
    }

    @Test
    void theProxyPageIsResolvedAndMustBeOnThisPagesOrigin() {
        Kuayu.connect(page, ConnectOptions.builder().remote(REMOTE + "/r.html").transport(recording)
                .proxy("../kuayu/proxy.html").build());
        assertEquals("http://host.test/kuayu/proxy.html", setups.get(0).proxyUrl());
        connect(REMOTE + "/r.html");
        assertNull(setups.get(1).proxyUrl(), "none unless given");

        for (String url : new String[] {REMOTE + "/kuayu/proxy.html", "https://host.test/proxy.html",
                "http://host.test:8080/proxy.html", "data:text/html,x"}) {
            KuayuException e = assertThrows(KuayuException.class, () -> Kuayu.connect(page, ConnectOptions.builder()
                    .remote(REMOTE + "/r.html").transport(recording).proxy(url).build()), url);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("must be on this page's own origin http://host.test"), e.getMessage());
        }
        assertEquals(2, setups.size(), "nothing is made for a refused call");
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.builder().proxy(""));
    }

    @Test
    void aReadyChannelCarriesMessagesBothWays() {
        CrossDomainChannel channel = connect(REMOTE + "/r.html");
        channel.send("{\"early\":true}");
        handshake(channel);
        assertEquals(List.of("ready"), events.events());
        assertEquals(RecordingTransport.NAME, channel.transport());
        assertEquals("kuayu1|MSG|" + channelId() + "|0|{\"early\":true}", transport.frames().get(2));

        receive(new Message(MessageKind.MESSAGE, channelId(), 0, "[\"hi\"]"));
        assertEquals(List.of("[\"hi\"]"), events.messages());
        assertEquals(Origin.parse(REMOTE), events.messageOrigins().get(0));

        ReplyRecorder reply = new ReplyRecorder();
        channel.request("{\"q\":1}", reply);
        Message request = WireCodec.decode(transport.frames().get(3));
        assertEquals(MessageKind.REQUEST, request.kind());
        receive(new Message(MessageKind.RESPONSE, channelId(), request.number(), "{\"a\":1}"));
        assertEquals("{\"a\":1}", reply.reply());
    }

    @Test
    void misuseIsThrownAtOnceWithInvalidArgument() {
        CrossDomainChannel channel = connect(REMOTE + "/r.html");
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KuayuException.class, () -> channel.send("{bad")).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KuayuException.class, () -> channel.send(null)).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(KuayuException.class, () -> channel.request("1", 0, new ReplyRecorder())).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(KuayuException.class, () -> channel.request("1", null)).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(KuayuException.class, () -> channel.request("nope", new ReplyRecorder())).code());
    }

    @Test
    void aRemoteUrlWithoutAnHttpOriginIsRefused() {
        for (String url : new String[] {"data:text/html,hi", "javascript:alert(1)", "ftp://files.test/x"}) {
            KuayuException e = assertThrows(KuayuException.class, () -> connect(url), url);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("http"), e.getMessage());
        }
        assertTrue(setups.isEmpty());
    }

    @Test
    void aFrameWithoutSrcIsRefused() {
        FrameHandle noSrc = new FrameHandle() {
            public String src() {
                return null;
            }

            public String documentOrigin() {
                return "";
            }

            public WindowHandle window() {
                return null;
            }

            public Cancellable onLoad(Runnable onLoad) {
                return () -> { };
            }

            public boolean replaceLocation(String url) {
                return false;
            }

            public void remove() {
            }

            public boolean isAttached() {
                return true;
            }

            public Cancellable onRemoved(Runnable onRemoved) {
                return () -> { };
            }
        };
        KuayuException e = assertThrows(KuayuException.class, () -> Kuayu.connect(page,
                ConnectOptions.builder().frame(noSrc).transport(recording).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void noUsableTransportFailsTheChannelInALaterTask() {
        CrossDomainChannel channel = Kuayu.connect(page, ConnectOptions.builder().remote(REMOTE + "/r.html")
                .transport(ChannelOptionsTest.NONE).listener(events).debug(lines::add).build());
        assertTrue(events.events().isEmpty(), "not inside connect(...)");
        browser.runUntilIdle();
        assertEquals(List.of("error:TRANSPORT_UNAVAILABLE", "close"), events.events());
        assertTrue(events.errors().get(0).getMessage().contains("none"), events.errors().get(0).getMessage());
        assertTrue(lines.get(0).contains("transport none is not available here"), lines.get(0));
        assertEquals(ChannelState.CLOSED, channel.state());
        assertEquals(ErrorCode.CLOSED, assertThrows(KuayuException.class, () -> channel.send("1")).code());
        ReplyRecorder r = new ReplyRecorder();
        channel.request("1", r);
        assertFalse(r.isDone(), "asynchronous");
        browser.runUntilIdle();
        assertEquals(ErrorCode.CLOSED, r.errorCode());
    }

    @Test
    void aTransportThatCannotOpenFailsTheChannelInALaterTask() {
        transport = new RecordingTransport().failOpen(new KuayuException(ErrorCode.TRANSPORT_UNAVAILABLE, "no parent"));
        CrossDomainChannel channel = Kuayu.accept(page, AcceptOptions.builder().allowOrigin("http://host.test")
                .transport(recording).listener(events).build());
        assertTrue(events.events().isEmpty());
        browser.runUntilIdle();
        assertEquals(List.of("error:TRANSPORT_UNAVAILABLE", "close"), events.events());
        assertEquals("no parent", events.errors().get(0).getMessage());
        assertEquals(ChannelState.CLOSED, channel.state());
        assertNull(channel.remoteOrigin());
    }

    @Test
    void closingBeforeReadyClosesOnceAndFailsPendingRequests() {
        CrossDomainChannel channel = connect(REMOTE + "/r.html");
        ReplyRecorder r = new ReplyRecorder();
        channel.request("1", r);
        channel.close();
        channel.close();
        assertEquals(List.of("close"), events.events());
        assertEquals(ErrorCode.CLOSED, r.errorCode());
        assertEquals(ChannelState.CLOSED, channel.state());
        assertTrue(transport.isClosed());
        browser.runUntilIdle();
        assertEquals(1, events.closeCount());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheChannel() {
        List<String> seen = new ArrayList<String>();
        CrossDomainChannel channel = Kuayu.connect(page, ConnectOptions.builder().remote(REMOTE + "/r.html")
                .transport(recording).listener(new ChannelListener() {
                    @Override
                    public void onMessage(String json, Origin origin) {
                        seen.add(json);
                        throw new IllegalStateException("listener bug");
                    }
                }).build());
        handshake(channel);
        receive(new Message(MessageKind.MESSAGE, channelId(), 0, "1"));
        receive(new Message(MessageKind.MESSAGE, channelId(), 0, "2"));
        assertEquals(List.of("1", "2"), seen);
        assertTrue(channel.isReady());
        browser.runUntilIdle();
        assertEquals(2, browser.uncaughtErrors().size(), "reported to the page, not swallowed");
        assertEquals("listener bug", browser.uncaughtErrors().get(0).getMessage());
    }

    @Test
    void theRemoteLearnsItsPeerFromTheHandshake() {
        CrossDomainChannel channel = Kuayu.accept(page, AcceptOptions.builder().allowOrigin("http://parent.test")
                .transport(recording).listener(events).debug(lines::add).build());
        assertNull(channel.remoteOrigin());
        transport.listener().onFrame("kuayu1|MSG|c1|0|1", "http://parent.test", null);
        assertTrue(lines.get(0).startsWith("kuayu[remote] ignored MESSAGE"), lines.toString());
        transport.listener().onFrame("kuayu1|SYN|c1|0|{}", "http://parent.test", null);
        transport.listener().onFrame("kuayu1|RDY|c1|0|", "http://parent.test", null);
        assertEquals(Origin.parse("http://parent.test"), channel.remoteOrigin());
        assertEquals(List.of("ready"), events.events());
    }
}
