package org.kuayu.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.behavior.FragmentBehavior;
import org.kuayu.core.behavior.ReliableBehavior;
import org.kuayu.core.behavior.RequestTicket;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.sim.FaultPlan;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/** Which stack each kind of transport gets, and what a request-only transport's stack refuses. */
class StackAssemblyTest {
    private static final String API = "http://api.test";

    private final SimBrowser browser = new SimBrowser(5);
    private final SimWindow page = browser.open("http://page.test/");
    private final RecordingTransport transport = new RecordingTransport();
    private final RecordingLink channel = new RecordingLink();

    private final TransportFactory factory = new TransportFactory() {
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
            return transport;
        }
    };

    private Stack assemble(Role role, ChannelOptions options) {
        return StackAssembly.assemble(role, transport, options, page, DebugLog.off(), role == Role.HOST ? API : null,
                role == Role.HOST ? "c1" : null, channel);
    }

    private ConnectOptions.Builder connect() {
        return ConnectOptions.builder().remote(API + "/login").transport(factory);
    }

    private static Message request(String body, ReplyRecorder r, int timeoutMillis) {
        return new Message(MessageKind.REQUEST, "", 0, body).withAttachment(new RequestTicket(r, timeoutMillis));
    }

    @Test
    void aPageToPageTransportGetsTheHandshake() {
        assemble(Role.HOST, connect().build()).start();
        assertTrue(transport.frames().get(0).startsWith("kuayu1|SYN|c1|0|"), transport.frames().toString());
    }

    @Test
    void aTransportBlindToTheSendersOriginGetsTheSecretsLayer() {
        transport.blindToOrigin();
        assemble(Role.HOST, connect().build()).start();
        String syn = transport.frames().get(0);
        assertTrue(syn.matches("kuayu1\\|SEC\\|c1\\|0\\|[0-9a-f]{32}\\.\\|SYN\\|.*"), syn);
    }

    @Test
    void aRequestOnlyTransportGetsRequestsAndRepliesWithoutHandshake() {
        transport.requestOnly();
        Stack stack = assemble(Role.HOST, connect().build());
        stack.start();
        assertTrue(transport.frames().isEmpty(), "no handshake frame");
        browser.runUntilIdle();
        assertEquals(List.of(MessageKind.OPENED), channel.upKinds());
        assertEquals(API, channel.lastUp().origin());

        ReplyRecorder answered = new ReplyRecorder();
        stack.send(request("{\"q\":1}", answered, 1000));
        assertEquals(List.of("kuayu1|REQ||1|{\"q\":1}"), transport.frames());
        assertEquals(List.of(API), transport.targets());
        transport.listener().onFrame("kuayu1|RES||1|\"a\"", API, null);
        assertEquals("\"a\"", answered.reply());

        ReplyRecorder timedOut = new ReplyRecorder();
        stack.send(request("{}", timedOut, 1000));
        browser.advance(1000);
        assertEquals(ErrorCode.TIMEOUT, timedOut.errorCode());
        assertEquals(List.of(2), transport.abandoned(), "the timed-out call is released by the transport");
    }

    @Test
    void aRequestOnlyTransportCannotAccept() {
        transport.requestOnly();
        KuayuException e = assertThrows(KuayuException.class, () -> assemble(Role.REMOTE,
                AcceptOptions.builder().allowAnyOrigin().transport(factory).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("recording transport cannot accept channels"), e.getMessage());
    }

    @Test
    void aRequestOnlyTransportCannotTakeARequestHandler() {
        transport.requestOnly();
        KuayuException e = assertThrows(KuayuException.class, () -> assemble(Role.HOST,
                connect().requestHandler((json, origin, reply) -> reply.resolve("1")).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("remove requestHandler(...)"), e.getMessage());
    }

    @Test
    void aTransportThatLimitsOrLosesFramesGetsFragmentationAboveReliableDelivery() {
        assertEquals(List.of(), StackAssembly.lowerLayers(transport, page, DebugLog.off()), "postMessage: nothing");
        List<Behavior> both = StackAssembly.lowerLayers(new LossyLink(1, FaultPlan.NONE, 2000, 4)
                .transport(Role.HOST, page), page, DebugLog.off());
        assertEquals(3, both.size());
        assertTrue(both.get(0) instanceof ReachabilityBehavior && both.get(1) instanceof FragmentBehavior
                && both.get(2) instanceof ReliableBehavior);
        List<Behavior> reliableOnly = StackAssembly.lowerLayers(new LossyLink(1, FaultPlan.NONE, 0, 4)
                .transport(Role.HOST, page), page, DebugLog.off());
        assertEquals(2, reliableOnly.size());
        assertTrue(reliableOnly.get(0) instanceof ReachabilityBehavior && reliableOnly.get(1) instanceof ReliableBehavior);

        LossyLink link = new LossyLink(1, FaultPlan.NONE, 185, 1);
        Stack stack = StackAssembly.assemble(Role.HOST, link.transport(Role.HOST, page), connect().build(), page,
                DebugLog.off(), API, "c1", channel);
        stack.start();
        assertEquals(1, link.sent(), "the handshake's SYN, sequenced");
    }

    @Test
    void aTransportWhoseLimitOrWindowCannotWorkIsRefused() {
        IllegalStateException tooSmall = assertThrows(IllegalStateException.class, () -> StackAssembly.lowerLayers(
                new LossyLink(1, FaultPlan.NONE, 184, 1).transport(Role.HOST, page), page, DebugLog.off()));
        assertTrue(tooSmall.getMessage().contains("maxFrameLength() 184 leaves no room for the fragment and reliable"
                + " headers; it must be 0 or at least 185"), tooSmall.getMessage());
        IllegalStateException noWindow = assertThrows(IllegalStateException.class, () -> StackAssembly.lowerLayers(
                new LossyLink(1, FaultPlan.NONE, 0, 0).transport(Role.HOST, page), page, DebugLog.off()));
        assertTrue(noWindow.getMessage().contains("reliableWindow() must be 1 to 256"), noWindow.getMessage());
    }
}
