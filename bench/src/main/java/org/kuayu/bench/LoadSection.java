package org.kuayu.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The "Server endpoints under load" section of {@link Report}: the demo server's endpoints ({@link ServerLoad})
 * and the proxy while its upstream fails ({@link ProxyFailureLoad}), one table each, and the bullet of "What is
 * measured, and how" that says how. Any error is in its row and listed under the table as a failure: a load
 * section with errors shows it, it never averages them away.
 */
final class LoadSection {

    private LoadSection() {
    }

    /** The bullet of "What is measured, and how". */
    static void method(StringBuilder md, BenchSettings settings) {
        md.append("- **Server endpoints under load.** The demo server on free loopback ports, without a browser: ")
          .append(settings.loadClients()).append(" Java clients at once (the JDK's `HttpClient` and `WebSocket`,"
                  + " HTTP/1.1, kept-alive connections to the loopback ports, the site's name in `Host`), each one"
                  + " request or one WebSocket round trip at a time, for ")
          .append(Report.decimal("#,##0", settings.loadWarmupMillis())).append(" ms of warm-up (not counted) and ")
          .append(Report.decimal("#,##0", settings.loadMillis())).append(" ms measured, one endpoint after the"
                  + " other (`org.kuayu.bench.ServerLoad`): domain2's JSONP echo, its CORS API with domain1's"
                  + " `Origin` (a credentialed GET, the preflight `OPTIONS` of a PUT with `X-Custom-Header`, the"
                  + " PUT), domain2's login through the `proxy` site (the `ReverseProxyHandler`; both cookies must"
                  + " come back with domain1's host) and domain2's raw chat WebSocket (one socket per client,"
                  + " `hello: ` + each text). Every answer is checked in full (status, `Access-Control-Allow-Origin`"
                  + " and `-Credentials`, cookies, body; each request carries its client's and its own number); a"
                  + " wrong or missing answer is an error, and any error fails the section. Then the proxy while its"
                  + " upstream fails (`org.kuayu.bench.ProxyFailureLoad`, the bench's own servers: the demo has no"
                  + " failing upstream): three quarters of the clients send good requests through one"
                  + " `ReverseProxyHandler` (timeout ").append(ProxyFailureLoad.TIMEOUT_MILLIS).append(" ms) while"
                  + " the others, at the same time, hit an upstream path that hangs past the timeout, one that"
                  + " answers 500, one that resets the connection, and a second route whose upstream port is"
                  + " closed; each must get its one clean answer. Then a `KuayuWebSocketHandler` at its default"
                  + " bounds (`org.kuayu.bench.WebSocketFloodLoad`, the bench's own endpoint answering as the demo's"
                  + " chat): the clients do chat round trips while an eighth as many, at the same time, send "
                  + WebSocketFloodLoad.FLOOD_BYTES / 1024 + " KiB messages and never read, reconnecting whenever the"
                  + " server closes them; the endpoint's own accounting and the heap after a full collection at the"
                  + " end are reported. Percentiles are nearest-rank over every counted request.\n");
    }

    /** Both tables, or nothing when neither ran. */
    static void section(StringBuilder md, Results results, BenchSettings settings) {
        if (results.endpointLoad.isEmpty() && results.proxyFailures.isEmpty() && results.websocketFlood.isEmpty()) {
            return;
        }
        md.append("## Server endpoints under load\n\n").append(settings.loadClients())
          .append(" loopback clients per endpoint, one request at a time each, after ")
          .append(Report.decimal("#,##0", settings.loadWarmupMillis())).append(" ms of warm-up; one run. The clients"
                  + " share the two cores with the server: the rates are this machine's whole, not the server's"
                  + " alone.\n\n")
          .append("| endpoint | request | clients | duration | requests | errors | requests/s | p50 | p99 | max |\n")
          .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (LoadDriver.Outcome row : results.endpointLoad) {
            md.append("| ").append(row.title()).append(" | `").append(row.target()).append("` | ")
              .append(row.clients()).append(" | ").append(Report.decimal("0.0", row.seconds())).append(" s | ")
              .append(Report.decimal("#,##0", row.requests())).append(" | ").append(errors(row)).append(" | ")
              .append(Report.rate(row.perSecond())).append(" | ").append(millis(row.p50Micros())).append(" | ")
              .append(millis(row.p99Micros())).append(" | ").append(millis(row.maxMicros())).append(" |\n");
        }
        errorList(md, results.endpointLoad);
        floodSection(md, results, settings);
        if (results.proxyFailures.isEmpty()) {
            return;
        }
        md.append("### The proxy while its upstream fails\n\nAll rows at once, through one proxy server, for ")
          .append(Report.decimal("#,##0", settings.loadMillis())).append(" ms after the warm-up. An error is an"
                  + " answer other than the row's expected one (or none).\n\n")
          .append("| clients doing | request | clients | requests | answers by status | errors | requests/s | p50"
                  + " | p99 | max |\n")
          .append("|---|---|--:|--:|---|--:|--:|--:|--:|--:|\n");
        for (LoadDriver.Outcome row : results.proxyFailures) {
            md.append("| ").append(row.title()).append(" | `").append(row.target()).append("` | ")
              .append(row.clients()).append(" | ").append(Report.decimal("#,##0", row.requests()))
              .append(" | ").append(byStatus(row.byLabel())).append(" | ").append(errors(row)).append(" | ")
              .append(Report.rate(row.perSecond())).append(" | ").append(millis(row.p50Micros())).append(" | ")
              .append(millis(row.p99Micros())).append(" | ").append(millis(row.maxMicros())).append(" |\n");
        }
        LoadDriver.Outcome good = results.proxyFailures.get(0);
        long failingRequests = results.proxyFailures.stream().skip(1).mapToLong(LoadDriver.Outcome::requests).sum();
        md.append("\nThe good requests, while ").append(Report.decimal("#,##0", failingRequests))
          .append(" failing ones went through the same proxy: ").append(good.errors()).append(" errors, p99 ")
          .append(millis(good.p99Micros())).append(".\n");
        errorList(md, results.proxyFailures);
        md.append('\n');
    }

    /** The good WebSocket clients while others flood the same endpoint, and what the endpoint did about it. */
    private static void floodSection(StringBuilder md, Results results, BenchSettings settings) {
        if (results.websocketFlood.isEmpty()) {
            return;
        }
        md.append("### WebSocket: good clients while others flood\n\nBoth rows at once, one endpoint at its default"
                  + " bounds, for ").append(Report.decimal("#,##0", settings.loadMillis()))
          .append(" ms after the warm-up.\n\n")
          .append("| clients doing | request | clients | requests | calls by outcome | errors | requests/s | p50"
                  + " | p99 | max |\n")
          .append("|---|---|--:|--:|---|--:|--:|--:|--:|--:|\n");
        for (LoadDriver.Outcome row : results.websocketFlood) {
            md.append("| ").append(row.title()).append(" | `").append(row.target()).append("` | ")
              .append(row.clients()).append(" | ").append(Report.decimal("#,##0", row.requests()))
              .append(" | ").append(byStatus(row.byLabel())).append(" | ").append(errors(row)).append(" | ")
              .append(Report.rate(row.perSecond())).append(" | ").append(millis(row.p50Micros())).append(" | ")
              .append(millis(row.p99Micros())).append(" | ").append(millis(row.maxMicros())).append(" |\n");
        }
        if (results.floodStats != null) {
            md.append("\nThe endpoint closed ").append(Report.decimal("#,##0", results.floodStats.closedNotReading()))
              .append(" sessions for not reading (close code ").append(org.kuayu.server.KuayuWebSocketHandler.CLOSE_NOT_READING)
              .append("); the most bytes one session had queued: ")
              .append(Report.decimal("#,##0", results.floodStats.maxQueuedBytes())).append(" (bound ")
              .append(Report.decimal("#,##0", org.kuayu.server.KuayuWebSocketHandler.DEFAULT_MAX_QUEUED_BYTES)).append("). Heap in use"
                      + " after a full collection: ").append(Report.decimal("#,##0.0", results.heapBeforeFlood / 1048576.0))
              .append(" MiB before the flood, ").append(Report.decimal("#,##0.0", results.heapAfterFlood / 1048576.0))
              .append(" MiB after it (server and clients in one process).\n");
        }
        errorList(md, results.websocketFlood);
    }

    private static String byStatus(Map<String, Long> byLabel) {
        return byLabel.isEmpty() ? "–" : byLabel.entrySet().stream()
                .map(e -> e.getKey() + ": " + Report.decimal("#,##0", e.getValue())).collect(Collectors.joining(", "));
    }

    private static String errors(LoadDriver.Outcome row) {
        return row.errors() == 0 ? "0" : "**" + Report.decimal("#,##0", row.errors()) + " (failed)**";
    }

    private static void errorList(StringBuilder md, List<LoadDriver.Outcome> rows) {
        boolean any = false;
        for (LoadDriver.Outcome row : rows) {
            if (row.errors() == 0) {
                continue;
            }
            if (!any) {
                md.append("\n**FAILED**: these rows had errors (the first ").append(LoadDriver.KEPT_ERRORS)
                  .append(" different messages of each):\n\n");
                any = true;
            }
            md.append("- ").append(row.title()).append(": ").append(row.errors()).append(" errors; ")
              .append(row.errorMessages().stream().map(m -> "`" + m.replace("|", "\\|").replace("`", "'") + "`")
                      .collect(Collectors.joining("; "))).append('\n');
        }
        md.append('\n');
    }

    static String millis(double micros) {
        return Double.isNaN(micros) ? "–" : Report.decimal("#,##0.00", micros / 1000) + " ms";
    }
}
