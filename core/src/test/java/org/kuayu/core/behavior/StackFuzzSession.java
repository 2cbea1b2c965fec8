package org.kuayu.core.behavior;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ChannelListener;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.stack.Behavior;
import org.kuayu.core.stack.Role;
import org.kuayu.core.wire.Message;

/**
 * One fuzz input played against a real channel pair: {@code Kuayu.connect} in a host page and {@code Kuayu.accept}
 * in the remote page it frames, over an {@link InjectableLink} (so each stack is the one {@code StackAssembly} builds
 * for a window transport: request/reply, handshake, origin check, secrets, fragmentation, reliable delivery), on the
 * simulated browser with its virtual clock, so a run repeats exactly. The input is a list of steps: the legitimate
 * pages send messages and requests (some long enough to be fragmented), time passes, frames are lost or repeated,
 * the remote page reloads, a side closes; and a forger injects frames ({@link ForgedFrames}), whole fragmented
 * messages, and replays of real frames, as they were or changed, into either side.
 *
 * <p>After every step it checks what the issue asks: nothing but the typed error comes out (an injected frame throws
 * nothing back into the transport, no page task throws, every error the pages see is a {@link KuayuException} with a
 * code); nothing grows without bound (partial fragments, frames held out of order, remembered incarnations stay under
 * their documented limits); and the users see only what the legitimate peer sent, each message once and in order,
 * each request answered once with its own reply. A side is exempt from the last check from the moment a {@code SEC}
 * frame that no real stack sent reaches its secret check carrying its real secret ({@link
 * InjectableLink#foreignSecured}): a page that knows the secret is the peer as far as the secret layer can tell (this
 * includes a forged fragment spliced into a real message, whose header carries the secret: the secret proves who
 * wrote a frame's header, not its content, against a forger that knows the channel's incarnation and sequence
 * numbers, which a real one never sees); and a request's reply is not checked once either side is exempt (a forger
 * that writes to the remote as the host can make it answer a request of its own numbered like one of the host's).
 * At the end the clock runs until nothing is scheduled (a self-rescheduling loop fails there), and every request must
 * have had its one answer. A violation throws {@link AssertionError}, which Jazzer reports as a finding.
 */
final class StackFuzzSession {
    static final String HOST = "http://host.test";
    static final String REMOTE = "http://remote.test";
    static final String REMOTE_URL = REMOTE + "/remote.html";
    /** Small, so that long messages are fragmented: 143 characters per fragment with the reliable header. */
    static final int MAX_FRAME_LENGTH = 200;
    private static final int MAX_STEPS = 40;

    private final SimBrowser browser = new SimBrowser(11);
    private final InjectableLink link;
    private final Side hostSide = new Side(Role.HOST);
    private final Side remoteSide = new Side(Role.REMOTE);
    private final List<CrossDomainChannel> remotes = new ArrayList<CrossDomainChannel>();
    private final List<Request> requests = new ArrayList<Request>();
    private final SimWindow hostPage;
    private final CrossDomainChannel host;
    private int nextPayload;

    StackFuzzSession(int window) {
        link = new InjectableLink(MAX_FRAME_LENGTH, window, HOST, REMOTE);
        browser.page(REMOTE_URL, page -> remotes.add(Kuayu.accept(page, AcceptOptions.builder().allowOrigin(HOST)
                .transport(link.factory()).listener(remoteSide).requestHandler((json, origin, reply) -> {
                    remoteSide.requests.add(json);
                    if (json.hashCode() % 3 == 0) {
                        reply.reject("refused " + json);
                    } else {
                        reply.resolve(json);
                    }
                }).build())));
        hostPage = browser.open(HOST + "/");
        host = Kuayu.connect(hostPage, ConnectOptions.builder().remote(REMOTE_URL).transport(link.factory())
                .listener(hostSide).build());
    }

    /**
     * Plays one fuzz input: the window size, then steps until the input or {@value #MAX_STEPS} steps run out; one
     * input in 32 goes to the readers of {@link FrameFields} alone instead, checked against the JRE's own parsing.
     */
    static void fuzz(FuzzedDataProvider data) {
        if (data.consumeInt(0, 31) == 31) {
            FrameFieldsCheck.check(data.consumeInt(1, 70), data.consumeRemainingAsString());
            return;
        }
        StackFuzzSession session = new StackFuzzSession(data.pickValue(new Integer[] {1, 4, 16}));
        if (!data.consumeBoolean()) {
            session.handshake();
        }
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            session.step(data);
            session.check();
        }
        session.finish();
    }

    /** Runs the pages until both channels are ready, at most 10 s of virtual time; true when they are. */
    boolean handshake() {
        return browser.runUntil(this::bothReady, 10000);
    }

    /** Injects {@code frame} into {@code to}'s stack as from its peer's origin, then checks everything. */
    void inject(Role to, String frame) {
        link.inject(to, frame, to == Role.HOST ? REMOTE : HOST);
        check();
    }

    /** The host's user sends a message to the remote of {@code padding} characters more; then checks everything. */
    void hostSends(int padding) {
        send(host, hostSide, remoteSide, "h", padding);
        check();
    }

    /** Runs the pages until nothing is scheduled, then checks everything, every request answered once included. */
    void settle() {
        finish();
    }

    /** The messages the {@code role} side's user got, in order. */
    List<String> messages(Role role) {
        return new ArrayList<String>((role == Role.HOST ? hostSide : remoteSide).messages);
    }

    /** True once a frame no real stack sent reached the {@code role} side's secret check with its real secret. */
    boolean forgeable(Role role) {
        check();
        return (role == Role.HOST ? hostSide : remoteSide).forgeable;
    }

    /** True when both channels completed their handshake. */
    boolean bothReady() {
        return host.isReady() && !remotes.isEmpty() && remotes.get(remotes.size() - 1).isReady();
    }

    private void step(FuzzedDataProvider data) {
        Side to = data.consumeBoolean() ? hostSide : remoteSide;
        switch (data.consumeInt(0, 12)) {
            case 0:
            case 1:
            case 2:
                inject(to, new ForgedFrames(data, knowledge(to.role)).onTheLink(), data);
                return;
            case 3:
                for (String frame : new ForgedFrames(data, knowledge(to.role)).fragmented()) {
                    inject(to, frame, data);
                }
                return;
            case 4:
                replay(to, data);
                return;
            case 5:
                send(host, hostSide, remoteSide, "h", data.consumeInt(0, 700));
                return;
            case 6:
                send(remotes.isEmpty() ? null : remotes.get(remotes.size() - 1), remoteSide, hostSide, "r",
                        data.consumeInt(0, 700));
                return;
            case 7:
                request(data.consumeInt(0, 700));
                return;
            case 8:
                browser.advance(data.consumeBoolean() ? data.consumeInt(0, 300) : data.consumeInt(0, 40000));
                return;
            case 9:
                if (data.consumeBoolean()) {
                    link.lose(data.consumeInt(1, 3));
                } else {
                    link.repeat(data.consumeInt(1, 3));
                }
                return;
            case 10:
                if (data.consumeInt(0, 3) == 0 && !hostPage.frames().isEmpty()) {
                    hostPage.frames().get(0).reload();
                }
                return;
            case 11:
                if (data.consumeInt(0, 7) == 0) {
                    CrossDomainChannel closing = to == hostSide || remotes.isEmpty() ? host
                            : remotes.get(remotes.size() - 1);
                    closing.close();
                }
                return;
            default:
                browser.runUntil(this::bothReady, 10000);
        }
    }

    /** Injects a frame as from the peer's origin, or now and then from another. */
    private void inject(Side to, String frame, FuzzedDataProvider data) {
        String origin = data.consumeInt(0, 7) != 7 ? (to == hostSide ? REMOTE : HOST) : "http://evil.test";
        link.inject(to.role, frame, origin);
    }

    /** Injects a real frame again, as it was or with one character changed. */
    private void replay(Side to, FuzzedDataProvider data) {
        List<String> recent = link.recentFrames();
        if (recent.isEmpty()) {
            return;
        }
        String frame = recent.get(data.consumeInt(0, recent.size() - 1));
        if (data.consumeBoolean()) {
            int at = data.consumeInt(0, frame.length() - 1);
            frame = frame.substring(0, at) + data.consumeChar() + frame.substring(at + 1);
        }
        inject(to, frame, data);
    }

    private void send(CrossDomainChannel from, Side sender, Side receiver, String tag, int padding) {
        if (from == null) {
            return;
        }
        String json = payload(tag, padding);
        try {
            from.send(json);
            receiver.sent.put(json, Integer.valueOf(nextPayload));
        } catch (KuayuException e) {
            requireCode(e, "send");
        }
    }

    private void request(int padding) {
        String json = payload("q", padding);
        Request r = new Request(json);
        requests.add(r);
        remoteSide.sent.put(json, Integer.valueOf(nextPayload));
        try {
            host.request(json, 5000, r);
        } catch (KuayuException e) {
            requireCode(e, "request");
            r.calls++;
        }
    }

    private String payload(String tag, int padding) {
        nextPayload++;
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < padding; i++) {
            pad.append((char) ('a' + (i * 7 + nextPayload) % 26));
        }
        return "[\"" + tag + "\"," + nextPayload + ",\"" + pad + "\"]";
    }

    private void check() {
        if (!browser.uncaughtErrors().isEmpty()) {
            throw new AssertionError("a page task threw", browser.uncaughtErrors().get(0));
        }
        hostSide.noteForgeries();
        remoteSide.noteForgeries();
        hostSide.check();
        remoteSide.check();
        for (Request r : requests) {
            r.check();
        }
        for (Role role : new Role[] {Role.HOST, Role.REMOTE}) {
            for (Behavior b : link.layers(role)) {
                LayerState.checkBounds(b);
            }
        }
    }

    /** What the forger may know when it writes to {@code role}'s side: the real values, for deeper coverage. */
    ForgedFrames.Knowledge knowledge(Role role) {
        return LayerState.knowledge(link, role);
    }

    private String secretOf(Role role) {
        return LayerState.secretOf(link, role);
    }

    private void finish() {
        // A loop that reschedules itself makes this throw (SimBrowser.MAX_TASKS): nothing may keep the pages busy.
        browser.runUntilIdle();
        check();
        for (Request r : requests) {
            require(r.calls == 1, "the request " + shorten(r.json) + " was never answered");
        }
    }

    static void requireCode(KuayuException e, String where) {
        require(e.code() != null, where + " threw a KuayuException without a code: " + e);
    }

    static void require(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** What one side's user saw, against what its legitimate peer sent it (payload to its number). */
    private final class Side implements ChannelListener {
        final Role role;
        final Map<String, Integer> sent = new HashMap<String, Integer>();
        final List<String> messages = new ArrayList<String>();
        final List<String> requests = new ArrayList<String>();
        final List<KuayuException> errors = new ArrayList<KuayuException>();
        boolean forgeable;
        private int checkedForeign;
        private int checkedMessages;
        private int checkedRequests;
        private int lastMessage;
        private int lastRequest;

        Side(Role role) {
            this.role = role;
        }

        @Override
        public void onMessage(String json, Origin origin) {
            messages.add(json);
        }

        @Override
        public void onError(KuayuException error) {
            errors.add(error);
        }

        /**
         * Whether a {@code SEC} frame no real stack sent reached this side's secret check with this side's secret as
         * its {@code to}: from then on a forger is as good as the peer, and only the other checks apply.
         */
        void noteForgeries() {
            List<Message> foreign = link.foreignSecured(role);
            String secret = secretOf(role);
            for (; checkedForeign < foreign.size(); checkedForeign++) {
                String body = foreign.get(checkedForeign).body();
                int dot = body.indexOf('.');
                int bar = body.indexOf('|');
                if (secret != null && dot >= 0 && dot < bar && body.substring(dot + 1, bar).equals(secret)) {
                    forgeable = true;
                }
            }
        }

        void check() {
            for (KuayuException e : errors) {
                requireCode(e, role + " onError");
                require(forgeable || role != Role.HOST || e.code() != ErrorCode.ORIGIN_REJECTED,
                        "a forged REJ failed the host: " + e.getMessage());
            }
            for (; checkedMessages < messages.size(); checkedMessages++) {
                lastMessage = legitimate(messages.get(checkedMessages), lastMessage, "message");
            }
            for (; checkedRequests < requests.size(); checkedRequests++) {
                lastRequest = legitimate(requests.get(checkedRequests), lastRequest, "request");
            }
        }

        /** The payload's number, which must be one the peer sent and above the last one delivered. */
        private int legitimate(String json, int last, String what) {
            Integer n = sent.get(json);
            if (forgeable) {
                return n == null ? last : Math.max(last, n.intValue());
            }
            require(n != null, "the " + role + " user got a forged " + what + ": " + shorten(json));
            require(n.intValue() > last, "the " + role + " user got " + what + " #" + n + " after #" + last
                    + " (again or out of order)");
            return n.intValue();
        }
    }

    /** One request of the host's user: it must be answered once, with its own reply (or an error). */
    private final class Request implements ReplyCallback {
        final String json;
        int calls;
        String reply;
        KuayuException error;

        Request(String json) {
            this.json = json;
        }

        @Override
        public void onReply(String answer) {
            calls++;
            reply = answer;
        }

        @Override
        public void onError(KuayuException e) {
            calls++;
            error = e;
        }

        void check() {
            require(calls <= 1, "the request " + shorten(json) + " was answered " + calls + " times");
            if (error != null) {
                requireCode(error, "a request's onError");
            }
            // A forger that can write to the remote as the host can make it answer a request of its own with the
            // number of one of the host's: the host takes that answer as the real one (found by the long run).
            boolean trusted = !hostSide.forgeable && !remoteSide.forgeable;
            if (trusted && reply != null) {
                require(reply.equals(json), "the request " + shorten(json) + " got a forged reply " + shorten(reply));
            }
            if (trusted && error != null && error.code() == ErrorCode.REMOTE_ERROR) {
                require(json.hashCode() % 3 == 0, "a forged ERR answered " + shorten(json) + ": " + error.getMessage());
            }
        }
    }
}
