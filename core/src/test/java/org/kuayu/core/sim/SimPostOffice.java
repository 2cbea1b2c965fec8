package org.kuayu.core.sim;

import java.util.Random;
import java.util.function.Consumer;

/**
 * How the {@link SimBrowser} moves messages: window {@code postMessage} with the same-origin check at delivery
 * time (as the HTML spec does it), port messages, and the fault plans of both paths.
 */
final class SimPostOffice {
    private final SimBrowser browser;
    private final Random random;
    private FaultPlan windowFaults = FaultPlan.NONE;
    private FaultPlan portFaults = FaultPlan.NONE;
    private long windowDeliveries;
    private long portDeliveries;
    private long droppedDeliveries;
    private long originMismatches;

    SimPostOffice(SimBrowser browser, Random random) {
        this.browser = browser;
        this.random = random;
    }

    void windowFaults(FaultPlan plan) {
        windowFaults = plan;
    }

    void portFaults(FaultPlan plan) {
        portFaults = plan;
    }

    long windowDeliveries() {
        return windowDeliveries;
    }

    long portDeliveries() {
        return portDeliveries;
    }

    long droppedDeliveries() {
        return droppedDeliveries;
    }

    long originMismatches() {
        return originMismatches;
    }

    void countPortDelivery() {
        portDeliveries++;
    }

    /**
     * {@code target.postMessage(text, targetOrigin, [port])} called by {@code sender}'s script. The message goes to
     * the document the target shows now; it is delivered in a later task only if that document is still there and
     * its origin is the target origin; the receiver learns the sender's real origin and window.
     */
    void postWindowMessage(SimWindow sender, SimContext target, final String text, final String targetOrigin,
            final SimPort port) {
        if (!sender.isAlive()) {
            return;
        }
        final String wanted = targetOriginOf(targetOrigin, sender);
        if (port != null) {
            if (!port.isOpen() || port.owner() != sender) {
                throw new IllegalStateException("DataCloneError: the port is closed, in transit or another document's");
            }
            port.detach();
        }
        if (target.isDiscarded()) {
            lose(port);
            return;
        }
        final SimWindow document = target.current();
        final SimContext from = sender.context();
        final String senderOrigin = sender.origin();
        deliver(windowFaults, port, first -> {
            SimPort carried = first ? port : null;
            if (!document.isAlive()) {
                lose(carried);
                return;
            }
            if (wanted != null && !wanted.equals(document.origin())) {
                originMismatches++;
                browser.recordConsole("Failed to execute 'postMessage' on 'DOMWindow': The target origin provided ('"
                        + targetOrigin + "') does not match the recipient window's origin ('" + document.origin()
                        + "').");
                if (carried != null) {
                    carried.close();
                }
                return;
            }
            windowDeliveries++;
            if (carried != null) {
                carried.adoptBy(document);
            }
            document.dispatch(text, senderOrigin, from, carried);
        });
    }

    /** A port's post towards {@code target}, the other end. */
    void postPortMessage(final SimPort target, final String text) {
        deliver(portFaults, null, first -> target.receive(text));
    }

    /** The origin a post must match, or null for "*"; throws like browsers on a target origin that is not one. */
    private static String targetOriginOf(String targetOrigin, SimWindow sender) {
        if ("*".equals(targetOrigin)) {
            return null;
        }
        if ("/".equals(targetOrigin)) {
            return sender.origin();
        }
        String origin = targetOrigin == null ? SimUrls.OPAQUE : SimUrls.origin(targetOrigin);
        if (SimUrls.OPAQUE.equals(origin)) {
            throw new IllegalArgumentException("SyntaxError: Invalid target origin '" + targetOrigin
                    + "' in a call to 'postMessage'");
        }
        return origin;
    }

    /** A message that never arrives; a port riding on it is lost with it. */
    private void lose(SimPort port) {
        droppedDeliveries++;
        if (port != null) {
            port.close();
        }
    }

    private void deliver(FaultPlan plan, SimPort carried, final Consumer<Boolean> arrive) {
        if (plan.dropProbability() > 0 && random.nextDouble() < plan.dropProbability()) {
            lose(carried);
            return;
        }
        browser.schedule(null, plan.delayMillis() + jitter(plan), false, () -> arrive.accept(Boolean.TRUE));
        if (plan.duplicateProbability() > 0 && random.nextDouble() < plan.duplicateProbability()) {
            browser.schedule(null, plan.delayMillis() + jitter(plan), false, () -> arrive.accept(Boolean.FALSE));
        }
    }

    private int jitter(FaultPlan plan) {
        return plan.reorderMillis() > 0 ? random.nextInt(plan.reorderMillis() + 1) : 0;
    }
}
