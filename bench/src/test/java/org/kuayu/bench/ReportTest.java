package org.kuayu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Results.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, Results.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(Results.median(List.of())));
    }

    @Test
    void formatsNumbers() {
        assertEquals("100 B", Report.bytes(100));
        assertEquals("10 KB", Report.bytes(10 * 1024));
        assertEquals("1 MB", Report.bytes(1024 * 1024));
        assertEquals("4,913", Report.rate(4912.6));
        assertEquals("42.5", Report.rate(42.46));
        assertEquals("0.87×", Report.ratio(0.8749));
        assertEquals("–", Report.ratio(Double.NaN));
        assertEquals("77,520 B (75.7 KB)", Report.size(77_520));
    }

    @Test
    void gzipLevel9IsSmallerThanTheInputForText() {
        byte[] text = "kuayu ".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long size = BundleSize.gzipLength(text);
        assertTrue(size > 18 && size < 200, "gzip size " + size);
    }

    @Test
    void reportHasTheRatiosAndTheTargets() {
        Results results = new Results();
        results.roundTrips.get(new RoundTripCase(Via.MESSAGE_PORT, 100, 1)).addAll(List.of(5000.0, 4000.0, 6000.0));
        results.roundTrips.get(new RoundTripCase(Via.WINDOW, 100, 1)).addAll(List.of(2000.0, 2000.0, 2000.0));
        results.roundTrips.get(new RoundTripCase(Via.KUAYU, 100, 1)).addAll(List.of(4500.0, 4400.0, 4600.0));
        results.roundTrips.get(new RoundTripCase(Via.PENPAL, 100, 1)).addAll(List.of(3000.0, 3000.0, 3000.0));
        results.roundTrips.get(new RoundTripCase(Via.EASYXDM, 100, 1)).addAll(List.of(1500.0));
        results.sizes.add(new BundleSize("kuayu.js", "Kuayu", 77_520, 27_575, -1, null));
        results.sizes.add(BundleSize.fromClasspathIfBuilt("no-such-bundle.js", "Kuayu, postMessage only"));
        results.sizes.add(new BundleSize("easyXDM.js", "easyXDM", 102_122, 25_600, -1, null));
        results.sizes.add(new BundleSize("penpal.min.js", "penpal", 10_792, 3_900, -1, null));
        String md = new Report(BenchSettings.parse("--runs=3", "--out=" + Path.of("x.md")), results,
                Map.of("Cores", "2"), "2026-11-25 12:00 UTC", "1 min 0 s").markdown();

        assertTrue(md.contains("| payload | in flight | raw MessagePort | raw window postMessage | Kuayu request/reply"
                + " | penpal 7.0.6 | easyXDM 2.4.19 | post-robot 10.0.46 | Kuayu / MessagePort | Kuayu / window"
                + " | Kuayu / penpal |"), md);
        assertTrue(md.contains("| 100 B | 1 | 5,000 | 2,000 | 4,500 | 3,000 | 1,500 | – | 0.90× | 2.25× | 1.50× |"), md);
        assertTrue(md.contains("| 10 KB | 100 | – | – | – | – | – | – | – | – | – |"), md);
        assertTrue(md.contains("| Kuayu ≥ 0.9× raw MessagePort round trips/s | met in 1 of 1 cases; lowest 0.90×"
                + " (100 B, 1 in flight) | yes |"), md);
        assertTrue(md.contains("| Kuayu ≥ 1.0× penpal's round trips/s | met in 1 of 1 cases; lowest 1.50×"), md);
        assertTrue(md.contains("| `kuayu.js`: 26.9 KB against 25.0 KB (1.08× the limit) | no |"), md);
        assertTrue(md.contains("| `kuayu.js`: 26.9 KB against 6.9 KB (3.90× the limit) | no |"), md);
        assertTrue(md.contains("| `kuayu.js` | Kuayu | 77,520 B (75.7 KB) | 27,575 B (26.9 KB) | – (no gzip) |"), md);
        assertTrue(md.contains("| `no-such-bundle.js` | Kuayu, postMessage only | not built | – | – |"), md);
        assertTrue(md.contains("| Cores | 2 |"), md);
        assertFalse(md.contains("## Build times"), "no build times measured, no section: " + md);
    }

    @Test
    void thePostMessageBuildIsComparedWithOneAndAHalfPenpals() {
        Results results = new Results();
        results.sizes.add(new BundleSize("kuayu.js", "Kuayu", 77_520, 27_575, -1, null));
        results.sizes.add(new BundleSize(Report.POST_MESSAGE_BUNDLE, "Kuayu, postMessage only", 12_000, 5_000, -1, null));
        results.sizes.add(new BundleSize("penpal.min.js", "penpal", 10_792, 4_000, -1, null));
        String md = new Report(BenchSettings.parse(), results, Map.of(), "now", "1 s").markdown();

        assertTrue(md.contains("| postMessage-only build gzip ≤ 1.5× penpal's (`penpal.min.js`) | `kuayu-pm.js`: 4.9 KB"
                + " against 5.9 KB (0.83× the limit) | yes |"), md);
        assertTrue(md.contains("(the limit was not measured) | – |"), "no easyXDM size measured: " + md);
    }

    @Test
    void transfersJsonpAndTheServerLoadHaveTheirTablesAndRatios() {
        Results results = new Results();
        for (TransferCase c : TransferCase.all()) {
            if (c.unavailable() == null) {
                results.transferMillis.get(c).addAll(c.via() == Via.KUAYU ? List.of(800.0, 1000.0) : List.of(4000.0));
            }
        }
        results.jsonpPerSecond.get(JsonpClient.KUAYU).addAll(List.of(400.0, 500.0, 600.0));
        results.jsonpCallMillis.get(JsonpClient.KUAYU).addAll(List.of(2.0, 2.0, 2.0));
        results.jsonpPerSecond.get(JsonpClient.FETCH_JSONP).addAll(List.of(250.0));
        results.serverLoad.get(JsonpServerLoad.Endpoint.PLAIN).add(new JsonpServerLoad.Outcome(1000, 10_000, 500, 2000));
        results.serverLoad.get(JsonpServerLoad.Endpoint.JSONP).add(new JsonpServerLoad.Outcome(900, 9_000, 550, 2500));
        String md = new Report(BenchSettings.parse(), results, Map.of(), "now", "1 s").markdown();

        assertTrue(md.contains("| window.name | 900.0 ms | not measured (below) | – |"), md);
        assertTrue(md.contains("| location.hash | 900.0 ms | 4,000.0 ms | 0.23× |"), md);
        assertTrue(md.contains("name.html"), "why easyXDM's NameTransport is not measured: " + md);
        assertTrue(md.contains("| `kuayu.jsonp` | 500 | 2.0 ms |"), md);
        assertTrue(md.contains("`kuayu.jsonp` / fetch-jsonp, calls per second: 2.00×"), md);
        assertTrue(md.contains("| the same handler in a `JsonpHandler` (`/jsonp?n=1&callback=cb`) | 9,000 | 550 µs"
                + " | 2,500 µs |"), md);
        assertTrue(md.contains("With `JsonpHandler` / without, requests per second: 0.90×"), md);
        assertTrue(md.contains("| Kuayu request/reply, 100 KB over location.hash (ms) | 800.0, 1000.0 |"), md);
    }

    @Test
    void theLoadSectionHasBothTablesAndShowsItsErrors() {
        Results results = new Results();
        results.endpointLoad.add(new LoadDriver.Outcome("JSONP", "GET /test/jsonp/echo", 64, 30.0, 30_000, 0,
                List.of(), Map.of("200", 30_000L), 1000.0, 1500, 9000, 20_000));
        results.endpointLoad.add(new LoadDriver.Outcome("WebSocket", "/ws/raw", 64, 30.0, 60_000, 2,
                List.of("java.io.IOException: the chat answered nothing"), Map.of("answer", 59_998L), 2000.0, 800, 4000,
                10_000_000));
        results.proxyFailures.add(new LoadDriver.Outcome("good requests", "/ok?n=…", 48, 30.0, 40_000, 0, List.of(),
                Map.of("200", 40_000L), 1333.3, 2000, 12_340, 50_000));
        results.proxyFailures.add(new LoadDriver.Outcome("upstream hangs", "/hang", 4, 31.0, 120, 0, List.of(),
                Map.of("504", 120L), 3.9, 1_000_500, 1_002_000, 1_003_000));
        String md = new Report(BenchSettings.parse("--load-clients=64"), results, Map.of(), "now", "1 s").markdown();

        assertTrue(md.contains("## Server endpoints under load\n\n64 loopback clients per endpoint"), md);
        assertTrue(md.contains("| JSONP | `GET /test/jsonp/echo` | 64 | 30.0 s | 30,000 | 0 | 1,000 | 1.50 ms | 9.00 ms"
                + " | 20.00 ms |"), md);
        assertTrue(md.contains("| WebSocket | `/ws/raw` | 64 | 30.0 s | 60,000 | **2 (failed)** | 2,000 | 0.80 ms"),
                md);
        assertTrue(md.contains("- WebSocket: 2 errors; `java.io.IOException: the chat answered nothing`"), md);
        assertTrue(md.contains("| upstream hangs | `/hang` | 4 | 120 | 504: 120 | 0 | 3.9 | 1,000.50 ms"), md);
        assertTrue(md.contains("The good requests, while 120 failing ones went through the same proxy: 0 errors, p99"
                + " 12.34 ms."), md);
        assertTrue(md.contains("- **Server endpoints under load.** The demo server on free loopback ports"), md);
        assertTrue(new Report(BenchSettings.parse("--only=load"), results, Map.of(), "now", "1 s").loadOnlyMarkdown()
                .contains("| JSONP | `GET /test/jsonp/echo` |"));
    }

    @Test
    void loadOptionsAreReadAndChecked() {
        BenchSettings settings = BenchSettings.parse("--only=load", "--load-clients=8", "--load-warmup=0",
                "--load-millis=500");
        assertTrue(settings.onlyLoad());
        assertEquals(8, settings.loadClients());
        assertEquals(0, settings.loadWarmupMillis());
        assertEquals(500, settings.loadMillis());
        assertFalse(BenchSettings.parse().onlyLoad());
        assertEquals(64, BenchSettings.parse().loadClients());
        assertEquals(30_000, BenchSettings.parse().loadMillis());
        assertThrows(IllegalArgumentException.class, () -> BenchSettings.parse("--only=browser"));
        assertThrows(IllegalArgumentException.class, () -> BenchSettings.parse("--load-clients=0"));
    }

    @Test
    void percentileIsTheNearestRank() {
        long[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5.0, LoadDriver.percentile(values, 0.5));
        assertEquals(10.0, LoadDriver.percentile(values, 0.99));
        assertTrue(Double.isNaN(LoadDriver.percentile(new long[0], 0.5)));
    }

    @Test
    void buildTimesComeFromTheFileTheScriptWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("build-times.properties");
        Files.writeString(file, "teavm=12345\ngwt=67890\n");
        Results results = new Results();
        results.buildMillis.putAll(Benchmarks.readBuildTimes(file));
        String md = new Report(BenchSettings.parse("--build-times=" + file), results, Map.of(), "now", "1 s")
                .markdown();

        assertTrue(md.contains("| `kuayu.js`, `kuayu.mjs` | TeaVM 0.16.0 | 12.3 |"), md);
        assertTrue(md.contains("| `kuayu-gwt.js` | GWT 2.12.2 | 67.9 |"), md);
        assertThrows(IllegalArgumentException.class, () -> BenchSettings.parse("--build-time=x"));
    }
}
