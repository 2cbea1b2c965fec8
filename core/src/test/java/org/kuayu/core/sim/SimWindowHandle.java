package org.kuayu.core.sim;

import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.WindowHandle;

/**
 * A reference to another window, held by one document ({@code holder}): posting through it sends from the holder,
 * as calling {@code otherWindow.postMessage(...)} in the holder's script does. It follows the target context across
 * navigations, like a browser's {@code WindowProxy}.
 */
final class SimWindowHandle implements WindowHandle {
    final SimContext target;
    private final SimWindow holder;

    SimWindowHandle(SimContext target, SimWindow holder) {
        this.target = target;
        this.holder = holder;
    }

    @Override
    public void post(String text, String targetOrigin, PortHandle transfer) {
        if (transfer != null && !(transfer instanceof SimPort)) {
            throw new IllegalArgumentException("only ports of the simulated browser can be transferred");
        }
        holder.browser().postOffice().postWindowMessage(holder, target, text, targetOrigin, (SimPort) transfer);
    }

    @Override
    public boolean isSame(WindowHandle other) {
        return other instanceof SimWindowHandle && ((SimWindowHandle) other).target == target;
    }

    @Override
    public boolean callMailbox(String name, String text) {
        return holder.callMailboxOf(target.current(), name, text);
    }

    @Override
    public String scriptableOrigin() {
        SimWindow w = target.current();
        return holder.mayScript(w) ? w.origin() : null;
    }

    @Override
    public String toString() {
        SimWindow w = target.current();
        return "SimWindowHandle[" + (w == null ? "?" : w.url()) + "]";
    }
}
