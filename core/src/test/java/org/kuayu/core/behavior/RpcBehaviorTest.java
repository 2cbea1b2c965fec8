package org.kuayu.core.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.Reply;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.RequestHandler;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

class RpcBehaviorTest extends BehaviorFixture {
    private RpcBehavior rpc(RequestHandler handler) {
        RpcBehavior rpc = new RpcBehavior(window, handler, false, log);
        rpc.start(link);
        return rpc;
    }

    private static Message request(String body, ReplyRecorder callback, int timeout) {
        return new Message(MessageKind.REQUEST, "", 0, body).withAttachment(new RequestTicket(callback, timeout));
    }

    private static Message incoming(MessageKind kind, int id, String body) {
        return new Message(kind, "c1", id, body).withOrigin(REMOTE);
    }

    @Test
    void requestsGetIdsCountingFromOneAndRepliesFindTheirCaller() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder first = new ReplyRecorder();
        ReplyRecorder second = new ReplyRecorder();
        rpc.down(request("{\"n\":1}", first, 1000), link);
        rpc.down(request("{\"n\":2}", second, 1000), link);
        assertEquals(1, link.downs().get(0).number());
        assertEquals(2, link.downs().get(1).number());
        assertEquals("{\"n\":2}", link.downs().get(1).body());
        assertNull(link.downs().get(1).attachment(), "the ticket stays here");
        assertEquals(2, rpc.pendingCount());

        rpc.up(incoming(MessageKind.RESPONSE, 2, "\"two\""), link);
        rpc.up(incoming(MessageKind.ERROR, 1, Json.error(ErrorCode.REMOTE_ERROR, "no")), link);

        assertEquals("\"two\"", second.reply());
        assertEquals(ErrorCode.REMOTE_ERROR, first.errorCode());
        assertEquals("no", first.error().getMessage());
        assertEquals(0, rpc.pendingCount());
        assertEquals(0, browser.pendingTimerCount(), "timers cancelled");
        assertTrue(link.ups().isEmpty(), "replies are not passed to the channel");
    }

    /** Ids are 9 digits at most, like every wire number: after 999999999 come 1, 2, ... again, skipping the pending. */
    @Test
    void requestIdsWrapAfterNineDigitsSkippingThoseStillPending() {
        RpcBehavior rpc = rpc(null);
        rpc.down(request("a", new ReplyRecorder(), 1000), link);
        setField(rpc, "nextId", 999999999);
        rpc.down(request("b", new ReplyRecorder(), 1000), link);
        rpc.down(request("c", new ReplyRecorder(), 1000), link);
        rpc.down(request("d", new ReplyRecorder(), 1000), link);
        assertEquals(List.of(1, 999999999, 2, 3), link.downs().stream().map(Message::number)
                .collect(Collectors.toList()));
        assertEquals(4, rpc.pendingCount());
    }

    @Test
    void otherMessagesPassThroughBothWays() {
        RpcBehavior rpc = rpc(null);
        rpc.down(new Message(MessageKind.MESSAGE, "", 0, "1"), link);
        rpc.down(new Message(MessageKind.REQUEST, "", 0, "1"), link);
        rpc.up(incoming(MessageKind.MESSAGE, 0, "2"), link);
        rpc.up(Message.local(MessageKind.OPENED, "x"), link);
        assertEquals(List.of(MessageKind.MESSAGE, MessageKind.REQUEST), link.downKinds());
        assertEquals(List.of(MessageKind.MESSAGE, MessageKind.OPENED), link.upKinds());
    }

    @Test
    void aReplyToAnUnknownOrExpiredRequestIsDropped() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder r = new ReplyRecorder();
        rpc.down(request("1", r, 100), link);
        browser.advance(100);
        assertEquals(ErrorCode.TIMEOUT, r.errorCode());
        assertTrue(r.error().getMessage().contains("#1 within 100 ms"), r.error().getMessage());
        rpc.up(incoming(MessageKind.RESPONSE, 1, "\"late\""), link);
        rpc.up(incoming(MessageKind.RESPONSE, 99, "\"never asked\""), link);
        assertEquals(1, r.calls());
        assertTrue(logged("unknown or expired request #1"));
        assertTrue(logged("unknown or expired request #99"));
        assertEquals(0, rpc.pendingCount());
    }

    @Test
    void eachRequestHasItsOwnTimeout() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder quick = new ReplyRecorder();
        ReplyRecorder slow = new ReplyRecorder();
        rpc.down(request("1", slow, 500), link);
        rpc.down(request("2", quick, 50), link);
        browser.advance(50);
        assertEquals(ErrorCode.TIMEOUT, quick.errorCode());
        assertEquals(0, slow.calls());
        browser.advance(450);
        assertEquals(ErrorCode.TIMEOUT, slow.errorCode());
    }

    @Test
    void aTimeoutTellsTheTransportToAbandonTheRequestBeforeTheCallerHears() {
        RpcBehavior rpc = rpc(null);
        List<String> seen = new ArrayList<String>();
        rpc.down(new Message(MessageKind.REQUEST, "", 0, "1").withAttachment(new RequestTicket(new ReplyCallback() {
            @Override
            public void onReply(String json) {
                seen.add("reply");
            }

            @Override
            public void onError(KuayuException e) {
                seen.add(e.code() + " after " + link.instructionCount(MessageKind.ABANDON) + " abandon");
            }
        }, 100)), link);
        ReplyRecorder answered = new ReplyRecorder();
        rpc.down(request("2", answered, 100), link);
        rpc.up(incoming(MessageKind.RESPONSE, 2, "\"ok\""), link);
        browser.advance(100);
        assertEquals(List.of("TIMEOUT after 1 abandon"), seen);
        assertEquals(1, link.instructionCount(MessageKind.ABANDON), "an answered request is not abandoned");
        assertEquals(List.of(1, 2), link.downs().stream().map(Message::number).collect(
                Collectors.toList()), "the abandon is no frame");
    }

    @Test
    void aRequestRefusedBelowIsThrownToTheCallerAndLeavesNothingPending() {
        RpcBehavior rpc = new RpcBehavior(window, null, false, log);
        Link refusing = new Link() {
            @Override
            public void down(Message m) {
                throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "not flat");
            }

            @Override
            public void up(Message m) {
            }
        };
        ReplyRecorder r = new ReplyRecorder();
        KuayuException e = assertThrows(KuayuException.class,
                () -> rpc.down(request("[1]", r, 100), refusing));
        assertEquals("not flat", e.getMessage());
        assertEquals(0, rpc.pendingCount());
        assertEquals(0, browser.pendingTimerCount());
        browser.runUntilIdle();
        assertEquals(0, r.calls(), "the caller had the exception; no outcome follows");
    }

    @Test
    void aRemoteReloadFailsWhatIsInFlightWithTransmissionFailed() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder r = new ReplyRecorder();
        rpc.down(request("1", r, 1000), link);
        rpc.up(Message.local(MessageKind.RESET, ""), link);
        assertEquals(ErrorCode.TRANSMISSION_FAILED, r.errorCode());
        assertEquals(List.of(MessageKind.RESET), link.upKinds());
        ReplyRecorder after = new ReplyRecorder();
        rpc.down(request("2", after, 1000), link);
        assertEquals(1, rpc.pendingCount(), "requests still work after a reset");
        browser.runUntilIdle();
        assertEquals(1, r.calls());
    }

    @Test
    void aFailedHandshakeFailsPendingRequestsWithItsCode() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder r = new ReplyRecorder();
        rpc.down(request("1", r, 1000), link);
        rpc.up(Message.local(MessageKind.FAILED, Json.error(ErrorCode.ORIGIN_REJECTED, "refused")), link);
        assertEquals(ErrorCode.ORIGIN_REJECTED, r.errorCode());
        assertEquals("refused", r.error().getMessage());
        ReplyRecorder late = new ReplyRecorder();
        rpc.down(request("2", late, 1000), link);
        assertEquals(ErrorCode.CLOSED, late.errorCode());
    }

    @Test
    void closingFailsPendingAndLaterRequestsWithClosed() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder r = new ReplyRecorder();
        rpc.down(request("1", r, 1000), link);
        rpc.up(Message.local(MessageKind.CLOSED, "remote"), link);
        assertEquals(ErrorCode.CLOSED, r.errorCode());
        assertEquals(List.of(MessageKind.CLOSED), link.upKinds());
        ReplyRecorder late = new ReplyRecorder();
        rpc.down(request("2", late, 1000), link);
        assertEquals(ErrorCode.CLOSED, late.errorCode());
        assertEquals(1, link.downs().size(), "nothing sent after close");
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void stopFailsPendingWithClosed() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder r = new ReplyRecorder();
        rpc.down(request("1", r, 1000), link);
        rpc.stop();
        assertEquals(ErrorCode.CLOSED, r.errorCode());
        assertEquals(0, browser.pendingTimerCount());
    }

    @Test
    void theHandlerAnswersWithAResponse() {
        List<Origin> origins = new ArrayList<Origin>();
        RpcBehavior rpc = rpc((json, origin, reply) -> {
            origins.add(origin);
            reply.resolve("{\"echo\":" + json + "}");
        });
        rpc.up(incoming(MessageKind.REQUEST, 5, "[1]"), link);
        Message res = link.lastDown();
        assertEquals(MessageKind.RESPONSE, res.kind());
        assertEquals(5, res.number());
        assertEquals("{\"echo\":[1]}", res.body());
        assertEquals(Origin.parse(REMOTE), origins.get(0));
        assertTrue(link.ups().isEmpty(), "requests are answered here, not passed to the channel");
    }

    @Test
    void theHandlerMayAnswerLater() {
        List<Reply> replies = new ArrayList<Reply>();
        RpcBehavior rpc = rpc((json, origin, reply) -> replies.add(reply));
        rpc.up(incoming(MessageKind.REQUEST, 1, "1"), link);
        assertTrue(link.downs().isEmpty());
        replies.get(0).resolve("2");
        assertEquals("2", link.lastDown().body());
    }

    @Test
    void aRejectOrAThrowingHandlerIsARemoteErrorWithItsMessage() {
        RpcBehavior rpc = rpc((json, origin, reply) -> {
            if (json.equals("1")) {
                reply.reject("not allowed");
            } else if (json.equals("2")) {
                throw new IllegalStateException("handler broke");
            } else {
                throw new IllegalStateException();
            }
        });
        rpc.up(incoming(MessageKind.REQUEST, 1, "1"), link);
        rpc.up(incoming(MessageKind.REQUEST, 2, "2"), link);
        rpc.up(incoming(MessageKind.REQUEST, 3, "3"), link);
        assertEquals(List.of(MessageKind.ERROR, MessageKind.ERROR, MessageKind.ERROR), link.downKinds());
        assertEquals("not allowed", Json.readError(link.downs().get(0).body(), ErrorCode.CLOSED).getMessage());
        assertEquals(ErrorCode.REMOTE_ERROR, Json.readError(link.downs().get(1).body(), ErrorCode.CLOSED).code());
        assertEquals("handler broke", Json.readError(link.downs().get(1).body(), ErrorCode.CLOSED).getMessage());
        assertTrue(Json.readError(link.downs().get(2).body(), ErrorCode.CLOSED).getMessage()
                .contains("IllegalStateException"), "a message-less exception is named by its class");
    }

    @Test
    void onlyTheFirstAnswerCounts() {
        RpcBehavior rpc = rpc((json, origin, reply) -> {
            reply.resolve("1");
            reply.resolve("2");
            reply.reject("3");
        });
        rpc.up(incoming(MessageKind.REQUEST, 1, "0"), link);
        assertEquals(1, link.downs().size());
        assertEquals("1", link.lastDown().body());
        assertTrue(logged("ignored a second answer to request #1"));
    }

    @Test
    void anAnswerAfterAThrowIsIgnored() {
        RpcBehavior rpc = rpc((json, origin, reply) -> {
            reply.resolve("\"first\"");
            throw new IllegalStateException("after answering");
        });
        rpc.up(incoming(MessageKind.REQUEST, 1, "0"), link);
        assertEquals(List.of(MessageKind.RESPONSE), link.downKinds());
    }

    @Test
    void aReplyThatIsNotJsonIsARemoteError() {
        RpcBehavior rpc = rpc((json, origin, reply) -> reply.resolve("{not json"));
        rpc.up(incoming(MessageKind.REQUEST, 1, "0"), link);
        assertEquals(MessageKind.ERROR, link.lastDown().kind());
        assertTrue(link.lastDown().body().contains("not JSON"));
    }

    @Test
    void aPageWithoutAHandlerAnswersRemoteError() {
        RpcBehavior rpc = rpc(null);
        rpc.up(incoming(MessageKind.REQUEST, 1, "0"), link);
        assertEquals(MessageKind.ERROR, link.lastDown().kind());
        assertEquals(ErrorCode.REMOTE_ERROR, Json.readError(link.lastDown().body(), ErrorCode.CLOSED).code());
    }

    @Test
    void anAnswerAfterCloseIsNotSent() {
        List<Reply> replies = new ArrayList<Reply>();
        RpcBehavior rpc = rpc((json, origin, reply) -> replies.add(reply));
        rpc.up(incoming(MessageKind.REQUEST, 1, "0"), link);
        rpc.up(Message.local(MessageKind.CLOSED, "local"), link);
        replies.get(0).resolve("1");
        assertTrue(link.downs().isEmpty());
    }

    @Test
    void aCallbackThatThrowsDoesNotStopTheOthers() {
        RpcBehavior rpc = rpc(null);
        ReplyRecorder after = new ReplyRecorder();
        rpc.down(new Message(MessageKind.REQUEST, "", 0, "1").withAttachment(new RequestTicket(new ReplyCallback() {
            @Override
            public void onReply(String json) {
            }

            @Override
            public void onError(KuayuException e) {
                throw new IllegalStateException("user code broke");
            }
        }, 1000)), link);
        rpc.down(request("2", after, 1000), link);
        rpc.up(Message.local(MessageKind.CLOSED, "local"), link);
        assertEquals(ErrorCode.CLOSED, after.errorCode());
        assertEquals(List.of(MessageKind.CLOSED), link.upKinds(), "the channel still hears of the close");
        browser.runUntilIdle();
        assertEquals("user code broke", browser.uncaughtErrors().get(0).getMessage(), "reported, not swallowed");
        assertEquals(0, browser.pendingTimerCount());
    }
}
