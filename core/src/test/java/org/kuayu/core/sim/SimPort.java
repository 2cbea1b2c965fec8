package org.kuayu.core.sim;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.TextListener;

/**
 * One end of a {@code MessageChannel} in the {@link SimBrowser}. Posts arrive at the other end in a later task
 * (with the browser's port faults applied); they wait in the receiving end until it {@link #listen}s, as a real
 * port queues until started. A port belongs to one document: transferring it with a window message moves it, and it
 * closes when its document goes away. Nothing is delivered to or from a closed end.
 */
public final class SimPort implements PortHandle {
    private final SimBrowser browser;
    private SimWindow owner;
    private SimPort partner;
    private TextListener listener;
    private boolean closed;
    private boolean draining;
    private final List<String> inbox = new ArrayList<String>();

    SimPort(SimBrowser browser, SimWindow owner) {
        this.browser = browser;
        this.owner = owner;
        browser.registerPort(this);
    }

    void entangle(SimPort other) {
        partner = other;
        other.partner = this;
    }

    @Override
    public void post(String text) {
        if (closed || owner == null || !owner.isAlive()) {
            return;
        }
        browser.postOffice().postPortMessage(partner, text);
    }

    @Override
    public void listen(TextListener newListener) {
        if (closed) {
            return;
        }
        listener = newListener;
        scheduleDrain();
    }

    @Override
    public void close() {
        closed = true;
        listener = null;
        inbox.clear();
    }

    /** True while not closed, with an owner that is alive (or in transit). */
    public boolean isOpen() {
        return !closed && (owner == null || owner.isAlive());
    }

    /** True when a listener is set and the port is open. */
    boolean isListening() {
        return isOpen() && listener != null && owner != null;
    }

    SimWindow owner() {
        return owner;
    }

    /** In transit: owned by nobody until the carrying message is delivered (or lost, which closes it). */
    void detach() {
        owner = null;
    }

    void adoptBy(SimWindow window) {
        owner = window;
        scheduleDrain();
    }

    /** A message arrived from the other end: dispatched now, or queued until the port is started and owned. */
    void receive(String text) {
        if (!isOpen()) {
            return;
        }
        if (listener == null || owner == null || !inbox.isEmpty()) {
            inbox.add(text);
            scheduleDrain();
            return;
        }
        dispatch(text);
    }

    /** Dispatches queued messages one task each, in order. */
    private void scheduleDrain() {
        if (draining || inbox.isEmpty() || listener == null || owner == null) {
            return;
        }
        draining = true;
        browser.schedule(null, 0, false, () -> {
            draining = false;
            if (isOpen() && listener != null && owner != null && !inbox.isEmpty()) {
                dispatch(inbox.remove(0));
                scheduleDrain();
            }
        });
    }

    private void dispatch(String text) {
        browser.postOffice().countPortDelivery();
        final TextListener l = listener;
        browser.runGuarded(() -> l.onText(text));
    }
}
