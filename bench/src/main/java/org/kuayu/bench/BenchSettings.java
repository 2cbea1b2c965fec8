package org.kuayu.bench;

import java.nio.file.Path;

/**
 * How long and how often each measurement runs, where the report goes and where the peers are. Defaults: 5 runs,
 * 500 ms warm-up and 1,000 ms measured per run, {@code docs/benchmarks.md} and the peers in
 * {@value #DEFAULT_PEERS} under the working directory. They keep the whole
 * bench under about four minutes on two cores.
 *
 * <pre>{@code
 * BenchSettings.parse("--runs=3", "--millis=2000", "--out=/tmp/benchmarks.md")
 * }</pre>
 */
record BenchSettings(int runs, int warmupMillis, int millis, Path out, Path buildTimes, Path peers) {

    /** Where scripts/bench.sh installs the peers with npm: {@value}. */
    static final String DEFAULT_PEERS = "bench/.peers/node_modules";

    static final String USAGE = "Usage: Benchmarks [--runs=N] [--warmup=MS] [--millis=MS] [--out=FILE]"
            + " [--build-times=FILE] [--peers=DIR]\n"
            + "  defaults: --runs=5 --warmup=500 --millis=1000 --out=docs/benchmarks.md --peers=" + DEFAULT_PEERS
            + "; no build times\n"
            + "  --peers: the node_modules folder holding penpal, easyxdm, post-robot and fetch-jsonp\n"
            + "  --build-times: a properties file of compile times in ms (teavm=..., gwt=...), as scripts/bench.sh"
            + " writes it";

    BenchSettings {
        if (runs < 1 || warmupMillis < 0 || millis < 1) {
            throw new IllegalArgumentException("runs and millis must be at least 1 and warmup at least 0; got runs="
                    + runs + " warmup=" + warmupMillis + " millis=" + millis);
        }
    }

    /**
     * Reads {@code --runs=N --warmup=MS --millis=MS --out=FILE --build-times=FILE --peers=DIR}; anything else is
     * refused.
     * {@code buildTimes} is null when not given.
     */
    static BenchSettings parse(String... args) {
        int runs = 5;
        int warmup = 500;
        int millis = 1000;
        Path out = Path.of("docs", "benchmarks.md");
        Path buildTimes = null;
        Path peers = Path.of(DEFAULT_PEERS);
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
                default -> throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        return new BenchSettings(runs, warmup, millis, out, buildTimes, peers);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, like " + name + "=3; got " + value);
        }
    }
}
