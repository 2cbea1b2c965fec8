package org.kuayu.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The size budgets of the files a page loads: gzip at level 9 (zlib's deflate, as {@code gzip -9}) of each file of the
 * kuayu folder this build made. Sizes are deterministic, so a change that grows a file past its budget fails the
 * build. Each budget is what the file weighs today plus a little room, and comes down as the size work lands (a
 * ratchet toward the targets in docs/performance.md, "Size budgets"): never raise one to make a change fit.
 */
class BundleSizeBudgetTest {
    /** Gzip bytes each file may have. */
    static final Map<String, Integer> BUDGETS = Map.of(
        "kuayu.js", 58_800,
        "kuayu.mjs", 58_800,
        "kuayu-pm.js", 33_800,
        "kuayu-gwt.js", 47_200,
        "proxy.js", 2_000);

    @ParameterizedTest
    @ValueSource(strings = {"kuayu.js", "kuayu.mjs", "kuayu-pm.js", "kuayu-gwt.js", "proxy.js"})
    void eachFileStaysWithinItsBudget(String file) throws IOException {
        Path path = Path.of(System.getProperty("kuayu.folder")).resolve(file);
        int gzip = gzipLength(Files.readAllBytes(path));
        int budget = BUDGETS.get(file);
        assertTrue(gzip <= budget, file + " is " + gzip + " bytes gzipped, over its budget of " + budget
            + " (docs/performance.md, \"Size budgets\")");
    }

    /** The length of {@code bytes} gzipped at level 9. */
    static int gzipLength(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
