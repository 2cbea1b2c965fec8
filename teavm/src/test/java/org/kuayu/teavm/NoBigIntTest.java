package org.kuayu.teavm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TeaVM bundles as the build leaves them on the class path (TeaVM compiles in {@code process-classes}, before
 * these tests) use no {@code BigInt}: TeaVM compiles every Java {@code long} to one, which costs size and shuts out
 * browsers without it (Safari before 14). A {@code long} or {@code Long.parseLong} on the browser path fails this;
 * use {@code int} (wire numbers are 9 digits at most) or {@code double} (STYLE.md, the portability rule). Even the
 * word is kept out (the facade's message says "bigint", JavaScript's {@code typeof}), so {@code grep BigInt} stays
 * a one-look check.
 */
class NoBigIntTest {
    @ParameterizedTest
    @ValueSource(strings = {"kuayu.js", "kuayu.mjs", "kuayu-pm.js"})
    void theBundleUsesNoBigInt(String file) throws IOException {
        String script = read("kuayu/" + file);
        int at = script.indexOf("BigInt");
        assertFalse(at >= 0, () -> file + " uses BigInt: a long on the browser path? ..."
                + script.substring(Math.max(0, at - 200), Math.min(script.length(), at + 100)));
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = NoBigIntTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the class path: did TeaVM run (process-classes)?");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
