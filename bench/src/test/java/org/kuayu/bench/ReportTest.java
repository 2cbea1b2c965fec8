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
        results.sizes.add(new BundleSize("kuayu.js", 77_520, 27_575, -1));
        String md = new Report(BenchSettings.parse("--runs=3", "--out=" + Path.of("x.md")), results,
                Map.of("Cores", "2"), "2026-11-25 12:00 UTC", "1 min 0 s").markdown();

        assertTrue(md.contains("| 100 B | 1 | 5,000 | 2,000 | 4,500 | 0.90× | 2.25× |"), md);
        assertTrue(md.contains("| 10 KB | 100 | – | – | – | – | – |"), md);
        assertTrue(md.contains("met in 1 of 1 cases; lowest 0.90× (100 B, 1 in flight) | yes |"), md);
        assertTrue(md.contains("`kuayu.js`: 26.9 KB (3.90× the target) | no |"), md);
        assertTrue(md.contains("| `kuayu.js` | 77,520 B (75.7 KB) | 27,575 B (26.9 KB) | – (no gzip) |"), md);
        assertTrue(md.contains("| Cores | 2 |"), md);
        assertFalse(md.contains("## Build times"), "no build times measured, no section: " + md);
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
