package org.kuayu.postmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.postmessage.Pages.HOST;
import static org.kuayu.postmessage.Pages.REMOTE;
import static org.kuayu.postmessage.Pages.REMOTE_URL;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ChannelState;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimFrame;
import org.kuayu.core.sim.SimWindow;

/** Who may talk to whom: origins refused, forged frames ignored, frames never sent to another origin. */
class PostMessageSecurityTest {
    private static final String EVIL = "http://evil.test";

    private final Pages pages = new Pages(23);
    private final List<String> evilHeard = new ArrayList<String>();

    @AfterEach
    void nothingWasThrownIntoThePages() {
        assertEquals(List.of(), pages.browser.uncaughtErrors());
    }

    /** Everything an attacker who knows (or guessed) the channel id would try. */
    private static List<String> forgeries(String channelId) {
        List<String> frames = new ArrayList<String>();
        for (String id : new String[] {channelId, "", "0", "00000000000000000000000000000000"}) {
            frames.add("kuayu1|MSG|" + id + "|0|\"forged\"");
            frames.add("kuayu1|REQ|" + id + "|1|\"forged request\"");
            frames.add("kuayu1|RES|" + id + "|1|\"forged reply\"");
            frames.add("kuayu1|ERR|" + id + "|1|{\"code\":\"TIMEOUT\",\"message\":\"forged\"}");
            frames.add("kuayu1|SYN|" + id + "|0|{\"v\":1}");
            frames.add("kuayu1|ACK|" + id + "|0|{\"session\":\"evil\"}");
            frames.add("kuayu1|RDY|" + id + "|0|");
            frames.add("kuayu1|REJ|" + id + "|0|{\"code\":\"ORIGIN_REJECTED\",\"message\":\"forged\"}");
            frames.add("kuayu1|HEL|" + id + "|0|evilsession");
            frames.add("kuayu1|CLS|" + id + "|0|");
        }
        return frames;
    }

    private void assertUntouched(CrossDomainChannel host) {
        assertEquals(List.of("ready"), pages.hostEvents.events());
        assertEquals(List.of("ready"), pages.remote().events.events());
        assertTrue(host.isReady() && pages.remote().channel.isReady());
        ReplyRecorder r = new ReplyRecorder();
        host.request("\"still works\"", r);
        pages.browser.runUntil(r::isDone, 1000);
        assertEquals("\"still works\"", r.reply());
    }

    /**
     * With an automatic choice (several transports), a request sent before any transport connected waits in the
     * choice; when the remote refuses this page, the request fails with the refusal, not with CLOSED.
     */
    @Test
    void aRequestWaitingForATransportFailsWithTheRefusal() {
        pages.allowedOrigins = List.of("http://someone-else.test");
        CrossDomainChannel host = Kuayu.connect(pages.host, ConnectOptions.builder().remote(REMOTE_URL)
                .transport(PostMessageTransport.FACTORY).transport(PostMessageTransport.FACTORY)
                .listener(pages.hostEvents).build());
        ReplyRecorder waiting = new ReplyRecorder();
        host.request("1", waiting);
        assertTrue(pages.browser.runUntil(waiting::isDone, 5000));
        assertEquals(ErrorCode.ORIGIN_REJECTED, waiting.error().code(), waiting.error().getMessage());
        assertTrue(waiting.error().getMessage().contains("refused this page's origin"), waiting.error().getMessage());
    }

    @Test
    void aRemoteThatDoesNotAllowTheHostRefusesItPromptly() {
        pages.allowedOrigins = List.of("http://someone-else.test");
        CrossDomainChannel host = pages.connect();
        pages.browser.advance(100);
        assertEquals(List.of("error:ORIGIN_REJECTED", "close"), pages.hostEvents.events());
        String why = pages.hostEvents.errors().get(0).getMessage();
        assertTrue(why.contains(HOST) && why.contains("allowedOrigins"), why);
        assertEquals(ChannelState.CLOSED, host.state());
        assertFalse(pages.remote().channel.isReady());
        assertTrue(pages.logged("refused a connection from " + HOST));
        assertEquals(0, pages.browser.liveFrameCount(), "the frame is removed");
        assertEquals(0, pages.liveListeners());
        assertEquals(1, pages.browser.originMismatches(),
                "the remote's announcement, addressed to the allowed origin only, was dropped by the browser");
    }

    @Test
    void forgedFramesFromAThirdOriginFrameAreIgnoredAndLogged() {
        CrossDomainChannel host = pages.connectReady();
        String channelId = pages.channelId();
        pages.browser.page(EVIL + "/ad.html", evil -> {
            evil.listen((text, origin, source, port) -> evilHeard.add(text));
            for (String frame : forgeries(channelId)) {
                evil.parent().post(frame, "*", null);
                evil.handleTo(pages.remote().window).post(frame, REMOTE, null);
            }
        });
        pages.host.createFrame(EVIL + "/ad.html", false);
        pages.browser.runUntilIdle();

        assertUntouched(host);
        assertTrue(pages.logged("[" + HOST + "] kuayu[host " + channelId.substring(0, 8) + "] ignored a frame from "
                + EVIL + ": it did not come from the remote frame"));
        assertTrue(pages.logged("[" + REMOTE + "] kuayu[remote " + channelId.substring(0, 8)
                + "] ignored a frame from " + EVIL + ": it did not come from the parent window"));
        assertTrue(evilHeard.isEmpty(), "nothing was ever posted to the evil frame");
    }

    @Test
    void forgedFramesFromAnotherWindowOfTheRemotesOriginAreIgnored() {
        CrossDomainChannel host = pages.connectReady();
        String channelId = pages.channelId();
        // A second page of the remote's own origin, but not the channel's frame: right origin, wrong window.
        SimFrame sibling = (SimFrame) pages.host.createFrame(REMOTE + "/other.html", true);
        pages.browser.runUntilIdle();
        for (String frame : forgeries(channelId)) {
            sibling.contentWindow().parent().post(frame, HOST, null);
        }
        pages.browser.runUntilIdle();
        assertUntouched(host);
        assertTrue(pages.logged("ignored a frame from " + REMOTE + ": it did not come from the remote frame"));
    }

    @Test
    void forgedFramesFromAnOpenerWindowAreIgnored() {
        CrossDomainChannel host = pages.connectReady();
        String channelId = pages.channelId();
        SimWindow evil = pages.browser.open(EVIL + "/opener.html");
        WindowHandle toHost = evil.handleTo(pages.host);
        WindowHandle toRemote = evil.handleTo(pages.remote().window);
        for (String frame : forgeries(channelId)) {
            toHost.post(frame, HOST, null);
            toRemote.post(frame, "*", null);
        }
        pages.browser.runUntilIdle();
        assertUntouched(host);
    }

    @Test
    void otherLibrariesMessagesAreIgnoredQuietly() {
        CrossDomainChannel host = pages.connectReady();
        int lines = pages.browser.debugLines().size();
        WindowHandle toHost = pages.remote().window.parent();
        toHost.post("{\"type\":\"another library\"}", HOST, null);
        toHost.post(null, HOST, null);
        toHost.post("", HOST, null);
        pages.browser.runUntilIdle();
        assertUntouched(host);
        assertEquals(lines, pages.browser.debugLines().size(), "not Kuayu frames: not even a debug line");
    }

    @Test
    void framesOfAnotherVersionFromTheRightWindowAreDroppedWithAReason() {
        CrossDomainChannel host = pages.connectReady();
        pages.remote().window.parent().post("kuayu2|MSG|" + pages.channelId() + "|0|\"from the future\"", HOST, null);
        pages.browser.runUntilIdle();
        assertUntouched(host);
        assertTrue(pages.logged("unsupported Kuayu protocol version '2'"));
    }

    @Test
    void theHostNeverPostsToAFrameThatNavigatedToAnotherOrigin() {
        CrossDomainChannel host = pages.connectReady();
        pages.browser.page(EVIL + "/takeover.html",
                evil -> evil.listen((text, origin, source, port) -> evilHeard.add(text)));
        pages.frame().navigate(EVIL + "/takeover.html");
        pages.browser.runUntilIdle();
        assertTrue(evilHeard.isEmpty(), "the evil page heard " + evilHeard);
        assertEquals(List.of("ready", "error:TRANSMISSION_FAILED", "close"), pages.hostEvents.events());
        assertEquals(ChannelState.CLOSED, host.state());
    }

    @Test
    void aPageOfAnotherOriginThatAcceptsInTheTakenOverFrameIsNotHeard() {
        pages.site(EVIL + "/kuayu/remote.html");
        pages.allowedOrigins = List.of(HOST);
        CrossDomainChannel host = pages.connectReady();
        pages.frame().navigate(EVIL + "/kuayu/remote.html");
        pages.browser.runUntilIdle();
        assertFalse(pages.remote().channel.isReady(), "the evil page never got a channel");
        assertEquals(List.of("ready", "error:TRANSMISSION_FAILED", "close"), pages.hostEvents.events());
        assertTrue(pages.logged("ignored HELLO from " + EVIL));
    }

    @Test
    void aHostOfTheRightOriginInTheWrongPlaceCannotTakeOverABoundRemote() {
        CrossDomainChannel host = pages.connectReady();
        // Another page of the host's origin (a second tab) finds the remote window and tries to connect to it.
        SimWindow secondTab = pages.browser.open(HOST + "/second.html");
        secondTab.handleTo(pages.remote().window).post("kuayu1|SYN|" + pages.channelId() + "|0|{\"v\":1}", REMOTE,
                null);
        pages.browser.runUntilIdle();
        assertUntouched(host);
        assertTrue(pages.logged("it did not come from the parent window"));
    }

    @Test
    void aRemoteAnnouncesItselfOnlyToAnAllowedParent() {
        pages.allowedOrigins = List.of(HOST);
        SimWindow evilHost = pages.browser.open(EVIL + "/embeds.html");
        evilHost.listen((text, origin, source, port) -> evilHeard.add(text));
        evilHost.createFrame(REMOTE_URL, true);
        pages.browser.runUntilIdle();
        assertTrue(evilHeard.isEmpty(), "a refused parent learns nothing: " + evilHeard);
        assertEquals(1, pages.browser.originMismatches(), "the announcement went to the allowed origin only");
    }
}
