package org.kuayu.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one load driver of the bench's server measurements: groups of client threads, each client doing one
 * {@link Call} after the other (one in flight per client, as a page or a user does) for a warm-up and then for a
 * measured time, every answer checked by the call itself. A call returns the label it is counted under (an HTTP
 * status, {@code "answer"}); one that throws is an error, counted and its message kept (the first
 * {@value #KEPT_ERRORS} of each group), and the client goes on. Used for the demo server's endpoints
 * ({@link ServerLoad}) and for the proxy whose upstream fails ({@link ProxyFailureLoad}).
 *
 * <pre>{@code
 * List<LoadDriver.Outcome> outcomes = LoadDriver.run(List.of(
 *     new LoadDriver.Group("JSONP", "/test/jsonp/echo", 64, client -> n -> check(get(...)))), 3000, 30000);
 * }</pre>
 */
final class LoadDriver {

    /** How many error messages of a group are kept for the report. */
    static final int KEPT_ERRORS = 5;

    private LoadDriver() {
    }

    /** One client's work: the {@code n}th call (from 0); returns what it counts as, throws when the answer is wrong. */
    interface Call extends AutoCloseable {
        String call(long n) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Makes the call of one client (by its index in the group); may open a connection it keeps. */
    interface Client {
        Call open(int client) throws Exception;
    }

    /** Clients that do the same kind of call, reported as one row. */
    record Group(String title, String target, int clients, Client client) {
    }

    /**
     * One group's measured part: calls finished, errors (with the first messages), calls by label, the rate over
     * the measured time (until the group's last call ended) and the latency percentiles in microseconds (of every
     * call, errors included).
     */
    record Outcome(String title, String target, int clients, double seconds, long requests, long errors,
                   List<String> errorMessages, Map<String, Long> byLabel, double perSecond, double p50Micros,
                   double p99Micros, double maxMicros) {
    }

    /**
     * Runs the groups at once: every client opens its call, all load for {@code warmupMillis} (not counted), then
     * for {@code millis} (counted); a call running at the end is waited for and counted.
     */
    static List<Outcome> run(List<Group> groups, int warmupMillis, int millis) throws Exception {
        int total = groups.stream().mapToInt(Group::clients).sum();
        ExecutorService threads = Executors.newFixedThreadPool(total);
        try {
            List<Call> calls = open(groups, threads);
            long measuredFrom = System.nanoTime() + warmupMillis * 1_000_000L;
            long end = measuredFrom + millis * 1_000_000L;
            List<Future<ClientRecord>> clients = new ArrayList<>();
            for (Call call : calls) {
                clients.add(threads.submit(() -> load(call, measuredFrom, end)));
            }
            List<ClientRecord> records = new ArrayList<>();
            for (Future<ClientRecord> client : clients) {
                records.add(client.get());
            }
            for (Call call : calls) {
                call.close();
            }
            List<Outcome> outcomes = new ArrayList<>();
            int first = 0;
            for (Group group : groups) {
                List<ClientRecord> own = records.subList(first, first + group.clients());
                long finished = own.stream().mapToLong(r -> r.finished).max().orElse(end);
                outcomes.add(outcome(group, own, (finished - measuredFrom) / 1e9));
                first += group.clients();
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Every client's call, opened on its own thread (as many at once as there are clients). */
    private static List<Call> open(List<Group> groups, ExecutorService threads) throws Exception {
        List<Future<Call>> opening = new ArrayList<>();
        for (Group group : groups) {
            for (int i = 0; i < group.clients(); i++) {
                int client = i;
                opening.add(threads.submit(() -> group.client().open(client)));
            }
        }
        List<Call> calls = new ArrayList<>();
        Exception failure = null;
        for (Future<Call> call : opening) {
            try {
                calls.add(call.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : new IllegalStateException("A load client could not start: "
                        + e.getCause(), e.getCause());
            }
        }
        if (failure != null) {
            for (Call call : calls) {
                call.close();
            }
            throw failure;
        }
        return calls;
    }

    private static ClientRecord load(Call call, long measuredFrom, long end) {
        ClientRecord record = new ClientRecord();
        for (long n = 0; ; n++) {
            long sent = System.nanoTime();
            if (sent >= end) {
                record.finished = sent;
                return record;
            }
            String label;
            String error = null;
            try {
                label = call.call(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                record.error(sent >= measuredFrom, System.nanoTime() - sent, "interrupted");
                record.finished = System.nanoTime();
                return record;
            } catch (Exception e) {
                label = null;
                error = e.toString();
            }
            long took = System.nanoTime() - sent;
            if (sent < measuredFrom) {
                continue;
            }
            if (error != null) {
                record.error(true, took, error);
            } else {
                record.answer(label, took);
            }
        }
    }

    private static Outcome outcome(Group group, List<ClientRecord> records, double seconds) {
        long[] all = records.stream().flatMapToLong(r -> Arrays.stream(r.times, 0, r.count)).sorted().toArray();
        long errors = records.stream().mapToLong(r -> r.errors).sum();
        Map<String, Long> byLabel = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        for (ClientRecord record : records) {
            record.byLabel.forEach((label, count) -> byLabel.merge(label, count, Long::sum));
            for (String message : record.messages) {
                if (messages.size() < KEPT_ERRORS && !messages.contains(message)) {
                    messages.add(message);
                }
            }
        }
        return new Outcome(group.title(), group.target(), group.clients(), seconds, all.length, errors, messages,
                byLabel, all.length / seconds, percentile(all, 0.50) / 1000.0,
                percentile(all, 0.99) / 1000.0,
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1000.0);
    }

    /** The nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** What one client measured: the time of each counted call, and its labels and errors. */
    private static final class ClientRecord {
        long[] times = new long[1024];
        int count;
        long errors;
        /** When its last call ended: a group's measured time runs until its last client's. */
        long finished;
        final Map<String, Long> byLabel = new TreeMap<>();
        final List<String> messages = new ArrayList<>();

        void answer(String label, long nanos) {
            time(nanos);
            byLabel.merge(label, 1L, Long::sum);
        }

        void error(boolean counted, long nanos, String message) {
            if (!counted) {
                return;
            }
            time(nanos);
            errors++;
            if (messages.size() < KEPT_ERRORS && !messages.contains(message)) {
                messages.add(message);
            }
        }

        private void time(long nanos) {
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = nanos;
        }
    }
}
