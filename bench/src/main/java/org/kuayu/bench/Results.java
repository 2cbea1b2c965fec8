package org.kuayu.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one bench run measured, collected as it goes; {@link Report} turns it into Markdown. */
final class Results {

    /** The startup measurements of {@code bench/connect.html}. */
    enum ReadyTime {
        KUAYU("Kuayu: `kuayu.connect` → `onReady` (creates the iframe, loads the remote page and kuayu.js, handshake)"),
        RAW_LOAD("raw: new iframe → its `load` event"),
        RAW_PORT("raw: new iframe → `load` → transfer a MessagePort → first message on it");

        final String title;

        ReadyTime(String title) {
            this.title = title;
        }
    }

    final Map<RoundTripCase, List<Double>> roundTrips = new LinkedHashMap<>();
    final Map<ReadyTime, List<Double>> readyMillis = new EnumMap<>(ReadyTime.class);
    final List<BundleSize> sizes = new ArrayList<>();
    /** Compile time in ms of each bundle's compiler ("teavm", "gwt"), as scripts/bench.sh measured it; may be empty. */
    final Map<String, Long> buildMillis = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();

    Results() {
        for (RoundTripCase c : RoundTripCase.all()) {
            roundTrips.put(c, new ArrayList<>());
        }
        for (ReadyTime t : ReadyTime.values()) {
            readyMillis.put(t, new ArrayList<>());
        }
    }

    /** The median round trips per second of this path for this payload and depth, or NaN if nothing ran. */
    double roundTripsMedian(Via via, int size, int inFlight) {
        return median(roundTrips.get(new RoundTripCase(via, size, inFlight)));
    }

    /** The median of the values, the mean of the middle two for an even count; NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
