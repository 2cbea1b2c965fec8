package org.kuayu.postmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.postmessage.Pages.REMOTE_URL;
import static org.kuayu.postmessage.Pages.TIMEOUT;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ChannelListener;
import org.kuayu.core.ChannelState;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.sim.FaultPlan;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimFrame;
import org.kuayu.core.sim.SimWindow;

/** Reloads, navigations and closing, and that nothing is left behind. */
class PostMessageLifecycleTest {
    private final Pages pages = new Pages(5);

    @AfterEach
    void nothingWasThrownIntoThePages() {
        assertEquals(List.of(), pages.browser.uncaughtErrors());
    }

    private ReplyRecorder request(CrossDomainChannel channel, String json) {
        ReplyRecorder r = new ReplyRecorder();
        channel.request(json, r);
        return r;
    }

    private void assertNothingLeft() {
        assertEquals(0, pages.liveListeners(), "listeners");
        assertEquals(0, pages.browser.liveFrameCount(), "frames");
        assertEquals(0, pages.browser.livePortCount(), "ports");
        assertEquals(0, pages.browser.pendingTimerCount(), "timers");
    }

    @Test
    void aRemoteReloadReopensTheChannel() {
        remoteReloadMidSession();
    }

    @Test
    void aRemoteReloadWhoseLoadEventArrivesBeforeItsHelloReopensTheChannel() {
        // Window messages a little slower than the frame's load event: the host hears "loaded" first.
        pages.browser.windowFaults(FaultPlan.NONE.delay(5));
        remoteReloadMidSession();
    }

    private void remoteReloadMidSession() {
        pages.remoteHandler = pages.HOLD;
        CrossDomainChannel host = pages.connectReady();
        int listeners = pages.liveListeners();
        int ports = pages.browser.livePortCount();
        ReplyRecorder inFlight = request(host, "\"before\"");
        pages.browser.advance(100);
        assertEquals(1, pages.heldReplies.size());

        pages.frame().reload();
        assertTrue(pages.browser.runUntil(() -> pages.remotes.size() == 2 && pages.bothReady(host), TIMEOUT));

        assertEquals(ErrorCode.TRANSMISSION_FAILED, inFlight.errorCode());
        assertEquals(List.of("ready", "ready"), pages.hostEvents.events());
        assertEquals(ChannelState.READY, host.state());
        pages.heldReplies.get(0).resolve("\"from the dead page\"");
        pages.remoteHandler = Pages.ECHO;
        ReplyRecorder after = request(host, "\"after\"");
        host.send("\"hello again\"");
        pages.browser.advance(5 * TIMEOUT);
        assertEquals("\"after\"", after.reply());
        assertEquals(List.of("\"hello again\""), pages.remote().events.messages());
        assertEquals(List.of("ready", "ready"), pages.hostEvents.events(), "still open long after the reload");
        assertEquals(listeners, pages.liveListeners(), "no listener piles up");
        assertEquals(ports, pages.browser.livePortCount(), "no port piles up");
    }

    @Test
    void manyReloadsLeaveNothingBehind() {
        CrossDomainChannel host = pages.connectReady();
        int listeners = pages.liveListeners();
        int ports = pages.browser.livePortCount();
        for (int i = 2; i <= 6; i++) {
            pages.frame().reload();
            int loads = i;
            assertTrue(pages.browser.runUntil(() -> pages.remotes.size() == loads && pages.bothReady(host), TIMEOUT));
        }
        assertEquals(6, pages.hostEvents.readyCount());
        assertEquals(listeners, pages.liveListeners());
        assertEquals(ports, pages.browser.livePortCount());
        host.close();
        pages.browser.runUntilIdle();
        assertNothingLeft();
    }

    @Test
    void closingTheHostRemovesItsFrameAndLeavesNothing() {
        pages.remoteHandler = pages.HOLD;
        CrossDomainChannel host = pages.connectReady();
        SimWindow remoteWindow = pages.remote().window;
        SimFrame frame = pages.frame();
        ReplyRecorder pending = request(host, "1");
        pages.browser.advance(100);

        host.close();
        assertEquals(ErrorCode.CLOSED, pending.errorCode());
        assertEquals(List.of("ready", "close"), pages.hostEvents.events());
        assertTrue(frame.isAttached(), "the frame outlives the close a moment, so the remote hears it");
        pages.browser.advance(PostMessageTransport.FRAME_REMOVAL_DELAY_MILLIS - 1);
        assertEquals(List.of("ready", "close"), pages.remote().events.events());
        pages.browser.advance(1);
        assertFalse(frame.isAttached());
        assertFalse(remoteWindow.isAlive(), "the remote page went with its frame");
        pages.browser.runUntilIdle();
        assertNothingLeft();

        assertEquals(ErrorCode.CLOSED, assertThrows(KuayuException.class, () -> host.send("1")).code());
        ReplyRecorder late = request(host, "1");
        pages.browser.runUntilIdle();
        assertEquals(ErrorCode.CLOSED, late.errorCode());
        host.close();
        assertEquals(1, pages.hostEvents.closeCount());
    }

    /** Page code removes the remote's iframe mid-request: the request and the channel fail, nothing is left. */
    @Test
    void removingTheRemotesFrameFailsTheChannelAndItsRequests() {
        pages.remoteHandler = pages.HOLD;
        CrossDomainChannel host = pages.connectReady();
        SimFrame frame = pages.frame();
        ReplyRecorder pending = request(host, "\"never answered\"");
        pages.browser.advance(100);
        assertEquals(1, frame.removalListenerCount());

        frame.remove();
        pages.browser.runUntil(pending::isDone, TIMEOUT);
        assertEquals(ErrorCode.TRANSMISSION_FAILED, pending.errorCode());
        assertEquals(List.of("ready", "error:TRANSMISSION_FAILED", "close"), pages.hostEvents.events());
        assertTrue(pages.hostEvents.errors().get(0).getMessage().contains("iframe was removed"),
                pages.hostEvents.errors().toString());
        assertEquals(ChannelState.CLOSED, host.state());
        pages.browser.runUntilIdle();
        assertNothingLeft();
    }

    /** Kuayu's own removal of its frame, after a close, is not reported as a failure. */
    @Test
    void theFrameKuayuRemovesAfterACloseIsNoFailure() {
        CrossDomainChannel host = pages.connectReady();
        SimFrame frame = pages.frame();
        host.close();
        assertEquals(0, frame.removalListenerCount(), "the watch ends with the channel");
        pages.browser.runUntilIdle();
        assertFalse(frame.isAttached());
        assertEquals(List.of("ready", "close"), pages.hostEvents.events());
    }

    @Test
    void closingTheHostOfAGivenFrameClosesTheRemoteToo() {
        pages.hostHandler = (json, origin, reply) -> { };
        SimFrame frame = (SimFrame) pages.host.createFrame(REMOTE_URL, true);
        pages.browser.runUntilIdle();
        CrossDomainChannel host = pages.connect(frame);
        assertTrue(pages.bothReady(host));
        CrossDomainChannel remote = pages.remote().channel;
        ReplyRecorder remotePending = request(remote, "\"never answered\"");
        pages.browser.advance(100);

        host.close();
        pages.browser.runUntilIdle();
        assertEquals(List.of("ready", "close"), pages.remote().events.events());
        assertEquals(ErrorCode.CLOSED, remotePending.errorCode());
        assertEquals(ChannelState.CLOSED, remote.state());
        assertEquals(ErrorCode.CLOSED, assertThrows(KuayuException.class, () -> remote.send("1")).code());
        frame.remove();
        assertNothingLeft();
    }

    @Test
    void closingTheRemoteClosesBothEnds() {
        pages.remoteHandler = pages.HOLD;
        pages.hostHandler = (json, origin, reply) -> { };
        CrossDomainChannel host = pages.connectReady();
        CrossDomainChannel remote = pages.remote().channel;
        ReplyRecorder hostPending = request(host, "1");
        ReplyRecorder remotePending = request(remote, "2");
        pages.browser.advance(100);

        remote.close();
        assertEquals(ErrorCode.CLOSED, remotePending.errorCode());
        pages.browser.runUntilIdle();
        assertEquals(List.of("ready", "close"), pages.remote().events.events());
        assertEquals(List.of("ready", "close"), pages.hostEvents.events());
        assertEquals(ErrorCode.CLOSED, hostPending.errorCode());
        assertTrue(pages.host.frames().isEmpty(), "the host removed the frame it made");
        assertEquals(ErrorCode.CLOSED, assertThrows(KuayuException.class, () -> host.send("1")).code());
        assertEquals(ErrorCode.CLOSED, assertThrows(KuayuException.class, () -> remote.send("1")).code());
        assertNothingLeft();
    }

    @Test
    void closingBeforeTheRemoteLoadedLeavesNothing() {
        pages.browser.loadDelay(PostMessageTransport.FRAME_REMOVAL_DELAY_MILLIS * 10);
        CrossDomainChannel host = pages.connect();
        host.close();
        pages.browser.runUntilIdle();
        assertEquals(List.of("close"), pages.hostEvents.events());
        assertTrue(pages.remotes.isEmpty(), "the frame never loaded");
        assertNothingLeft();
    }

    @Test
    void closingInsideOnReadyIsFine() {
        CrossDomainChannel[] holder = new CrossDomainChannel[1];
        int[] closes = new int[1];
        holder[0] = pages.connect(REMOTE_URL, new ChannelListener() {
            @Override
            public void onReady() {
                holder[0].close();
            }

            @Override
            public void onClose() {
                closes[0]++;
            }
        });
        pages.browser.runUntilIdle();
        assertEquals(1, closes[0]);
        assertEquals(ChannelState.CLOSED, holder[0].state());
        assertNothingLeft();
    }

    @Test
    void aRemoteFrameNavigatedToAPageWithoutKuayuFailsTheChannel() {
        CrossDomainChannel host = pages.connectReady();
        pages.frame().navigate("/plain.html");
        pages.browser.runUntilIdle();
        assertEquals(List.of("ready", "error:TRANSMISSION_FAILED", "close"), pages.hostEvents.events());
        assertTrue(pages.hostEvents.errors().get(0).getMessage().contains("navigated"));
        assertEquals(ChannelState.CLOSED, host.state());
        assertNothingLeft();
    }

    @Test
    void aRemotePageThatNeverAcceptsTimesOut() {
        CrossDomainChannel host = pages.connect("http://remote.test/plain.html", pages.hostEvents);
        pages.browser.advance(TIMEOUT - 1);
        assertTrue(pages.hostEvents.events().isEmpty());
        pages.browser.advance(1);
        assertEquals(List.of("error:TIMEOUT", "close"), pages.hostEvents.events());
        assertTrue(pages.hostEvents.errors().get(0).getMessage().contains("allowedOrigins"));
        assertEquals(ChannelState.CLOSED, host.state());
        pages.browser.advance(PostMessageTransport.FRAME_REMOVAL_DELAY_MILLIS);
        assertNothingLeft();
    }

    @Test
    void aRequestMadeWhileConnectingIsSentOnceReady() {
        pages.browser.loadDelay(500);
        CrossDomainChannel host = pages.connect();
        ReplyRecorder early = request(host, "\"early\"");
        pages.browser.runUntil(early::isDone, TIMEOUT);
        assertEquals("\"early\"", early.reply());
    }

    @Test
    void aRequestWhoseTimeoutEndsDuringTheHandshakeTimesOut() {
        pages.browser.loadDelay(500);
        CrossDomainChannel host = pages.connect();
        ReplyRecorder early = new ReplyRecorder();
        host.request("1", 100, early);
        pages.browser.runUntilIdle();
        assertEquals(ErrorCode.TIMEOUT, early.errorCode());
        assertTrue(host.isReady());
    }
}
