package org.kuayu.postmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.postmessage.Pages.HOST;
import static org.kuayu.postmessage.Pages.REMOTE;
import static org.kuayu.postmessage.Pages.REMOTE_URL;
import static org.kuayu.postmessage.Pages.TIMEOUT;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ChannelState;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.Kuayu;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.Origin;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimFrame;
import org.kuayu.core.sim.SimWindow;

/** A channel over window postMessage (and its MessageChannel) between two origins of the simulated browser. */
class PostMessageChannelTest {
    private final Pages pages = new Pages(11);

    @AfterEach
    void nothingWasThrownIntoThePages() {
        assertEquals(List.of(), pages.browser.uncaughtErrors());
    }

    private ReplyRecorder request(CrossDomainChannel channel, String json) {
        ReplyRecorder r = new ReplyRecorder();
        channel.request(json, r);
        pages.browser.runUntil(r::isDone, TIMEOUT);
        return r;
    }

    @Test
    void messagesFlowBothWaysInOrderWithTheSendersOrigin() {
        CrossDomainChannel host = pages.connectReady();
        CrossDomainChannel remote = pages.remote().channel;
        List<String> sent = new ArrayList<String>();
        for (int i = 0; i < 50; i++) {
            host.send("{\"n\":" + i + "}");
            remote.send("[" + i + "]");
            sent.add("{\"n\":" + i + "}");
        }
        pages.browser.runUntilIdle();
        assertEquals(sent, pages.remote().events.messages());
        assertEquals(50, pages.hostEvents.messages().size());
        assertEquals("[49]", pages.hostEvents.messages().get(49));
        assertEquals(Origin.parse(HOST), pages.remote().events.messageOrigins().get(0));
        assertEquals(Origin.parse(REMOTE), pages.hostEvents.messageOrigins().get(0));
        assertEquals(List.of("ready"), pages.hostEvents.events().subList(0, 1));
        assertEquals(ChannelState.READY, host.state());
        assertEquals(PostMessageTransport.NAME, host.transport());
        assertEquals(PostMessageTransport.NAME, remote.transport());
        assertEquals(Origin.parse(REMOTE), host.remoteOrigin());
        assertEquals(Origin.parse(HOST), remote.remoteOrigin());
        assertEquals(0, pages.browser.originMismatches(), "never posted to a window of another origin");
    }

    @Test
    void messagesSentBeforeReadyAndInOnReadyKeepTheirOrder() {
        List<CrossDomainChannel> holder = new ArrayList<CrossDomainChannel>();
        CrossDomainChannel channel = pages.connect(REMOTE_URL, new org.kuayu.core.ChannelListener() {
            @Override
            public void onReady() {
                holder.get(0).send("\"sent in onReady\"");
            }
        });
        holder.add(channel);
        channel.send("\"queued 1\"");
        channel.send("\"queued 2\"");
        assertTrue(pages.bothReady(channel));
        pages.browser.runUntilIdle();
        assertEquals(List.of("\"queued 1\"", "\"queued 2\"", "\"sent in onReady\""), pages.remote().events.messages());
    }

    @Test
    void requestsAreAnsweredBothWays() {
        CrossDomainChannel host = pages.connectReady();
        assertEquals("{\"q\":1}", request(host, "{\"q\":1}").reply());
        CrossDomainChannel remote = pages.remote().channel;
        ReplyRecorder fromRemote = request(remote, "\"to the host\"");
        assertEquals(ErrorCode.REMOTE_ERROR, fromRemote.errorCode(), "the host page has no handler");
        assertTrue(fromRemote.error().getMessage().contains("no onRequest handler"));
    }

    @Test
    void aMegabyteOfUnicodeTravelsIntact() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1 << 20) {
            sb.append("h\u00e9llo \u4f60\u597d \uD83D\uDE00 \u2028|\"\\ ");
        }
        String payload = Json.quote(sb.toString());
        CrossDomainChannel host = pages.connectReady();
        host.send(payload);
        ReplyRecorder echo = request(host, payload);
        pages.browser.runUntilIdle();
        assertEquals(payload, pages.remote().events.messages().get(0));
        assertEquals(payload, echo.reply());
        assertEquals(sb.toString(), Json.parse(echo.reply()));
    }

    @Test
    void twoHundredRequestsInFlightEachGetTheirOwnReply() {
        pages.remoteHandler = (json, origin, reply) -> {
            int n = ((Long) Json.parse(json)).intValue();
            pages.remote().window.schedule((n * 37) % 200, () -> reply.resolve("{\"twice\":" + 2 * n + "}"));
        };
        CrossDomainChannel host = pages.connectReady();
        List<ReplyRecorder> replies = new ArrayList<ReplyRecorder>();
        for (int i = 0; i < 200; i++) {
            ReplyRecorder r = new ReplyRecorder();
            host.request(Integer.toString(i), r);
            replies.add(r);
        }
        pages.browser.runUntilIdle();
        for (int i = 0; i < 200; i++) {
            assertEquals("{\"twice\":" + 2 * i + "}", replies.get(i).reply(), "request " + i);
            assertEquals(1, replies.get(i).calls());
        }
        assertEquals(0, pages.browser.pendingTimerCount());
    }

    @Test
    void connectFirstThenTheRemoteLoads() {
        pages.browser.loadDelay(800);
        CrossDomainChannel host = pages.connect();
        pages.browser.advance(700);
        assertFalse(host.isReady());
        assertTrue(pages.bothReady(host));
        assertEquals(1, pages.hostEvents.readyCount());
        assertEquals(0, pages.browser.originMismatches(), "nothing posted into the blank frame");
        assertTrue(pages.logged("held a frame back"));
    }

    @Test
    void theRemoteLoadedFirstInAFrameThePageMade() {
        SimFrame frame = (SimFrame) pages.host.createFrame(REMOTE_URL, false);
        pages.browser.runUntilIdle();
        assertFalse(pages.remote().channel.isReady(), "accepted, waiting for a host");
        CrossDomainChannel host = pages.connect(frame);
        assertTrue(pages.bothReady(host));
        assertEquals(1, pages.remotes.size());
        host.close();
        pages.browser.runUntilIdle();
        assertTrue(frame.isAttached(), "a frame the page gave is the page's to remove");
        assertEquals(List.of("ready", "close"), pages.remote().events.events(), "the remote saw the close");
    }

    @Test
    void aFrameThePageMadeStillLoadingIsWaitedFor() {
        pages.browser.loadDelay(300);
        SimFrame frame = (SimFrame) pages.host.createFrame(REMOTE_URL, false);
        CrossDomainChannel host = pages.connect(frame);
        assertTrue(pages.bothReady(host));
        assertEquals(1, pages.hostEvents.readyCount());
    }

    @Test
    void aThrowingHandlerIsARemoteErrorWithItsMessage() {
        pages.remoteHandler = (json, origin, reply) -> {
            throw new IllegalArgumentException("cannot handle " + json);
        };
        ReplyRecorder r = request(pages.connectReady(), "[7]");
        assertEquals(ErrorCode.REMOTE_ERROR, r.errorCode());
        assertEquals("cannot handle [7]", r.error().getMessage());
    }

    @Test
    void aRejectingHandlerIsARemoteErrorWithItsMessage() {
        pages.remoteHandler = (json, origin, reply) -> reply.reject("not today");
        ReplyRecorder r = request(pages.connectReady(), "1");
        assertEquals(ErrorCode.REMOTE_ERROR, r.errorCode());
        assertEquals("not today", r.error().getMessage());
    }

    @Test
    void onlyTheFirstOfTwoRepliesCounts() {
        pages.remoteHandler = (json, origin, reply) -> {
            reply.resolve("\"first\"");
            reply.resolve("\"second\"");
        };
        CrossDomainChannel host = pages.connectReady();
        ReplyRecorder r = request(host, "1");
        pages.browser.runUntilIdle();
        assertEquals("\"first\"", r.reply());
        assertEquals(1, r.calls());
        assertTrue(pages.logged("ignored a second answer to request #1"));
        assertEquals("\"first\"", request(host, "2").reply(), "the channel still works");
    }

    @Test
    void aRequestNeverAnsweredTimesOutAndLeavesNothingPending() {
        pages.remoteHandler = pages.HOLD;
        CrossDomainChannel host = pages.connectReady();
        ReplyRecorder r = new ReplyRecorder();
        host.request("1", 300, r);
        pages.browser.advance(299);
        assertFalse(r.isDone());
        pages.browser.advance(1);
        assertEquals(ErrorCode.TIMEOUT, r.errorCode());
        assertEquals(0, pages.browser.pendingTimerCount());
        assertEquals(0, pages.browser.pendingTaskCount());

        pages.heldReplies.get(0).resolve("\"too late\"");
        pages.browser.runUntilIdle();
        assertEquals(1, r.calls());
        assertTrue(pages.logged("unknown or expired request #1"));
        assertTrue(host.isReady());
    }

    @Test
    void twoChannelsInOnePageNeverCrossTalk() {
        String other = "http://other.test/kuayu/remote.html";
        pages.site(other);
        pages.remoteHandler = (json, origin, reply) -> reply.resolve(Json.quote("remote " + pages.remotes.indexOf(pages.answering)));
        List<ChannelRecorder> events = List.of(new ChannelRecorder(), new ChannelRecorder(), new ChannelRecorder());
        List<CrossDomainChannel> channels = List.of(pages.connect(REMOTE_URL, events.get(0)),
                pages.connect(REMOTE_URL, events.get(1)), pages.connect(other, events.get(2)));
        assertTrue(pages.browser.runUntil(() -> channels.stream().allMatch(CrossDomainChannel::isReady), TIMEOUT));
        assertEquals(3, pages.remotes.size());
        List<ReplyRecorder> replies = new ArrayList<ReplyRecorder>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 5; i++) {
                channels.get(c).send("\"" + c + "." + i + "\"");
            }
            ReplyRecorder r = new ReplyRecorder();
            channels.get(c).request("0", r);
            replies.add(r);
        }
        for (Pages.Remote remote : pages.remotes) {
            remote.channel.send(Json.quote("from remote " + pages.remotes.indexOf(remote)));
        }
        pages.browser.runUntilIdle();

        for (int c = 0; c < 3; c++) {
            int served = -1;
            for (Pages.Remote remote : pages.remotes) {
                if (remote.events.messages().contains("\"" + c + ".0\"")) {
                    served = pages.remotes.indexOf(remote);
                }
            }
            assertTrue(served >= 0, "channel " + c + " reached no remote");
            assertEquals(List.of("\"" + c + ".0\"", "\"" + c + ".1\"", "\"" + c + ".2\"", "\"" + c + ".3\"",
                    "\"" + c + ".4\""), pages.remotes.get(served).events.messages(), "only its own messages");
            assertEquals("\"remote " + served + "\"", replies.get(c).reply(), "answered by its own remote");
            assertEquals(List.of("\"from remote " + served + "\""), events.get(c).messages(), "hears only its remote");
        }
        assertEquals(Origin.parse("http://other.test"), events.get(2).messageOrigins().get(0));
    }

    @Test
    void afterTheHandshakeFramesGoOverTheMessageChannel() {
        CrossDomainChannel host = pages.connectReady();
        pages.browser.runUntilIdle();
        long window = pages.browser.windowDeliveries();
        long port = pages.browser.portDeliveries();
        for (int i = 0; i < 10; i++) {
            host.send("1");
            pages.remote().channel.send("2");
        }
        assertEquals("1", request(host, "1").reply());
        pages.browser.runUntilIdle();
        assertEquals(window, pages.browser.windowDeliveries(), "no window message after the handshake");
        assertEquals(port + 22, pages.browser.portDeliveries());
        assertEquals(10, pages.remote().events.messages().size());
    }

    @Test
    void withoutMessageChannelTheWindowPathCarriesEverything() {
        pages.browser.messageChannels(false);
        CrossDomainChannel host = pages.connectReady();
        host.send("\"over the window\"");
        pages.remote().channel.send("\"back\"");
        assertEquals("2", request(host, "2").reply());
        pages.browser.runUntilIdle();
        assertEquals(List.of("\"over the window\""), pages.remote().events.messages());
        assertEquals(List.of("\"back\""), pages.hostEvents.messages());
        assertEquals(0, pages.browser.portDeliveries());
        assertEquals(0, pages.browser.livePortCount());
    }

    @Test
    void aRemoteThatDoesNotKnowItsParentAnnouncesItselfToEachAllowedOrigin() {
        pages.browser.ancestorOrigins(false);
        pages.allowedOrigins = List.of("http://first.test", HOST, "http://third.test");
        CrossDomainChannel host = pages.connectReady();
        assertEquals("1", request(host, "1").reply());
        assertEquals(2, pages.browser.originMismatches(), "the browser delivered only the parent's copy");
    }

    @Test
    void aRemoteAdmittingAnyOriginBindsToItsHost() {
        pages.allowedOrigins = List.of();
        pages.allowAnyOrigin = true;
        CrossDomainChannel host = pages.connectReady();
        assertEquals(Origin.parse(HOST), pages.remote().channel.remoteOrigin());
        assertEquals("1", request(host, "1").reply());
    }

    @Test
    void acceptInATopLevelPageFailsWithTransportUnavailable() {
        ChannelRecorder events = new ChannelRecorder();
        SimWindow top = pages.browser.open(REMOTE + "/alone.html");
        CrossDomainChannel channel = Kuayu.accept(top, AcceptOptions.builder().allowOrigin(HOST)
                .transport(PostMessageTransport.FACTORY).listener(events).build());
        assertTrue(events.events().isEmpty(), "reported in a later task");
        pages.browser.runUntilIdle();
        assertEquals(List.of("error:TRANSPORT_UNAVAILABLE", "close"), events.events());
        assertTrue(events.errors().get(0).getMessage().contains("iframe"));
        assertEquals(ChannelState.CLOSED, channel.state());
        assertNull(channel.remoteOrigin());
        assertEquals(0, pages.browser.liveListenerCount(), "the failed channel left no listener");
    }
}
