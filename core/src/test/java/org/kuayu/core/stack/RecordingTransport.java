package org.kuayu.core.stack;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Platform;

/**
 * A {@link Transport} that moves nothing and records every call, for behaviour and stack tests. Its capabilities
 * are those of postMessage (sees the sender's origin, reliable, no frame limit) and it has a private path to offer
 * unless told otherwise.
 *
 * <pre>{@code
 * RecordingTransport transport = new RecordingTransport();
 * ... StackAssembly.assemble(Role.HOST, transport, options, platform, log, origin, "c1", channelSide) ...
 * assertEquals(1, transport.offers());
 * }</pre>
 */
public final class RecordingTransport implements Transport {
    /** The name it reports. */
    public static final String NAME = "recording";

    private final List<String> frames = new ArrayList<String>();
    private final List<String> targets = new ArrayList<String>();
    private final List<Object> accepted = new ArrayList<Object>();
    private TransportListener listener;
    private final List<Integer> abandoned = new ArrayList<Integer>();
    private boolean privatePath = true;
    private boolean requestOnly;
    private boolean blind;
    private int offers;
    private int drops;
    private boolean closed;
    private RuntimeException openFailure;

    /** Makes {@link #offerPrivatePath} answer {@code available}. */
    public RecordingTransport privatePath(boolean available) {
        privatePath = available;
        return this;
    }

    /** Makes it a request-only transport (as JSONP is), so that the stack is built without a handshake. */
    /** From now on it cannot see the sender's origin, like window.name and location.hash. */
    public RecordingTransport blindToOrigin() {
        blind = true;
        return this;
    }

    public RecordingTransport requestOnly() {
        requestOnly = true;
        return this;
    }

    /** Makes {@link #open} throw {@code failure}. */
    public RecordingTransport failOpen(RuntimeException failure) {
        openFailure = failure;
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean seesSenderOrigin() {
        return !blind;
    }

    @Override
    public List<Behavior> layersBelowOrigin(Role role, Platform platform, DebugLog log) {
        return StackAssembly.layersBelowOrigin(role, this, platform, log);
    }

    @Override
    public boolean needsReliableDelivery() {
        return false;
    }

    @Override
    public int reliableWindow() {
        return 0;
    }

    @Override
    public int maxFrameLength() {
        return 0;
    }

    @Override
    public boolean isRequestOnly() {
        return requestOnly;
    }

    @Override
    public void open(TransportListener newListener) {
        if (openFailure != null) {
            throw openFailure;
        }
        listener = newListener;
    }

    @Override
    public void send(String frame, String targetOrigin) {
        frames.add(frame);
        targets.add(targetOrigin);
    }

    @Override
    public boolean offerPrivatePath() {
        offers++;
        return privatePath;
    }

    @Override
    public boolean acceptPrivatePath(Object attachment, String origin) {
        accepted.add(attachment);
        return attachment != null;
    }

    @Override
    public void dropPrivatePath() {
        drops++;
    }

    @Override
    public void abandonRequest(int number) {
        abandoned.add(Integer.valueOf(number));
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The listener the stack gave {@link #open}, to feed frames up. */
    public TransportListener listener() {
        return listener;
    }

    /** Frames sent, oldest first. */
    public List<String> frames() {
        return new ArrayList<String>(frames);
    }

    /** The target origin of each frame sent. */
    public List<String> targets() {
        return new ArrayList<String>(targets);
    }

    /** The attachments {@link #acceptPrivatePath} was called with. */
    public List<Object> accepted() {
        return new ArrayList<Object>(accepted);
    }

    /** The request numbers {@link #abandonRequest} was called with, oldest first. */
    public List<Integer> abandoned() {
        return new ArrayList<Integer>(abandoned);
    }

    public int offers() {
        return offers;
    }

    public int drops() {
        return drops;
    }

    public boolean isClosed() {
        return closed;
    }
}
