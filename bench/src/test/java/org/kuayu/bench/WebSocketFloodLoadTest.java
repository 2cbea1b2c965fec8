package org.kuayu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.server.KuayuWebSocketHandler;
import org.kuayu.server.KuayuWebSocketStats;

/** A short run of the flood load: the good clients' every answer right, the flooders closed, the queue bounded. */
class WebSocketFloodLoadTest {

    @Test
    void goodClientsAreAnsweredWhileFloodersAreClosed() throws Exception {
        try (WebSocketFloodLoad flood = WebSocketFloodLoad.start()) {
            List<LoadDriver.Outcome> rows = LoadDriver.run(flood.groups(4, 2), 100, 1500);
            LoadDriver.Outcome good = rows.get(0);
            assertEquals(0, good.errors(), good.errorMessages().toString());
            assertTrue(good.requests() > 0, good.toString());
            assertEquals(0, rows.get(1).errors(), rows.get(1).errorMessages().toString());
            KuayuWebSocketStats stats = flood.stats();
            assertTrue(stats.maxQueuedBytes() <= KuayuWebSocketHandler.DEFAULT_MAX_QUEUED_BYTES, stats.toString());
        }
    }
}
