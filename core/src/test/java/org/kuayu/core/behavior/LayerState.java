package org.kuayu.core.behavior;

import static org.kuayu.core.behavior.StackFuzzSession.require;

import java.lang.reflect.Field;
import java.util.Collection;

import org.kuayu.core.stack.Behavior;
import org.kuayu.core.stack.Role;

/**
 * What the layers below the origin check of an {@link InjectableLink}'s stacks hold, read by {@link StackFuzzSession}:
 * whether their buffers are within their documented limits, and what a forger that knew everything but the secrets
 * would write. The layers keep that state to themselves; the test reads their private fields rather than widen them.
 */
final class LayerState {
    private LayerState() {
    }

    /** Every layer's buffers within their documented limits, whatever came in. */
    static void checkBounds(Behavior b) {
        if (b instanceof FragmentBehavior) {
            FragmentBehavior f = (FragmentBehavior) b;
            Object assembler = field(f, "assembler");
            require(f.partialCount() <= FragmentOptions.DEFAULT_MAX_PARTIAL_MESSAGES, "partial messages: "
                    + f.partialCount());
            require((Double) field(assembler, "buffered") <= FragmentOptions.DEFAULT_MAX_BUFFERED_CHARS,
                    "fragment characters held: " + field(assembler, "buffered"));
            require(((Collection<?>) field(assembler, "finished")).size() <= FragmentAssembler.REMEMBERED,
                    "finished messages remembered");
        } else if (b instanceof ReliableBehavior) {
            Object receiver = field(b, "receiver");
            int held = (Integer) field(receiver, "heldCount");
            require(held <= ReliableOptions.MAX_WINDOW, "frames held out of order: " + held);
            require(((Collection<?>) field(b, "retired")).size() <= ReliableBehavior.RETIRED,
                    "retired incarnations");
        }
    }

    /** What the forger may know when it writes to {@code role}'s side: the real values, for deeper coverage. */
    static ForgedFrames.Knowledge knowledge(InjectableLink link, Role role) {
        ForgedFrames.Knowledge k = new ForgedFrames.Knowledge();
        Role peer = role == Role.HOST ? Role.REMOTE : Role.HOST;
        k.channel = link.channel();
        k.secret = nonNull(secretOf(link, role));
        k.peerSecret = nonNull(secretOf(link, peer));
        ReliableBehavior own = layer(link, role, ReliableBehavior.class);
        ReliableBehavior other = layer(link, peer, ReliableBehavior.class);
        if (own != null) {
            Object receiver = field(own, "receiver");
            Object sender = field(own, "sender");
            k.ownIncarnation = (String) field(own, "incarnation");
            k.receiveGeneration = Math.max(0, (Integer) field(receiver, "generation"));
            k.expectedSeq = (Integer) field(receiver, "expected");
            k.sendGeneration = (Integer) field(sender, "generation");
            k.sentSeq = (Integer) field(sender, "nextSeq") - 1;
        }
        if (other != null) {
            k.peerIncarnation = (String) field(other, "incarnation");
        }
        return k;
    }

    /** The real secret of the {@code role} side's stack, or null before it started. */
    static String secretOf(InjectableLink link, Role role) {
        SecretBehavior s = layer(link, role, SecretBehavior.class);
        return s == null ? null : (String) field(s, "secret");
    }

    private static <T> T layer(InjectableLink link, Role role, Class<T> type) {
        for (Behavior b : link.layers(role)) {
            if (type.isInstance(b)) {
                return type.cast(b);
            }
        }
        return null;
    }

    /** A private field of a layer: the test looks at state the layers keep to themselves, without new accessors. */
    private static Object field(Object owner, String name) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the fuzz test reads " + owner.getClass().getSimpleName() + "." + name
                    + ": rename it here too", e);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
