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
import org.kuayu.core.behavior.RequestTicket;
import org.kuayu.core.platform.Platform;
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
        assertEquals(List.of(2L), transport.abandoned(), "the timed-out call is released by the transport");
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
}
