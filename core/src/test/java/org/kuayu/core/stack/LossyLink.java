package org.kuayu.core.stack;

import java.util.Random;

import org.kuayu.core.platform.Platform;
import org.kuayu.core.sim.FaultPlan;

/**
 * A link that loses, duplicates, delays and reorders frames between two {@link LossyTransport}s, and insists that
 * no frame exceeds its limit: the stand-in for window.name and location.hash until those transports exist.
 *
 * <pre>{@code
 * LossyLink link = new LossyLink(7, FaultPlan.NONE.drop(0.2).duplicate(0.1).reorder(20), 200, 8);
 * Kuayu.connect(host, ConnectOptions.builder().remote(url).transport(link.factory()).build());
 * }</pre>
 *
 * <p>A frame crosses in a timer task of the receiving page (so a page that went away gets nothing, and
 * {@code pendingTimerCount} counts frames in transit until the loop has run). The host end is the transport of role
 * HOST opened last, the remote end the one of role REMOTE opened last: a reloaded remote page takes over. Faults
 * come from the link's own seed, so a run can be replayed.
 */
public final class LossyLink {
    private final Random random;
    private final int maxFrameLength;
    private final int window;
    private FaultPlan faults;
    private LossyTransport host;
    private LossyTransport remote;
    private boolean cut;
    private long sent;
    private long lost;
    private int longest;

    /**
     * @param maxFrameLength the transports' limit (0: none); a longer frame fails the test at once
     * @param window         the transports' {@code reliableWindow()}
     */
    public LossyLink(long seed, FaultPlan faults, int maxFrameLength, int window) {
        this.random = new Random(seed);
        this.faults = faults;
        this.maxFrameLength = maxFrameLength;
        this.window = window;
    }

    /** Makes {@link LossyTransport}s on this link; the host's loads the remote URL into a hidden frame. */
    public TransportFactory factory() {
        return new TransportFactory() {
            @Override
            public String name() {
                return LossyTransport.NAME;
            }

            @Override
            public boolean isSupported(Platform platform, Role role) {
                return true;
            }

            @Override
            public Transport create(TransportSetup setup) {
                return new LossyTransport(LossyLink.this, setup.role(), setup.platform(), setup.remoteUrl());
            }
        };
    }

    /** A transport for {@code role} in {@code page}, with no frame: for stacks built without a channel. */
    public LossyTransport transport(Role role, Platform page) {
        return new LossyTransport(this, role, page, null);
    }

    /** Faults from now on. */
    public LossyLink faults(FaultPlan plan) {
        faults = plan;
        return this;
    }

    /** While cut, every frame is lost (a peer that vanished, a blocked transport). */
    public LossyLink cut(boolean isCut) {
        cut = isCut;
        return this;
    }

    /** Frames sent into the link. */
    public long sent() {
        return sent;
    }

    /** Frames lost: dropped by a fault, while cut, or with nobody at the other end. */
    public long lost() {
        return lost;
    }

    /** The longest frame sent. */
    public int longest() {
        return longest;
    }

    int maxFrameLength() {
        return maxFrameLength;
    }

    int window() {
        return window;
    }

    void attach(LossyTransport end) {
        if (end.role() == Role.HOST) {
            host = end;
        } else {
            remote = end;
        }
    }

    void detach(LossyTransport end) {
        if (host == end) {
            host = null;
        }
        if (remote == end) {
            remote = null;
        }
    }

    void carry(LossyTransport from, String frame) {
        if (maxFrameLength > 0 && frame.length() > maxFrameLength) {
            throw new AssertionError("a frame of " + frame.length() + " characters on a link of " + maxFrameLength
                    + ": " + frame.substring(0, 60));
        }
        sent++;
        longest = Math.max(longest, frame.length());
        LossyTransport to = from.role() == Role.HOST ? remote : host;
        if (to == null || cut || random.nextDouble() < faults.dropProbability()) {
            lost++;
            return;
        }
        String origin = from.platform().selfOrigin();
        deliver(to, frame, origin);
        if (random.nextDouble() < faults.duplicateProbability()) {
            deliver(to, frame, origin);
        }
    }

    private void deliver(final LossyTransport to, final String frame, final String origin) {
        int extra = faults.reorderMillis() == 0 ? 0 : random.nextInt(faults.reorderMillis() + 1);
        to.platform().schedule(faults.delayMillis() + extra, new Runnable() {
            @Override
            public void run() {
                to.receive(frame, origin);
            }
        });
    }
}
