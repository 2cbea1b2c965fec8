package org.kuayu.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one bench run measured, collected as it goes; {@link Report} turns it into Markdown. */
final class Results {

    /** The startup measurements of {@code bench/run.html?measure=connect}. */
    enum ReadyTime {
        KUAYU("Kuayu: `kuayu.connect` → `onReady` (creates the iframe, loads the remote page and kuayu.js, handshake)"),
        RAW_LOAD("raw: new iframe → its `load` event"),
        RAW_PORT("raw: new iframe → `load` → transfer a MessagePort → first message on it"),
        PENPAL("penpal 7.0.6: new iframe → `connect(...).promise` resolves (loads the remote page and penpal, handshake)",
                "penpal"),
        EASYXDM("easyXDM 2.4.19: `new easyXDM.Rpc` → `onReady` (creates the iframe, loads the remote page and easyXDM,"
                + " handshake)", "easyxdm");

        final String title;
        /** The {@code via} of {@code measure=connect} that measures it; null for the raw pair (via=port). */
        final String via;

        ReadyTime(String title) {
            this(title, null);
        }

        ReadyTime(String title, String via) {
            this.title = title;
            this.via = via;
        }
    }

    final Map<RoundTripCase, List<Double>> roundTrips = new LinkedHashMap<>();
    final Map<ReadyTime, List<Double>> readyMillis = new EnumMap<>(ReadyTime.class);
    /** Time in ms of one large request there and back, by case. */
    final Map<TransferCase, List<Double>> transferMillis = new LinkedHashMap<>();
    /** JSONP calls per second, and the median time of one call in ms, of each page load. */
    final Map<JsonpClient, List<Double>> jsonpPerSecond = new EnumMap<>(JsonpClient.class);
    final Map<JsonpClient, List<Double>> jsonpCallMillis = new EnumMap<>(JsonpClient.class);
    /** The loopback load on the JSON handler without and with JsonpHandler, each run. */
    final Map<JsonpServerLoad.Endpoint, List<JsonpServerLoad.Outcome>> serverLoad =
            new EnumMap<>(JsonpServerLoad.Endpoint.class);
    /** The demo server's endpoints under load, one row each, in the order they ran. */
    final List<LoadDriver.Outcome> endpointLoad = new ArrayList<>();
    /** The proxy while its upstream fails: the good requests' row, then one per failing kind. */
    final List<LoadDriver.Outcome> proxyFailures = new ArrayList<>();
    /** The WebSocket endpoint's good clients and flooders, both at once ({@link WebSocketFloodLoad}). */
    final List<LoadDriver.Outcome> websocketFlood = new ArrayList<>();
    /** The endpoint's accounting at the end of the flood, or null when it did not run. */
    org.kuayu.server.KuayuWebSocketStats floodStats;
    /** The heap after a full collection: before the flood and after it, its sockets closed; -1 when not run. */
    long heapBeforeFlood = -1;
    long heapAfterFlood = -1;
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
        for (TransferCase c : TransferCase.all()) {
            transferMillis.put(c, new ArrayList<>());
        }
        for (JsonpClient c : JsonpClient.values()) {
            jsonpPerSecond.put(c, new ArrayList<>());
            jsonpCallMillis.put(c, new ArrayList<>());
        }
        for (JsonpServerLoad.Endpoint e : JsonpServerLoad.Endpoint.values()) {
            serverLoad.put(e, new ArrayList<>());
        }
    }

    /** The size of the bundle of that file name, or null when it was not measured. */
    BundleSize size(String name) {
        return sizes.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
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
