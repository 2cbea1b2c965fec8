package org.kuayu.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A short run of each JSONP server endpoint: every answer checked (a wrong one fails the run), some counted. */
class JsonpServerLoadTest {

    @Test
    void bothEndpointsAnswerEveryRequestRight() throws Exception {
        try (JsonpServerLoad load = JsonpServerLoad.start()) {
            for (JsonpServerLoad.Endpoint endpoint : JsonpServerLoad.Endpoint.values()) {
                JsonpServerLoad.Outcome outcome = load.run(endpoint, 50, 200);
                assertTrue(outcome.requests() > 0, endpoint + ": " + outcome);
                assertTrue(outcome.p99Micros() >= outcome.p50Micros(), endpoint + ": " + outcome);
            }
        }
    }
}
