package org.kuayu.bench;

import java.nio.file.Path;

/**
 * How long and how often each measurement runs, where the report goes and where the peers are. Defaults: 5 runs,
 * 500 ms warm-up and 1,000 ms measured per run, {@code docs/benchmarks.md} and the peers in
 * {@value #DEFAULT_PEERS} under the working directory; the server endpoints under load with
 * {@value #DEFAULT_LOAD_CLIENTS} clients, {@value #DEFAULT_LOAD_WARMUP_MILLIS} ms of warm-up and
 * {@value #DEFAULT_LOAD_MILLIS} ms measured each. {@code --only=load} measures only those (no browser), for
 * working on them.
 *
 * <pre>{@code
 * BenchSettings.parse("--runs=3", "--millis=2000", "--out=/tmp/benchmarks.md")
 * BenchSettings.parse("--only=load", "--load-clients=16", "--load-millis=5000", "--out=/tmp/load.md")
 * }</pre>
 */
record BenchSettings(int runs, int warmupMillis, int millis, Path out, Path buildTimes, Path peers, int loadClients,
                     int loadWarmupMillis, int loadMillis, boolean onlyLoad) {

    static final int DEFAULT_LOAD_CLIENTS = 64;
    static final int DEFAULT_LOAD_WARMUP_MILLIS = 3000;
    static final int DEFAULT_LOAD_MILLIS = 30_000;

    /** Where scripts/bench.sh installs the peers with npm: {@value}. */
    static final String DEFAULT_PEERS = "bench/.peers/node_modules";

    static final String USAGE = "Usage: Benchmarks [--runs=N] [--warmup=MS] [--millis=MS] [--out=FILE]"
            + " [--build-times=FILE] [--peers=DIR] [--load-clients=N] [--load-warmup=MS] [--load-millis=MS]"
            + " [--only=load]\n"
            + "  defaults: --runs=5 --warmup=500 --millis=1000 --out=docs/benchmarks.md --peers=" + DEFAULT_PEERS
            + " --load-clients=" + DEFAULT_LOAD_CLIENTS + " --load-warmup=" + DEFAULT_LOAD_WARMUP_MILLIS
            + " --load-millis=" + DEFAULT_LOAD_MILLIS + "; no build times\n"
            + "  --load-*: the server endpoints under load, one endpoint after the other (clients, warm-up, measured)\n"
            + "  --only=load: only the server endpoints under load, no browser (--out keeps docs/benchmarks.md)\n"
            + "  --peers: the node_modules folder holding penpal, easyxdm, post-robot and fetch-jsonp\n"
            + "  --build-times: a properties file of compile times in ms (teavm=..., gwt=...), as scripts/bench.sh"
            + " writes it";

    BenchSettings {
        if (runs < 1 || warmupMillis < 0 || millis < 1) {
            throw new IllegalArgumentException("runs and millis must be at least 1 and warmup at least 0; got runs="
                    + runs + " warmup=" + warmupMillis + " millis=" + millis);
        }
        if (loadClients < 1 || loadClients > 1000 || loadWarmupMillis < 0 || loadMillis < 1) {
            throw new IllegalArgumentException("load-clients must be 1 to 1000, load-millis at least 1 and load-warmup"
                    + " at least 0; got load-clients=" + loadClients + " load-warmup=" + loadWarmupMillis
                    + " load-millis=" + loadMillis);
        }
    }

    /**
     * Reads {@code --runs=N --warmup=MS --millis=MS --out=FILE --build-times=FILE --peers=DIR --load-clients=N
     * --load-warmup=MS --load-millis=MS --only=load}; anything else is refused.
     * {@code buildTimes} is null when not given.
     */
    static BenchSettings parse(String... args) {
        int runs = 5;
        int warmup = 500;
        int millis = 1000;
        Path out = Path.of("docs", "benchmarks.md");
        Path buildTimes = null;
        Path peers = Path.of(DEFAULT_PEERS);
        int loadClients = DEFAULT_LOAD_CLIENTS;
        int loadWarmup = DEFAULT_LOAD_WARMUP_MILLIS;
        int loadMillis = DEFAULT_LOAD_MILLIS;
        boolean onlyLoad = false;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals < 0 ? "" : arg.substring(equals + 1);
            switch (name) {
                case "--runs" -> runs = number(name, value);
                case "--warmup" -> warmup = number(name, value);
                case "--millis" -> millis = number(name, value);
                case "--out" -> out = Path.of(value);
                case "--build-times" -> buildTimes = Path.of(value);
                case "--peers" -> peers = Path.of(value);
                case "--load-clients" -> loadClients = number(name, value);
                case "--load-warmup" -> loadWarmup = number(name, value);
                case "--load-millis" -> loadMillis = number(name, value);
                case "--only" -> {
                    if (!value.equals("load")) {
                        throw new IllegalArgumentException("--only takes one part: --only=load; got " + arg);
                    }
                    onlyLoad = true;
                }
                default -> throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        return new BenchSettings(runs, warmup, millis, out, buildTimes, peers, loadClients, loadWarmup, loadMillis,
                onlyLoad);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, like " + name + "=3; got " + value);
        }
    }
}
