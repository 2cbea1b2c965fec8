package org.kuayu.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A short run of each JSONP server endpoint: every answer checked (a wrong one fails the run), some counted. The
 * warm-up is long enough for a cold JVM's first calls (with 50 ms most of them fell into the counted window's start
 * and none finished inside a 200 ms window: no request was counted in 3 of 4 quiet runs).
 */
class JsonpServerLoadTest {

    @Test
    void bothEndpointsAnswerEveryRequestRight() throws Exception {
        try (JsonpServerLoad load = JsonpServerLoad.start()) {
            for (JsonpServerLoad.Endpoint endpoint : JsonpServerLoad.Endpoint.values()) {
                JsonpServerLoad.Outcome outcome = load.run(endpoint, 1000, 1000);
                assertTrue(outcome.requests() > 0, endpoint + ": " + outcome);
                assertTrue(outcome.p99Micros() >= outcome.p50Micros(), endpoint + ": " + outcome);
            }
        }
    }
}
