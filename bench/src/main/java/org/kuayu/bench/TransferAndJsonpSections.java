package org.kuayu.bench;

import java.util.List;
import java.util.Map;

/**
 * The sections of {@link Report} for the forced-transport transfers and for JSONP (the browser clients and the
 * server's handler under load), and their rows of "Every run". Kept apart so that {@link Report} stays the round
 * trips, the ready times, the sizes and the targets.
 */
final class TransferAndJsonpSections {

    private TransferAndJsonpSections() {
    }

    /** 100 KB over window.name and location.hash: Kuayu against easyXDM, with the ratio. */
    static void transfers(StringBuilder md, Results results) {
        md.append("## 100 KB over window.name and over location.hash\n\nOne request of ")
          .append(Report.bytes(TransferCase.SIZE)).append(" (UTF-8, ASCII and CJK mixed) there and back with the"
                  + " transport forced on both sides; median time, lower is better.\n\n")
          .append("| transport | Kuayu | easyXDM 2.4.19 | Kuayu / easyXDM |\n|---|--:|--:|--:|\n");
        for (String transport : new String[] {"name", "hash"}) {
            TransferCase kuayu = find(results, Via.KUAYU, transport);
            TransferCase easyXdm = find(results, Via.EASYXDM, transport);
            double k = Results.median(results.transferMillis.get(kuayu));
            double e = Results.median(results.transferMillis.get(easyXdm));
            md.append("| ").append(kuayu.transportTitle()).append(" | ").append(Report.millis(k)).append(" | ")
              .append(easyXdm.unavailable() != null ? "not measured (below)" : Report.millis(e)).append(" | ")
              .append(Report.ratio(k / e)).append(" |\n");
        }
        md.append("\nA – is a case of which no run finished: Failures (at the end) says what happened.\n\n");
        for (TransferCase c : TransferCase.all()) {
            if (c.unavailable() != null) {
                md.append("- ").append(c.via().title()).append(" over ").append(c.transportTitle()).append(": ")
                  .append(c.unavailable()).append(".\n");
            }
        }
        md.append("- easyXDM over location.hash is its `HashTransport` (protocol \"0\", with ReliableBehavior and"
                + " QueueBehavior, its defaults: fragments of under 4,000 URL characters, polled every 100 ms), whose"
                + " host side needs only an empty page of the host's site (`bench/blank.html`, its `local`"
                + " option).\n\n");
    }

    private static TransferCase find(Results results, Via via, String transport) {
        return results.transferMillis.keySet().stream()
                .filter(c -> c.via() == via && c.transport().equals(transport)).findFirst().orElseThrow();
    }

    /** The browser clients, then the server's handler with and without JSONP. */
    static void jsonp(StringBuilder md, Results results, BenchSettings settings) {
        md.append("## JSONP\n\nSequential calls of domain2's echo endpoint from domain1's page, one at a time; median of ")
          .append(settings.runs()).append(" runs.\n\n")
          .append("| client | calls per second | time per call (median) |\n|---|--:|--:|\n");
        for (JsonpClient client : JsonpClient.values()) {
            md.append("| ").append(client.title).append(" | ")
              .append(Report.rate(Results.median(results.jsonpPerSecond.get(client)))).append(" | ")
              .append(Report.millis(Results.median(results.jsonpCallMillis.get(client)))).append(" |\n");
        }
        double kuayu = Results.median(results.jsonpPerSecond.get(JsonpClient.KUAYU));
        double fetchJsonp = Results.median(results.jsonpPerSecond.get(JsonpClient.FETCH_JSONP));
        md.append("\n`kuayu.jsonp` / fetch-jsonp, calls per second: ").append(Report.ratio(kuayu / fetchJsonp))
          .append(" (higher is better).\n\nThe server side: ").append(JsonpServerLoad.CLIENTS)
          .append(" loopback clients for ").append(settings.millis()).append(" ms after ").append(settings.warmupMillis())
          .append(" ms of warm-up, each run; medians of ").append(settings.runs()).append(" runs.\n\n")
          .append("| endpoint | requests per second | p50 | p99 |\n|---|--:|--:|--:|\n");
        for (JsonpServerLoad.Endpoint endpoint : JsonpServerLoad.Endpoint.values()) {
            List<JsonpServerLoad.Outcome> runs = results.serverLoad.get(endpoint);
            md.append("| ").append(endpoint.title).append(" (`").append(endpoint.path).append("`) | ")
              .append(Report.rate(median(runs, JsonpServerLoad.Outcome::perSecond))).append(" | ")
              .append(micros(median(runs, JsonpServerLoad.Outcome::p50Micros))).append(" | ")
              .append(micros(median(runs, JsonpServerLoad.Outcome::p99Micros))).append(" |\n");
        }
        double with = median(results.serverLoad.get(JsonpServerLoad.Endpoint.JSONP), JsonpServerLoad.Outcome::perSecond);
        double without = median(results.serverLoad.get(JsonpServerLoad.Endpoint.PLAIN),
                JsonpServerLoad.Outcome::perSecond);
        md.append("\nWith `JsonpHandler` / without, requests per second: ").append(Report.ratio(with / without))
          .append(" (the client threads share the two cores with the server: the ratio, not the absolute rate, is"
                  + " the handler's cost).\n\n");
    }

    /** The rows of "Every run" for these measurements. */
    static void everyRun(StringBuilder md, Results results) {
        for (Map.Entry<TransferCase, List<Double>> entry : results.transferMillis.entrySet()) {
            if (entry.getKey().unavailable() == null) {
                md.append("| ").append(entry.getKey()).append(" (ms) | ").append(Report.list(entry.getValue(), true))
                  .append(" |\n");
            }
        }
        for (JsonpClient client : JsonpClient.values()) {
            md.append("| JSONP, ").append(client.title).append(" (calls/s) | ")
              .append(Report.list(results.jsonpPerSecond.get(client), false)).append(" |\n");
        }
        for (JsonpServerLoad.Endpoint endpoint : JsonpServerLoad.Endpoint.values()) {
            md.append("| server load, ").append(endpoint.title).append(" (requests/s) | ")
              .append(Report.list(results.serverLoad.get(endpoint).stream()
                      .map(JsonpServerLoad.Outcome::perSecond).toList(), false)).append(" |\n");
        }
    }

    private static double median(List<JsonpServerLoad.Outcome> runs,
                                 java.util.function.ToDoubleFunction<JsonpServerLoad.Outcome> value) {
        return Results.median(runs.stream().map(value::applyAsDouble).toList());
    }

    private static String micros(double micros) {
        return Double.isNaN(micros) ? "–" : Report.decimal("#,##0", micros) + " µs";
    }
}
