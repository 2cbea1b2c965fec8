package org.kuayu.core;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.behavior.RequestTicket;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Link;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Stack;
import org.kuayu.core.stack.StackAssembly;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * The stack or stacks under one channel: the one transport the options force, or the automatic choice among several
 * ({@code "auto"}), in the order the options list them.
 *
 * <ol>
 * <li>Requirement: the best transport both pages have. Protocol: the host tries the transports one after the
 * other, each with a fresh stack (and a fresh frame when it creates one); the remote listens on all of them at once,
 * and the first whose handshake opens wins, the others stop.</li>
 * <li>Requirement: a fallback the page can see, and no silent loss. Protocol: a host attempt that fails before it
 * opened with TIMEOUT or TRANSPORT_UNAVAILABLE is stopped, {@code onError} is told (the message names the next
 * transport), and the next one starts; any other failure (ORIGIN_REJECTED: the remote refused this page) ends the
 * channel. What the page sends meanwhile waits here, not in an attempt that may be dropped: messages in order,
 * requests with their own timers.</li>
 * <li>Requirement: the channel's timeout still bounds the wait. Protocol: each host attempt's handshake gets an equal
 * share of it, but at least 1 s (or all of it when shorter), which a handshake over location.hash needs: with
 * {@code n} transports the wait is the timeout, or {@code n} seconds when that is longer.</li>
 * </ol>
 * With a single transport nothing of this applies: the stack is the channel's, as it always was.
 */
final class TransportChoice {
    private final DefaultChannel channel;
    private final TransportSetup setup;
    private final ChannelOptions options;
    private final String remoteOrigin;
    private final Platform platform;
    private final DebugLog log;
    private final boolean several;
    /** Host: the transports not tried yet. */
    private final List<TransportFactory> untried;
    /** Remote with several: the stacks still in the race. */
    private final List<Stack> racing = new ArrayList<Stack>();
    /** What the page sent before a transport won, with a timer for each request. */
    private final List<Held> held = new ArrayList<Held>();
    private final int attemptTimeoutMillis;
    /** Host: the id connect drew, for the first attempt; each later attempt draws its own. */
    private String firstChannelId;
    private Stack current;
    private boolean opened;
    private boolean stopped;
    /** Why the channel failed, if it did: what requests still waiting for a transport fail with. */
    private KuayuException failure;

    /**
     * Builds the first stack (host) or every stack (remote). A transport that cannot serve the options throws
     * INVALID_ARGUMENT when it is the only one; with several it is left out (a debug line says why), and only when
     * none is left does the last refusal come out.
     */
    TransportChoice(DefaultChannel channel, TransportSetup setup, ChannelOptions options, List<TransportFactory> usable,
            String remoteOrigin, String channelId) {
        this.channel = channel;
        this.firstChannelId = channelId;
        this.setup = setup;
        this.options = options;
        this.remoteOrigin = remoteOrigin;
        this.platform = setup.platform();
        this.log = setup.log();
        this.several = usable.size() > 1;
        this.untried = new ArrayList<TransportFactory>(usable);
        int timeout = options.timeoutMillis();
        this.attemptTimeoutMillis = several ? Math.max(timeout / usable.size(), Math.min(timeout, 1000)) : timeout;
        if (setup.role() == Role.HOST) {
            current = nextAttempt(null);
        } else {
            KuayuException last = null;
            for (TransportFactory f : usable) {
                try {
                    racing.add(build(f));
                } catch (KuayuException e) {
                    if (!several) {
                        throw e;
                    }
                    log.log("transport " + f.name() + " left out: " + e.getMessage());
                    last = e;
                }
            }
            if (racing.isEmpty()) {
                throw last;
            }
            current = several ? null : racing.get(0);
        }
    }

    /** The next host attempt that can be built, or throws the last refusal (the first, when it is the only one). */
    private Stack nextAttempt(KuayuException before) {
        KuayuException last = before;
        while (!untried.isEmpty()) {
            TransportFactory f = untried.remove(0);
            try {
                return build(f);
            } catch (KuayuException e) {
                if (!several) {
                    throw e;
                }
                log.log("transport " + f.name() + " left out: " + e.getMessage());
                last = e;
            }
        }
        throw last;
    }

    private Stack build(TransportFactory factory) {
        Transport transport = factory.create(setup);
        String channelId = null;
        if (setup.role() == Role.HOST) {
            channelId = firstChannelId != null ? firstChannelId : platform.randomId();
            firstChannelId = null;
        }
        final Stack[] self = new Stack[1];
        Link up = new Link() {
            @Override
            public void down(Message message) {
                throw new IllegalStateException("nothing is below the channel's own link");
            }

            @Override
            public void up(Message message) {
                fromStack(self[0], message);
            }
        };
        self[0] = StackAssembly.assemble(setup.role(), transport, options, platform, log, remoteOrigin, channelId, up,
                attemptTimeoutMillis);
        return self[0];
    }

    /** Starts the stack or stacks; throws when none can run here (the channel then fails in a later task). */
    void start() {
        if (current != null) {
            startCurrent();
            return;
        }
        KuayuException last = null;
        for (Stack s : new ArrayList<Stack>(racing)) {
            try {
                s.start();
            } catch (KuayuException e) {
                racing.remove(s);
                log.log("transport " + s.transport().name() + " cannot listen here: " + e.getMessage());
                last = e;
            }
        }
        if (racing.isEmpty()) {
            throw last;
        }
    }

    private void startCurrent() {
        while (true) {
            try {
                current.start();
                return;
            } catch (KuayuException e) {
                if (!several || untried.isEmpty() || setup.role() != Role.HOST) {
                    throw e;
                }
                Stack failed = current;
                current = nextAttempt(e);
                channel.fallback(fallbackError(failed, e.code(), e.getMessage()));
            }
        }
    }

    private KuayuException fallbackError(Stack failed, ErrorCode code, String message) {
        return new KuayuException(code, "transport " + failed.transport().name() + " failed (" + message
                + "); trying " + current.transport().name());
    }

    private void fromStack(Stack from, Message m) {
        if (stopped) {
            return;
        }
        if (current == null) {
            race(from, m);
            return;
        }
        if (from != current) {
            return;
        }
        if (m.kind() == MessageKind.OPENED) {
            opened = true;
            release();
        } else if (m.kind() == MessageKind.FAILED && !opened && several) {
            KuayuException error = Json.readError(m.body(), ErrorCode.TRANSMISSION_FAILED);
            boolean next = error.code() == ErrorCode.TIMEOUT || error.code() == ErrorCode.TRANSPORT_UNAVAILABLE;
            if (next && !untried.isEmpty()) {
                fallBack(error);
                return;
            }
            Message last = lastFailure(error);
            failure = Json.readError(last.body(), error.code());
            channel.up(last);
            return;
        }
        if (m.kind() == MessageKind.FAILED) {
            failure = Json.readError(m.body(), ErrorCode.TRANSMISSION_FAILED);
        }
        channel.up(m);
    }

    /** The failure that ends an automatic choice: a TIMEOUT says what a remote must do to be reached otherwise. */
    private static Message lastFailure(KuayuException error) {
        String message = error.getMessage();
        if (error.code() == ErrorCode.TIMEOUT) {
            message += "; no transport connected: a remote page listens on postMessage alone unless its accept names"
                    + " the others (in JS: transport: [\"postMessage\", \"name\", \"hash\"])";
        }
        return Message.local(MessageKind.FAILED, Json.error(error.code(), message));
    }

    private void fallBack(KuayuException error) {
        final Stack failed = current;
        failed.stop();
        try {
            current = nextAttempt(error);
        } catch (KuayuException none) {
            current = failed;
            Message last = lastFailure(error);
            failure = Json.readError(last.body(), error.code());
            channel.up(last);
            return;
        }
        channel.fallback(fallbackError(failed, error.code(), error.getMessage()));
        try {
            startCurrent();
        } catch (KuayuException e) {
            failure = e;
            channel.up(Message.local(MessageKind.FAILED, Json.error(e.code(), e.getMessage())));
        }
    }

    /** Remote with several transports: the first stack to open wins; one that fails leaves the race. */
    private void race(Stack from, Message m) {
        if (!racing.contains(from)) {
            return;
        }
        if (m.kind() == MessageKind.OPENED) {
            current = from;
            opened = true;
            for (Stack other : racing) {
                if (other != from) {
                    other.stop();
                }
            }
            racing.clear();
            log.log("transport " + from.transport().name() + " won; the others stopped");
            channel.up(m);
            release();
            return;
        }
        if (m.kind() == MessageKind.FAILED || m.kind() == MessageKind.CLOSED) {
            from.stop();
            racing.remove(from);
            log.log("transport " + from.transport().name() + " left the race: " + m.body());
            if (racing.isEmpty()) {
                if (m.kind() == MessageKind.FAILED) {
                    failure = Json.readError(m.body(), ErrorCode.TRANSMISSION_FAILED);
                }
                channel.up(m);
            }
            return;
        }
        log.log("ignored " + m.kind() + " from transport " + from.transport().name() + " before it won");
    }

    /** Sends from the channel: to the stack in use, or held until a transport won. */
    void send(Message m) {
        if (stopped) {
            return;
        }
        if (!several || opened) {
            current.send(m);
            return;
        }
        hold(m);
    }

    private void hold(final Message m) {
        final Held h = new Held(m, platform.now());
        held.add(h);
        if (m.kind() == MessageKind.REQUEST && m.attachment() instanceof RequestTicket) {
            final RequestTicket ticket = (RequestTicket) m.attachment();
            h.timer = platform.schedule(ticket.timeoutMillis(), new Runnable() {
                @Override
                public void run() {
                    if (!held.remove(h)) {
                        return;
                    }
                    UserCode.run(platform, log, new Runnable() {
                        @Override
                        public void run() {
                            ticket.callback().onError(new KuayuException(ErrorCode.TIMEOUT, "no reply within "
                                    + ticket.timeoutMillis() + " ms: no transport connected in time"));
                        }
                    });
                }
            });
        }
    }

    /** Sends what waited, in order, each request with the time it has left. */
    private void release() {
        List<Held> out = new ArrayList<Held>(held);
        held.clear();
        for (Held h : out) {
            Message m = h.message;
            if (h.timer != null) {
                h.timer.cancel();
                RequestTicket ticket = (RequestTicket) m.attachment();
                int left = (int) Math.max(1, ticket.timeoutMillis() - (platform.now() - h.since));
                m = m.withAttachment(new RequestTicket(ticket.callback(), left));
            }
            current.send(m);
        }
    }

    /** A local event from the channel (its own close): to the stack in use, or the end of the race. */
    void deliverUp(Message m) {
        if (current != null) {
            current.deliverUp(m);
        } else if (!stopped) {
            channel.up(m);
        }
    }

    /** Stops every stack and what waits; idempotent. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Held h : held) {
            if (h.timer != null) {
                h.timer.cancel();
                final RequestTicket ticket = (RequestTicket) h.message.attachment();
                // A channel that failed says why to its requests too (ORIGIN_REJECTED, TIMEOUT, ...).
                final KuayuException why = failure != null ? new KuayuException(failure.code(), failure.getMessage())
                        : new KuayuException(ErrorCode.CLOSED, "the channel closed before a transport connected");
                UserCode.run(platform, log, new Runnable() {
                    @Override
                    public void run() {
                        ticket.callback().onError(why);
                    }
                });
            }
        }
        held.clear();
        for (Stack s : racing) {
            s.stop();
        }
        racing.clear();
        if (current != null) {
            current.stop();
        }
    }

    /** A message sent before a transport won; a request's timer runs meanwhile. */
    private static final class Held {
        final Message message;
        final double since;
        Cancellable timer;

        Held(Message message, double since) {
            this.message = message;
            this.since = since;
        }
    }
}
