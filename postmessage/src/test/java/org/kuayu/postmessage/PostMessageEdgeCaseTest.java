package org.kuayu.postmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Reply;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimFrame;
import org.kuayu.core.sim.SimWindow;

/** Corners found in review: stale replies across a reload, calls before a failed start, same-origin frames. */
class PostMessageEdgeCaseTest {
    private final Pages pages = new Pages(11);

    @Test
    void aReplyOwedToTheOldPageNeverAnswersTheReloadedPage() {
        List<Reply> held = new ArrayList<Reply>();
        pages.hostHandler = (json, origin, reply) -> held.add(reply);
        CrossDomainChannel host = pages.connect();
        assertTrue(pages.bothReady(host));
        ReplyRecorder old = new ReplyRecorder();
        pages.remote().channel.request("\"from the old page\"", old);
        pages.browser.runUntil(() -> held.size() == 1, Pages.TIMEOUT);

        pages.frame().reload();
        assertTrue(pages.browser.runUntil(() -> pages.remotes.size() == 2 && host.isReady()
                && pages.remote().channel.isReady(), Pages.TIMEOUT), "re-opened: " + pages.browser.debugLines());
        ReplyRecorder fresh = new ReplyRecorder();
        pages.remote().channel.request("\"from the new page\"", fresh);
        pages.browser.runUntil(() -> held.size() == 2, Pages.TIMEOUT);

        held.get(0).resolve("\"meant for the old page\"");
        pages.browser.advance(100);
        assertTrue(!fresh.isDone(), "the new page's request #1 must not take the old page's answer: " + fresh.reply());
        assertTrue(pages.logged("the page that asked it is gone"));

        held.get(1).resolve("\"meant for the new page\"");
        pages.browser.runUntil(fresh::isDone, Pages.TIMEOUT);
        assertEquals("\"meant for the new page\"", fresh.reply());
    }

    @Test
    void callsBetweenAFailedStartAndItsReportFailWithClosed() {
        SimWindow top = pages.browser.open("http://remote.test/top.html");
        ChannelRecorder events = new ChannelRecorder();
        CrossDomainChannel channel = Kuayu.accept(top, AcceptOptions.builder().allowOrigin(Pages.HOST)
                .transport(PostMessageTransport.FACTORY).listener(events).build());
        assertEquals(ErrorCode.CLOSED, assertThrows(KuayuException.class, () -> channel.send("1")).code());
        ReplyRecorder request = new ReplyRecorder();
        channel.request("1", request);
        pages.browser.runUntilIdle();
        assertEquals(ErrorCode.CLOSED, request.errorCode());
        assertEquals(List.of("error:TRANSPORT_UNAVAILABLE", "close"), events.events());
    }

    @Test
    void aSameOriginRemoteAlreadyLoadedInAGivenFrameConnects() {
        String sameOrigin = Pages.HOST + "/kuayu/remote.html";
        pages.site(sameOrigin);
        SimFrame frame = (SimFrame) pages.host.createFrame(sameOrigin, true);
        pages.browser.runUntilIdle();
        CrossDomainChannel host = pages.connect(frame);
        assertTrue(pages.bothReady(host), "handshake: " + pages.browser.debugLines());
        assertEquals(Pages.HOST, host.remoteOrigin().toString());
    }

    @Test
    void aSecondAcceptInTheSameDocumentTakesOverAndTheFirstIsClosed() {
        String twice = Pages.REMOTE + "/twice.html";
        ChannelRecorder first = new ChannelRecorder();
        ChannelRecorder second = new ChannelRecorder();
        List<CrossDomainChannel> accepted = new ArrayList<CrossDomainChannel>();
        pages.browser.page(twice, window -> accepted.add(Kuayu.accept(window, AcceptOptions.builder()
                .allowOrigin(Pages.HOST).transport(PostMessageTransport.FACTORY).listener(first).build())));
        CrossDomainChannel host = pages.connect(twice, pages.hostEvents);
        assertTrue(pages.browser.runUntil(host::isReady, Pages.TIMEOUT));
        SimWindow remoteWindow = pages.frame().contentWindow();
        accepted.add(Kuayu.accept(remoteWindow, AcceptOptions.builder().allowOrigin(Pages.HOST)
                .transport(PostMessageTransport.FACTORY).listener(second).build()));
        assertTrue(pages.browser.runUntil(() -> accepted.get(1).isReady() && host.isReady(), Pages.TIMEOUT));

        assertEquals(List.of("ready", "close"), first.events(), "the first is told, not left ready and deaf");
        host.send("\"to the page\"");
        pages.browser.runUntil(() -> second.messages().size() == 1, Pages.TIMEOUT);
        assertEquals(List.of("\"to the page\""), second.messages());
    }
}
