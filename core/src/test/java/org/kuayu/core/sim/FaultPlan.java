package org.kuayu.core.sim;

/**
 * Faults the simulated browser applies to every delivery on one path (window {@code postMessage}, or
 * {@code MessagePort}). Immutable; every setter returns a copy. Default: {@link #NONE}, nothing goes wrong.
 *
 * <pre>{@code
 * browser.windowFaults(FaultPlan.NONE.drop(0.2).duplicate(0.1).reorder(30).delay(5));
 * }</pre>
 *
 * <p>Each delivery is dropped with probability {@code drop}; otherwise it arrives after {@code delay} ms plus a
 * random 0..{@code reorder} ms (so later messages may overtake earlier ones), and with probability
 * {@code duplicate} a second copy arrives too (a transferred port rides on the first copy only: a port cannot be
 * in two places). Randomness comes from the browser's seed, so a failing run can be replayed.
 */
public final class FaultPlan {
    /** No faults: every delivery arrives once, in order, in the next task. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0);

    private final double drop;
    private final double duplicate;
    private final int reorderMillis;
    private final int delayMillis;

    private FaultPlan(double drop, double duplicate, int reorderMillis, int delayMillis) {
        this.drop = drop;
        this.duplicate = duplicate;
        this.reorderMillis = reorderMillis;
        this.delayMillis = delayMillis;
    }

    /** A copy that drops each delivery with probability {@code probability} (0..1). */
    public FaultPlan drop(double probability) {
        return new FaultPlan(probability(probability), duplicate, reorderMillis, delayMillis);
    }

    /** A copy that delivers a second copy with probability {@code probability} (0..1). */
    public FaultPlan duplicate(double probability) {
        return new FaultPlan(drop, probability(probability), reorderMillis, delayMillis);
    }

    /** A copy that delays each delivery by a random 0..{@code maxExtraMillis} ms, reordering them. */
    public FaultPlan reorder(int maxExtraMillis) {
        return new FaultPlan(drop, duplicate, millis(maxExtraMillis), delayMillis);
    }

    /** A copy that delays every delivery by {@code millis} ms. */
    public FaultPlan delay(int millis) {
        return new FaultPlan(drop, duplicate, reorderMillis, millis(millis));
    }

    public double dropProbability() {
        return drop;
    }

    public double duplicateProbability() {
        return duplicate;
    }

    public int reorderMillis() {
        return reorderMillis;
    }

    public int delayMillis() {
        return delayMillis;
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability is between 0 and 1, got " + p);
        }
        return p;
    }

    private static int millis(int ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("milliseconds must not be negative, got " + ms);
        }
        return ms;
    }

    @Override
    public String toString() {
        return "FaultPlan[drop=" + drop + ", duplicate=" + duplicate + ", reorder=" + reorderMillis + "ms, delay="
                + delayMillis + "ms]";
    }
}
