package org.kuayu.postmessage;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelListener;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.Kuayu;
import org.kuayu.core.Reply;
import org.kuayu.core.RequestHandler;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimFrame;
import org.kuayu.core.sim.SimWindow;

/**
 * A host page and a remote site on one simulated browser, wired with the postMessage transport. Every load of the
 * remote URL runs {@code Kuayu.accept} and is recorded as a {@link Remote}; debug lines go to each window.
 */
final class Pages {
    static final String HOST = "http://host.test";
    static final String REMOTE = "http://remote.test";
    static final String REMOTE_URL = REMOTE + "/kuayu/remote.html";
    static final int TIMEOUT = 5000;

    /** Echoes the request. */
    static final RequestHandler ECHO = (json, origin, reply) -> reply.resolve(json);

    final SimBrowser browser;
    final SimWindow host;
    final ChannelRecorder hostEvents = new ChannelRecorder();
    final List<Remote> remotes = new ArrayList<Remote>();
    /** Replies the {@link #HOLD} handler keeps for the test to answer. */
    final List<Reply> heldReplies = new ArrayList<Reply>();
    /** Keeps the reply for later. */
    final RequestHandler HOLD = (json, origin, reply) -> heldReplies.add(reply);

    RequestHandler remoteHandler = ECHO;
    /** The host channel's handler (none by default). */
    RequestHandler hostHandler;
    /** Every string each remote window received on its window (a spy, registered before Kuayu's listener). */
    final List<String> remoteWindowTraffic = new ArrayList<String>();
    /** The remote page whose handler is running, for handlers that answer with their page's identity. */
    Remote answering;
    List<String> allowedOrigins = List.of(HOST);
    boolean allowAnyOrigin;

    /** One load of a page that accepted a channel. */
    static final class Remote {
        SimWindow window;
        CrossDomainChannel channel;
        final ChannelRecorder events = new ChannelRecorder();
    }

    Pages(long seed) {
        browser = new SimBrowser(seed);
        browser.page(REMOTE_URL, this::accept);
        host = browser.open(HOST + "/app/index.html");
    }

    /** Makes {@code url} a page that accepts channels too (for more remote sites). */
    Pages site(String url) {
        browser.page(url, this::accept);
        return this;
    }

    private void accept(SimWindow window) {
        Remote remote = new Remote();
        remote.window = window;
        window.listen((text, origin, source, port) -> remoteWindowTraffic.add(text));
        AcceptOptions.Builder options = AcceptOptions.builder().transport(PostMessageTransport.FACTORY)
                .listener(remote.events).debug(window::debug).timeoutMillis(TIMEOUT)
                .requestHandler((json, origin, reply) -> {
                    answering = remote;
                    remoteHandler.onRequest(json, origin, reply);
                });
        for (String origin : allowedOrigins) {
            options.allowOrigin(origin);
        }
        if (allowAnyOrigin) {
            options.allowAnyOrigin();
        }
        remotes.add(remote);
        remote.channel = Kuayu.accept(window, options.build());
    }

    CrossDomainChannel connect() {
        return connect(REMOTE_URL, hostEvents);
    }

    CrossDomainChannel connect(String url, ChannelListener listener) {
        return Kuayu.connect(host, ConnectOptions.builder().remote(url).transport(PostMessageTransport.FACTORY)
                .listener(listener).timeoutMillis(TIMEOUT).debug(host::debug).requestHandler(hostHandler).build());
    }

    CrossDomainChannel connect(FrameHandle frame) {
        return Kuayu.connect(host, ConnectOptions.builder().frame(frame).transport(PostMessageTransport.FACTORY)
                .listener(hostEvents).timeoutMillis(TIMEOUT).debug(host::debug).requestHandler(hostHandler).build());
    }

    /** The channel id the host sent in its first SYN, as an attacker who guessed right would know it. */
    String channelId() {
        for (String text : remoteWindowTraffic) {
            if (text != null && text.startsWith("kuayu1|SYN|")) {
                return text.split("\\|")[2];
            }
        }
        throw new AssertionError("no SYN seen");
    }

    /** Listeners of live documents other than the spies this fixture adds to remote windows. */
    int liveListeners() {
        int spies = 0;
        for (Remote remote : remotes) {
            spies += remote.window.isAlive() ? 1 : 0;
        }
        return browser.liveListenerCount() - spies;
    }

    /** The latest load of a remote page. */
    Remote remote() {
        return remotes.get(remotes.size() - 1);
    }

    /** The frame the host channel created. */
    SimFrame frame() {
        return host.frames().get(0);
    }

    /** Connects to the remote page and runs until both ends are ready; fails the test otherwise. */
    CrossDomainChannel connectReady() {
        CrossDomainChannel channel = connect();
        if (!bothReady(channel)) {
            throw new AssertionError("handshake: " + browser.debugLines());
        }
        return channel;
    }

    /** Runs until {@code host} and the latest remote are both ready; false if not within the timeout. */
    boolean bothReady(CrossDomainChannel hostChannel) {
        return browser.runUntil(() -> hostChannel.isReady() && !remotes.isEmpty() && remote().channel.isReady(),
                TIMEOUT);
    }

    /** True when some debug line of any window contains {@code part}. */
    boolean logged(String part) {
        for (String line : browser.debugLines()) {
            if (line.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
