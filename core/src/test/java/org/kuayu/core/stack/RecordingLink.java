package org.kuayu.core.stack;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * A {@link Link} that records what a behaviour under test passes down and up, for testing one behaviour alone.
 *
 * <pre>{@code
 * RecordingLink link = new RecordingLink();
 * behavior.up(new Message(MessageKind.MESSAGE, "c1", 0, "1").withOrigin("http://a.test"), link);
 * assertEquals(List.of(MessageKind.MESSAGE), link.upKinds());
 * }</pre>
 */
public final class RecordingLink implements Link {
    private final List<Message> downs = new ArrayList<Message>();
    private final List<Message> ups = new ArrayList<Message>();
    private final List<Message> instructions = new ArrayList<Message>();
    private java.util.function.Consumer<Message> onUp;

    /**
     * Runs {@code hook} for each message passed up, after recording it, as the layer above would react within the
     * same call (a handshake answering a {@code SYN}).
     */
    public RecordingLink onUp(java.util.function.Consumer<Message> hook) {
        onUp = hook;
        return this;
    }

    /** Records a message passed down; instructions for the transport are kept apart. */
    @Override
    public void down(Message message) {
        if (message.kind().isTransportInstruction()) {
            instructions.add(message);
        } else {
            downs.add(message);
        }
    }

    /** How many {@code *_PATH} instructions of this kind were passed down. */
    public int pathCount(MessageKind kind) {
        return instructionCount(kind);
    }

    /** How many instructions for the transport ({@code *_PATH}, {@code ABANDON}) of this kind were passed down. */
    public int instructionCount(MessageKind kind) {
        int n = 0;
        for (Message m : instructions) {
            n += m.kind() == kind ? 1 : 0;
        }
        return n;
    }

    /** The attachments of the {@code ACCEPT_PATH} instructions passed down, oldest first (null: none came). */
    public List<Object> acceptedPaths() {
        List<Object> attachments = new ArrayList<Object>();
        for (Message m : instructions) {
            if (m.kind() == MessageKind.ACCEPT_PATH) {
                attachments.add(m.attachment());
            }
        }
        return attachments;
    }

    @Override
    public void up(Message message) {
        ups.add(message);
        if (onUp != null) {
            onUp.accept(message);
        }
    }

    /** Messages passed down, oldest first. */
    public List<Message> downs() {
        return new ArrayList<Message>(downs);
    }

    /** Messages passed up, oldest first. */
    public List<Message> ups() {
        return new ArrayList<Message>(ups);
    }

    public List<MessageKind> downKinds() {
        return kinds(downs);
    }

    public List<MessageKind> upKinds() {
        return kinds(ups);
    }

    /** The last message passed down; fails when there is none. */
    public Message lastDown() {
        if (downs.isEmpty()) {
            throw new AssertionError("nothing was passed down");
        }
        return downs.get(downs.size() - 1);
    }

    /** The last message passed up; fails when there is none. */
    public Message lastUp() {
        if (ups.isEmpty()) {
            throw new AssertionError("nothing was passed up");
        }
        return ups.get(ups.size() - 1);
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        downs.clear();
        ups.clear();
        instructions.clear();
    }

    private static List<MessageKind> kinds(List<Message> messages) {
        List<MessageKind> kinds = new ArrayList<MessageKind>();
        for (Message m : messages) {
            kinds.add(m.kind());
        }
        return kinds;
    }
}
