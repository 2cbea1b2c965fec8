package org.kuayu.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.kuayu.demo.DemoServer;
import org.kuayu.demo.MisbehavingJsonpHandler;
import org.kuayu.demo.Site;

/**
 * The bench: starts the demo server on free loopback ports (with the peers installed by npm under
 * {@value #PEERS_PATH}) and one headless Chromium, measures round trips per second, time to ready,
 * one 100 KB request over window.name and location.hash and JSONP calls (each a load of
 * {@code bench/run.html?measure=...}), the server's JSONP handler under a
 * loopback load ({@link JsonpServerLoad}), the demo server's JSONP, CORS, proxy and WebSocket endpoints under a
 * bounded loopback load and a reverse proxy while its upstream fails ({@link ServerLoad}, {@link ProxyFailureLoad}) and
 * the bundle sizes, and writes {@code docs/benchmarks.md}. The pages do
 * all the browser timing; this class only loads them and collects. Without the peers' folder only Kuayu and the
 * raw paths are measured.
 *
 * <pre>{@code
 * ./scripts/bench.sh --runs=5 --warmup=500 --millis=1000
 * java -jar bench/target/kuayu-bench.jar --only=load --load-clients=64 --load-millis=30000 --out=/tmp/load.md
 * }</pre>
 *
 * Exit status: 0 when every measurement produced a number, 1 when some failed (the report lists them), 2 for bad
 * arguments or a missing browser.
 */
public final class Benchmarks {

    /** Generous: a measurement takes warm-up + millis plus the time for the last replies (1 MB ones) to return. */
    private static final Duration SLACK = Duration.ofSeconds(60);
    /** Longer than the 20 s handshake timeout of {@code measure=connect}, so Kuayu reports its own failure. */
    private static final Duration CONNECT_BOUND = Duration.ofSeconds(30);
    /** This many failures in a row mean something is broken (the server, the browser): stop measuring. */
    private static final int FAILURES_IN_A_ROW = 3;

    /** Where the demo server serves the peers' folder on every site (bench/peers.js loads them from there). */
    static final String PEERS_PATH = "/bench/peers/";
    /** The peers' distributed files whose sizes are reported: folder in node_modules, file, what it is. */
    static final String[][] PEER_FILES = {
        {"penpal/dist", "penpal.min.js", "penpal 7.0.6"},
        {"easyxdm/lib", "easyXDM.js", "easyXDM 2.4.19-pre.2 (the npm package has no minified file)"},
        {"post-robot/dist", "post-robot.min.js", "post-robot 10.0.46"},
        {"fetch-jsonp/build", "fetch-jsonp.js", "fetch-jsonp 1.4.0"},
    };
    /** Longer than the 90 s after which {@code measure=transfer} gives up on its own (and says so). */
    private static final Duration TRANSFER_BOUND = Duration.ofSeconds(120);

    private int failuresInARow;
    private final boolean peers;

    private final BenchSettings settings;
    private final DemoServer demo;
    private final BenchBrowser browser;
    private final Results results = new Results();

    private Benchmarks(BenchSettings settings, DemoServer demo, BenchBrowser browser, boolean peers) {
        this.peers = peers;
        this.settings = settings;
        this.demo = demo;
        this.browser = browser;
    }

    public static void main(String[] args) throws Exception {
        // Before any HTTP client starts (Selenium's too): the load clients name the demo's sites in Host
        // (ServerLoad), and the proxy's line per 502/504 would flood the output of the upstream-failure load.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        // A request sent on a kept-alive connection that the server closes at that moment gets no byte back. The
        // JDK's client then sends it again on a new connection, as browsers do, but by default for GET only: the
        // load's OPTIONS and PUT got a few of these errors in 1.7 million requests, its GETs none. Every method alike.
        System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
        System.setProperty("org.kuayu.server.ReverseProxyHandler.LEVEL", "WARN");
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings.onlyLoad()) {
            onlyLoad(settings);
            return;
        }
        String missing = BenchBrowser.missing();
        if (missing != null) {
            System.err.println(missing);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        ZonedDateTime date = ZonedDateTime.now(ZoneOffset.UTC);
        String loadAtStart = Machine.loadAverage();
        Results results;
        Map<String, String> machine;
        boolean peers = Files.isDirectory(settings.peers());
        if (!peers) {
            System.out.println("No peers in " + settings.peers().toAbsolutePath() + ": only Kuayu and the raw paths are"
                    + " measured (./scripts/bench.sh installs the peers with npm)");
        }
        DemoServer.Builder server = demoServer();
        if (peers) {
            server.extraFolder(PEERS_PATH, settings.peers());
        }
        try (DemoServer demo = server.build().start();
             BenchBrowser browser = new BenchBrowser()) {
            Benchmarks bench = new Benchmarks(settings, demo, browser, peers);
            bench.run();
            bench.serverLoad();
            endpointLoad(settings, demo, bench.results);
            results = bench.results;
            machine = Machine.describe(browser.browserVersion(), browser.driverVersion(), loadAtStart);
        }
        results.sizes.add(BundleSize.fromClasspath("kuayu.js"));
        results.sizes.add(BundleSize.fromClasspath("kuayu.mjs"));
        results.sizes.add(BundleSize.fromClasspath("kuayu-gwt.js"));
        results.sizes.add(BundleSize.fromClasspathIfBuilt(Report.POST_MESSAGE_BUNDLE, "Kuayu, postMessage only"));
        for (String[] peer : PEER_FILES) {
            results.sizes.add(BundleSize.fromFile(peer[1], settings.peers().resolve(peer[0]).resolve(peer[1]), peer[2]));
        }
        if (settings.buildTimes() != null) {
            results.buildMillis.putAll(readBuildTimes(settings.buildTimes()));
        }
        finish(settings, new Report(settings, results, machine, when(date), took(started)).markdown(), results);
    }

    /**
     * The demo server on free ports with what only the bench uses, which the plain demo does not serve: its pages
     * (classpath {@code bench-pages/}: the host page {@code /bench/run.html} on domain1, the echo pages on domain2)
     * under {@value #PAGES_PATH}, and domain2's JSONP echo under {@code /test/jsonp/} (bench.js and
     * {@link ServerLoad} call it).
     */
    static DemoServer.Builder demoServer() {
        return DemoServer.builder().freePorts()
                .fixtures(Site.DOMAIN1, PAGES_PATH, "bench-pages/domain1/")
                .fixtures(Site.DOMAIN2, PAGES_PATH, "bench-pages/domain2/")
                .handler(Site.DOMAIN2, "/test/jsonp/", demo -> new MisbehavingJsonpHandler());
    }

    /** Where the bench's pages are on domain1 and domain2: {@value}. */
    static final String PAGES_PATH = "/bench/";

    /** "2026-12-02 02:21 UTC". */
    private static String when(ZonedDateTime date) {
        return date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** "8 min 11 s" since {@code started} ({@link System#nanoTime()}). */
    private static String took(long started) {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** Writes the report to {@code --out}, prints it, and exits 1 when anything failed. */
    private static void finish(BenchSettings settings, String report, Results results) throws IOException {
        write(settings.out(), report);
        System.out.println();
        System.out.println(report);
        System.out.println("Wrote " + settings.out().toAbsolutePath());
        System.exit(results.failures.isEmpty() ? 0 : 1);
    }

    /** {@code --only=load}: the demo server's endpoints and the failing proxy under load, no browser. */
    private static void onlyLoad(BenchSettings settings) throws Exception {
        long started = System.nanoTime();
        ZonedDateTime date = ZonedDateTime.now(ZoneOffset.UTC);
        String loadAtStart = Machine.loadAverage();
        Results results = new Results();
        try (DemoServer demo = demoServer().build().start()) {
            endpointLoad(settings, demo, results);
        }
        Map<String, String> machine = Machine.describe("not used (--only=load)", "not used (--only=load)",
                loadAtStart);
        finish(settings, new Report(settings, results, machine, when(date), took(started)).loadOnlyMarkdown(),
                results);
    }

    /**
     * Each endpoint of the demo server under {@code --load-clients} clients in turn, then the proxy whose upstream
     * fails; every error goes to the report's failures as well as its table.
     */
    private static void endpointLoad(BenchSettings settings, DemoServer demo, Results results) {
        int clients = settings.loadClients();
        try {
            for (LoadDriver.Group endpoint : new ServerLoad(demo).endpoints(clients)) {
                LoadDriver.Outcome outcome = LoadDriver.run(List.of(endpoint), settings.loadWarmupMillis(),
                        settings.loadMillis()).get(0);
                results.endpointLoad.add(outcome);
                printLoad("server endpoint under load", outcome, results);
            }
        } catch (Exception e) {
            String message = "the server endpoints under load: " + e;
            results.failures.add(message);
            System.out.println("FAILED " + message);
        }
        try (ProxyFailureLoad proxy = ProxyFailureLoad.start()) {
            for (LoadDriver.Outcome outcome : LoadDriver.run(proxy.groups(clients), settings.loadWarmupMillis(),
                    settings.loadMillis())) {
                results.proxyFailures.add(outcome);
                printLoad("proxy under upstream failures", outcome, results);
            }
        } catch (Exception e) {
            String message = "the proxy under upstream failures: " + e;
            results.failures.add(message);
            System.out.println("FAILED " + message);
        }
        websocketFlood(settings, results);
    }

    /** The WebSocket endpoint's good clients while others flood it (an eighth as many as the good ones, 1 at least). */
    private static void websocketFlood(BenchSettings settings, Results results) {
        results.heapBeforeFlood = WebSocketFloodLoad.heapAfterFullGc();
        try (WebSocketFloodLoad flood = WebSocketFloodLoad.start()) {
            for (LoadDriver.Outcome outcome : LoadDriver.run(flood.groups(settings.loadClients(),
                    Math.max(1, settings.loadClients() / 8)), settings.loadWarmupMillis(), settings.loadMillis())) {
                results.websocketFlood.add(outcome);
                printLoad("WebSocket under a flood", outcome, results);
            }
            results.floodStats = flood.stats();
            System.out.println("WebSocket under a flood: " + results.floodStats);
        } catch (Exception e) {
            String message = "the WebSocket endpoint under a flood: " + e;
            results.failures.add(message);
            System.out.println("FAILED " + message);
        }
        results.heapAfterFlood = WebSocketFloodLoad.heapAfterFullGc();
        System.out.printf("WebSocket under a flood: heap after a full GC %,d bytes before, %,d after%n",
                results.heapBeforeFlood, results.heapAfterFlood);
    }

    private static void printLoad(String what, LoadDriver.Outcome outcome, Results results) {
        System.out.printf("%s, %s: %d in %.1f s (%s/s), %d errors, %s, p50 %.0f µs, p99 %.0f µs, max %.0f µs%n",
                what, outcome.title(), outcome.requests(), outcome.seconds(), Report.rate(outcome.perSecond()),
                outcome.errors(), outcome.byLabel(), outcome.p50Micros(), outcome.p99Micros(), outcome.maxMicros());
        if (outcome.errors() > 0) {
            String message = what + ", " + outcome.title() + ": " + outcome.errors() + " errors, such as "
                    + String.join("; ", outcome.errorMessages());
            results.failures.add(message);
            System.out.println("FAILED " + message);
        }
    }

    /** {@code teavm=MS} and {@code gwt=MS} lines of the file scripts/bench.sh writes. */
    static Map<String, Long> readBuildTimes(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        Map<String, Long> times = new LinkedHashMap<>();
        for (String compiler : new String[] {"teavm", "gwt"}) {
            String value = p.getProperty(compiler);
            if (value != null) {
                times.put(compiler, Long.parseLong(value.trim()));
            }
        }
        return times;
    }

    private void run() {
        String host = demo.baseUrl(Site.DOMAIN1).toString();
        Duration bound = Duration.ofMillis(settings.warmupMillis() + settings.millis()).plus(SLACK);
        for (int run = 1; run <= settings.runs(); run++) {
            for (RoundTripCase c : RoundTripCase.all()) {
                if (run > c.runs(settings.runs()) || c.via().peer() && !peers) {
                    continue;
                }
                String url = page(host, "roundtrips") + c.query() + "&warmup=" + settings.warmupMillis()
                        + "&millis=" + settings.millis();
                Map<?, ?> result = measure("run " + run + "/" + settings.runs() + "  " + c, url, bound);
                if (result != null) {
                    double perSecond = number(result, "perSecond");
                    results.roundTrips.get(c).add(perSecond);
                    System.out.printf("%s: %s round trips/s (%d in %.0f ms)%n", c, Report.rate(perSecond),
                            (long) number(result, "count"), number(result, "millis"));
                }
            }
        }
        for (int run = 0; run <= settings.runs(); run++) {
            // Run 0 warms the HTTP cache and the browser's processes; it is not counted.
            Map<?, ?> kuayu = measure("connect, kuayu, run " + run, page(host, "connect") + "via=kuayu", CONNECT_BOUND);
            Map<?, ?> raw = measure("connect, raw, run " + run, page(host, "connect") + "via=port", CONNECT_BOUND);
            if (run > 0 && kuayu != null) {
                results.readyMillis.get(Results.ReadyTime.KUAYU).add(number(kuayu, "readyMillis"));
            }
            if (run > 0 && raw != null) {
                results.readyMillis.get(Results.ReadyTime.RAW_LOAD).add(number(raw, "loadMillis"));
                results.readyMillis.get(Results.ReadyTime.RAW_PORT).add(number(raw, "readyMillis"));
            }
            if (kuayu != null && raw != null) {
                System.out.printf("time to ready, run %d%s: kuayu %.1f ms, raw %.1f ms (load %.1f ms)%n", run,
                        run == 0 ? " (not counted)" : "", number(kuayu, "readyMillis"), number(raw, "readyMillis"),
                        number(raw, "loadMillis"));
            }
            for (Results.ReadyTime peer : Results.ReadyTime.values()) {
                if (peer.via == null || !peers) {
                    continue;
                }
                Map<?, ?> ready = measure("connect, " + peer.via + ", run " + run,
                        page(host, "connect") + "via=" + peer.via, CONNECT_BOUND);
                if (run > 0 && ready != null) {
                    results.readyMillis.get(peer).add(number(ready, "readyMillis"));
                }
                if (ready != null) {
                    System.out.printf("time to ready, run %d: %s %.1f ms%n", run, peer.via, number(ready, "readyMillis"));
                }
            }
        }
        transfers(host);
        jsonp(host, bound);
    }

    /** One 100 KB request over window.name and over location.hash, Kuayu against easyXDM, at most 3 runs. */
    private void transfers(String host) {
        for (int run = 1; run <= Math.min(settings.runs(), TransferCase.MAX_RUNS); run++) {
            for (TransferCase c : TransferCase.all()) {
                if (c.unavailable() != null || c.via().peer() && !peers) {
                    continue;
                }
                Map<?, ?> result = measure("run " + run + "  " + c, page(host, "transfer") + c.query(),
                        TRANSFER_BOUND);
                if (result != null) {
                    results.transferMillis.get(c).add(number(result, "millis"));
                    System.out.printf("%s: %.0f ms%n", c, number(result, "millis"));
                }
            }
        }
    }

    /** Sequential JSONP calls of domain2's echo endpoint: kuayu.jsonp against fetch-jsonp. */
    private void jsonp(String host, Duration bound) {
        for (int run = 1; run <= settings.runs(); run++) {
            for (JsonpClient client : JsonpClient.values()) {
                if (client.peer && !peers) {
                    continue;
                }
                Map<?, ?> result = measure("run " + run + "  JSONP " + client.query, page(host, "jsonp") + "via="
                        + client.query + "&warmup=" + settings.warmupMillis() + "&millis=" + settings.millis(), bound);
                if (result != null) {
                    results.jsonpPerSecond.get(client).add(number(result, "perSecond"));
                    results.jsonpCallMillis.get(client).add(number(result, "medianMillis"));
                    System.out.printf("JSONP %s: %s calls/s, median %.2f ms%n", client.query,
                            Report.rate(number(result, "perSecond")), number(result, "medianMillis"));
                }
            }
        }
    }

    /** The loopback load on a JSON handler without and with JsonpHandler, interleaved runs. */
    private void serverLoad() {
        try (JsonpServerLoad load = JsonpServerLoad.start()) {
            // Run 0, not counted: the JIT compiles the server's and the client's code of both endpoints first.
            for (JsonpServerLoad.Endpoint endpoint : JsonpServerLoad.Endpoint.values()) {
                load.run(endpoint, settings.warmupMillis(), settings.millis());
            }
            for (int run = 1; run <= settings.runs(); run++) {
                for (JsonpServerLoad.Endpoint endpoint : JsonpServerLoad.Endpoint.values()) {
                    JsonpServerLoad.Outcome outcome = load.run(endpoint, settings.warmupMillis(), settings.millis());
                    results.serverLoad.get(endpoint).add(outcome);
                    System.out.printf("server load, run %d, %s: %s requests/s, p50 %.0f µs, p99 %.0f µs%n", run,
                            endpoint, Report.rate(outcome.perSecond()), outcome.p50Micros(), outcome.p99Micros());
                }
            }
        } catch (Exception e) {
            String message = "the JSONP server load: " + e;
            results.failures.add(message);
            System.out.println("FAILED " + message);
        }
    }

    /**
     * Loads one bench page; null (and a line in the report) if it failed, or if too many failed in a row before
     * (then nothing is loaded any more).
     */
    private Map<?, ?> measure(String what, String url, Duration bound) {
        if (failuresInARow >= FAILURES_IN_A_ROW) {
            return null;
        }
        try {
            Map<?, ?> result = browser.run(url, bound);
            failuresInARow = 0;
            return result;
        } catch (BenchBrowser.BenchFailure | org.openqa.selenium.WebDriverException e) {
            String message = what + ": " + e.getMessage().lines().findFirst().orElse("");
            results.failures.add(message);
            System.out.println("FAILED " + message);
            if (++failuresInARow == FAILURES_IN_A_ROW) {
                results.failures.add("stopped after " + FAILURES_IN_A_ROW + " failures in a row; the rest was not"
                        + " measured");
                System.out.println("FAILED " + FAILURES_IN_A_ROW + " times in a row: the rest is not measured");
            }
            return null;
        }
    }

    /** The bench page's URL for one measurement, ready for its other parameters: {@code ...&}. */
    private static String page(String host, String measure) {
        return host + "/bench/run.html?measure=" + measure + "&";
    }

    private static double number(Map<?, ?> result, String key) {
        return ((Number) result.get(key)).doubleValue();
    }

    private static void write(Path out, String text) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, text);
    }
}
