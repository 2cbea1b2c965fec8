package org.kuayu.iframe.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.DebugLog;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

/** The pace of {@link HashWriter}, on the simulated browser's virtual clock. */
class HashWriterTest {
    private final SimBrowser browser = new SimBrowser(4);
    private final SimWindow page = browser.open("http://host.test/");
    private final List<String> urls = new ArrayList<String>();
    private final List<Long> times = new ArrayList<Long>();
    private final List<String> lines = new ArrayList<String>();
    private final HashWriter writer = new HashWriter(page, DebugLog.to(lines::add, ""), url -> {
        urls.add(url);
        times.add(browser.now());
        return true;
    });

    @Test
    void oneWriteAtOnceThenOneEveryGapAndEachDiffersFromTheOneBefore() {
        writer.write("p#", "kuayu1|a");
        writer.write("p#", "kuayu1|a");
        writer.write("p#", "kuayu1|b");
        writer.write("p#", "kuayu1|a");
        assertEquals(List.of("p#%6Buayu1|a"), urls, "the first at once");
        browser.runUntilIdle();
        assertEquals(List.of("p#%6Buayu1|a", "p#kuayu1|a", "p#%6Buayu1|b"), urls,
                "in order; a copy of a frame still waiting is dropped");
        assertEquals(List.of(0L, (long) HashWriter.GAP_MILLIS, 2L * HashWriter.GAP_MILLIS), times);
        writer.write("p#", "kuayu1|a");
        assertEquals("p#kuayu1|a", urls.get(3), "the same frame again is still a change");
    }

    @Test
    void neverMoreWritesInAWindowThanABrowserTakes() {
        for (int i = 0; i < 400; i++) {
            writer.write("p#", "kuayu1|" + i);
        }
        browser.runUntilIdle();
        assertEquals(400, urls.size());
        for (int i = HashWriter.WRITES_PER_WINDOW; i < times.size(); i++) {
            long span = times.get(i) - times.get(i - HashWriter.WRITES_PER_WINDOW);
            assertTrue(span >= HashWriter.WINDOW_MILLIS, "writes " + (i - HashWriter.WRITES_PER_WINDOW) + " to " + i
                    + " within " + span + " ms");
        }
        assertTrue(lines.get(0).contains("the next go at most 180 per 10500 ms"), lines.toString());
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        assertTrue(longest < 1000, "the budget is spread, not spent and then waited for: a gap of " + longest + " ms");
    }

    /**
     * Chained requests, each written once the one before it was (a request waits for its reply): for minutes on end,
     * none waits more than a small part of a request's timeout, and the browser's limit still holds.
     */
    @Test
    void sustainedTrafficSlowsDownSmoothlyInsteadOfStalling() {
        List<Long> asked = new ArrayList<Long>();
        HashWriter[] chained = new HashWriter[1];
        chained[0] = new HashWriter(page, DebugLog.to(lines::add, ""), url -> {
            times.add(browser.now());
            if (times.size() < 2000) {
                page.schedule(1, () -> {
                    asked.add(browser.now());
                    chained[0].write("p#", "kuayu1|" + times.size());
                });
            }
            return true;
        });
        asked.add(browser.now());
        chained[0].write("p#", "kuayu1|0");
        browser.runUntilIdle();
        assertEquals(2000, times.size());
        long longest = 0;
        for (int i = 0; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - asked.get(i));
        }
        assertTrue(longest <= 200, "a write waited " + longest + " ms");
        for (int i = HashWriter.WRITES_PER_WINDOW; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - HashWriter.WRITES_PER_WINDOW) >= HashWriter.WINDOW_MILLIS);
        }
        double perSecond = 1000.0 * times.size() / times.get(times.size() - 1);
        assertTrue(perSecond > 15, "sustained, it still writes near the browser's rate: " + perSecond + " a second");
    }

    @Test
    void aHeldWriterWaitsAndClosingStillWritesWhatWaitsInOrder() {
        writer.hold();
        writer.write("p#", "kuayu1|a");
        browser.runUntilIdle();
        assertTrue(urls.isEmpty());
        writer.resume();
        assertEquals(1, urls.size());
        writer.write("p#", "kuayu1|b");
        writer.write("p#", "kuayu1|CLS");
        writer.close();
        writer.write("p#", "kuayu1|c");
        assertEquals(1, urls.size(), "not in the task of the write before");
        browser.runUntilIdle();
        assertEquals(List.of("p#%6Buayu1|a", "p#kuayu1|b", "p#%6Buayu1|CLS"), urls,
                "a closing channel's last frames, its CLS last, nothing written after close");
        assertEquals(List.of(0L, (long) HashWriter.GAP_MILLIS, 2L * HashWriter.GAP_MILLIS), times);
        assertEquals(0, browser.pendingTimerCount());
    }
}
