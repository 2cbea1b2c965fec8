package org.kuayu.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One round-trip measurement: a path, a payload (an ASCII string of {@code size} characters, so as many UTF-8
 * bytes) and how many round trips are kept in flight.
 *
 * <pre>{@code
 * new RoundTripCase(Via.KUAYU, 10 * 1024, 100).query()  // "via=kuayu&size=10240&inflight=100"
 * }</pre>
 */
record RoundTripCase(Via via, int size, int inFlight) {

    /** Payloads of 100 B, 10 KB and 1 MB (KB = 1,024 bytes). */
    static final List<Integer> SIZES = List.of(100, 10 * 1024, 1024 * 1024);

    /** Sequential (one in flight), and pipelined. */
    static final List<Integer> IN_FLIGHT = List.of(1, 100);

    /**
     * Runs of a 1 MB case at most: 100 such round trips in flight take up to half a minute on two cores, and the
     * whole bench should stay within a few minutes.
     */
    static final int LARGE_PAYLOAD_RUNS = 3;

    /** Every path for every payload and depth, in the order they run and are reported. */
    static List<RoundTripCase> all() {
        List<RoundTripCase> cases = new ArrayList<>();
        for (int size : SIZES) {
            for (int inFlight : IN_FLIGHT) {
                for (Via via : Via.values()) {
                    cases.add(new RoundTripCase(via, size, inFlight));
                }
            }
        }
        return cases;
    }

    /** How many of the requested runs this case makes: all of them, but at most 3 for a 1 MB payload. */
    int runs(int requested) {
        return size >= 1024 * 1024 ? Math.min(requested, LARGE_PAYLOAD_RUNS) : requested;
    }

    String query() {
        return "via=" + via.query() + "&size=" + size + "&inflight=" + inFlight;
    }

    @Override
    public String toString() {
        return via.title() + ", " + Report.bytes(size) + ", " + inFlight + " in flight";
    }
}
