package org.kuayu.core.behavior;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.Behavior;
import org.kuayu.core.stack.Link;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.StackAssembly;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * A link between a host and a remote page for a window transport that cannot see the sender's origin, limits frames
 * and may lose them (so each stack gets the secret, fragment and reliable layers of
 * {@link StackAssembly#layersBelowOrigin}), into which a test can inject frames of its own and whose next frames it
 * can lose or repeat: the stand-in for a hostile page that writes into window.name or location.hash.
 *
 * <pre>{@code
 * InjectableLink link = new InjectableLink(200, 4, "http://host.test", "http://remote.test");
 * Kuayu.connect(host, ConnectOptions.builder().remote(url).transport(link.factory()).build());
 * link.inject(Role.REMOTE, "kuayu1|SEC|c|0|a.b|MSG|{}", "http://host.test");
 * }</pre>
 *
 * <p>Under each stack's {@link SecretBehavior} it puts a layer that only watches: it notes the {@code SEC} frames the
 * stack sends, and keeps those coming up that no stack of the other role sent ({@link #foreignSecured}), for a test
 * to tell a forged frame from a real one, replayed or not, by what reaches the secret check.
 *
 * <p>Frames cross in a timer task of the receiving page, in order; an injected frame reaches the transport's listener
 * at once, so whatever it throws comes back to the caller. The ends are the transports of each role opened last; the
 * layers each got are kept, so that a test can look at their state.
 */
public final class InjectableLink {
    /** How many frames sent are kept for {@link #recentFrames()}. */
    public static final int RECENT = 32;
    private final int maxFrameLength;
    private final int window;
    private final String hostOrigin;
    private final String remoteOrigin;
    private End host;
    private End remote;
    private final List<String> recent = new ArrayList<String>();
    private final Set<String> securedByHost = new HashSet<String>();
    private final Set<String> securedByRemote = new HashSet<String>();
    private final List<Message> foreignToHost = new ArrayList<Message>();
    private final List<Message> foreignToRemote = new ArrayList<Message>();
    private String channel = "";
    private int toLose;
    private int toRepeat;

    /**
     * @param maxFrameLength the transports' frame limit; a longer frame sent by a stack fails the test at once
     * @param window         the transports' {@code reliableWindow()}
     * @param hostOrigin     the host page's origin: the only one the remote end reaches
     * @param remoteOrigin   the remote page's origin: the only one the host end reaches
     */
    public InjectableLink(int maxFrameLength, int window, String hostOrigin, String remoteOrigin) {
        this.maxFrameLength = maxFrameLength;
        this.window = window;
        this.hostOrigin = hostOrigin;
        this.remoteOrigin = remoteOrigin;
    }

    /** Makes the ends; the host's loads the remote URL into a hidden frame. */
    public TransportFactory factory() {
        return new TransportFactory() {
            @Override
            public String name() {
                return "injectable";
            }

            @Override
            public boolean isSupported(Platform platform, Role role) {
                return true;
            }

            @Override
            public Transport create(TransportSetup setup) {
                return new End(setup.role(), setup.platform(), setup.remoteUrl());
            }
        };
    }

    /**
     * Hands {@code frame} to the listener of the {@code to} end as if it came from {@code origin}; false when that end
     * is not open.
     */
    public boolean inject(Role to, String frame, String origin) {
        End end = to == Role.HOST ? host : remote;
        if (end == null || end.listener == null) {
            return false;
        }
        end.listener.onFrame(frame, origin, null);
        return true;
    }

    /** The next {@code frames} frames the stacks send are lost. */
    public void lose(int frames) {
        toLose += frames;
    }

    /** The next {@code frames} frames the stacks send arrive twice. */
    public void repeat(int frames) {
        toRepeat += frames;
    }

    /** The layers below the origin check of the {@code role} end's stack, top to bottom; empty before it opened. */
    public List<Behavior> layers(Role role) {
        End end = role == Role.HOST ? host : remote;
        return end == null ? new ArrayList<Behavior>() : end.layers;
    }

    /** The last {@value #RECENT} frames the stacks sent, oldest first: what a forger may replay. */
    public List<String> recentFrames() {
        return new ArrayList<String>(recent);
    }

    /** The channel id of the last frame the stacks sent that named one, or empty. */
    public String channel() {
        return channel;
    }

    /**
     * The {@code SEC} frames that reached the secret check of the {@code role} side's stacks but were never sent by a
     * stack of the other role (forged, or real ones changed), oldest first.
     */
    public List<Message> foreignSecured(Role role) {
        return role == Role.HOST ? foreignToHost : foreignToRemote;
    }

    private void carry(End from, String frame) {
        if (frame.length() > maxFrameLength) {
            throw new AssertionError("a frame of " + frame.length() + " characters on a link of " + maxFrameLength);
        }
        recent.add(frame);
        if (recent.size() > RECENT) {
            recent.remove(0);
        }
        String[] fields = frame.split("\\|", 4);
        if (fields.length == 4 && !fields[2].isEmpty()) {
            channel = fields[2];
        }
        final End to = from.role == Role.HOST ? remote : host;
        if (to == null || to.closed) {
            return;
        }
        if (toLose > 0) {
            toLose--;
            return;
        }
        int copies = 1;
        if (toRepeat > 0) {
            toRepeat--;
            copies = 2;
        }
        final String origin = from.platform.selfOrigin();
        for (int i = 0; i < copies; i++) {
            to.platform.schedule(1, new Runnable() {
                @Override
                public void run() {
                    if (!to.closed && to.listener != null) {
                        to.listener.onFrame(frame, origin, null);
                    }
                }
            });
        }
    }

    /** One end: what the browser gives window.name or location.hash, without the browser. */
    private final class End implements Transport {
        private final Role role;
        private final Platform platform;
        private final String remoteUrl;
        private List<Behavior> layers = new ArrayList<Behavior>();
        private TransportListener listener;
        private FrameHandle frame;
        private Cancellable loads;
        private boolean closed;

        End(Role role, Platform platform, String remoteUrl) {
            this.role = role;
            this.platform = platform;
            this.remoteUrl = remoteUrl;
        }

        @Override
        public String name() {
            return "injectable";
        }

        @Override
        public boolean seesSenderOrigin() {
            return false;
        }

        @Override
        public List<Behavior> layersBelowOrigin(Role stackRole, Platform page, DebugLog log) {
            layers = StackAssembly.layersBelowOrigin(stackRole, this, page, log);
            List<Behavior> watched = new ArrayList<Behavior>(layers);
            watched.add(1, new SecretWatch(stackRole));
            return watched;
        }

        @Override
        public boolean needsReliableDelivery() {
            return true;
        }

        @Override
        public int reliableWindow() {
            return window;
        }

        @Override
        public int maxFrameLength() {
            return maxFrameLength;
        }

        @Override
        public boolean canReach(String targetOrigin) {
            // Like a helper page of the peer's origin: a frame for anyone else (a REJ to a forger) goes nowhere.
            return (role == Role.HOST ? remoteOrigin : hostOrigin).equals(targetOrigin);
        }

        @Override
        public boolean isRequestOnly() {
            return false;
        }

        @Override
        public void open(final TransportListener newListener) {
            listener = newListener;
            if (role == Role.HOST) {
                host = this;
            } else {
                remote = this;
            }
            if (role == Role.HOST && remoteUrl != null) {
                frame = platform.createFrame(remoteUrl, true);
                loads = frame.onLoad(new Runnable() {
                    @Override
                    public void run() {
                        newListener.onRemoteLoaded();
                    }
                });
            }
        }

        @Override
        public void send(String text, String targetOrigin) {
            if (!closed) {
                carry(this, text);
            }
        }

        @Override
        public void close() {
            closed = true;
            if (loads != null) {
                loads.cancel();
            }
            if (frame != null) {
                frame.remove();
            }
        }
    }

    /** Watches the {@code SEC} frames passing between a stack's secret layer and the layers below it. */
    private final class SecretWatch extends BaseBehavior {
        private final Role role;

        SecretWatch(Role role) {
            this.role = role;
        }

        @Override
        public void down(Message m, Link below) {
            if (m.kind() == MessageKind.SECURED) {
                (role == Role.HOST ? securedByHost : securedByRemote).add(key(m));
            }
            below.down(m);
        }

        @Override
        public void up(Message m, Link above) {
            if (m.kind() == MessageKind.SECURED && !(role == Role.HOST ? securedByRemote : securedByHost)
                    .contains(key(m))) {
                foreignSecured(role).add(m);
            }
            above.up(m);
        }

        private String key(Message m) {
            return m.channel() + "|" + m.number() + "|" + m.body();
        }
    }
}
