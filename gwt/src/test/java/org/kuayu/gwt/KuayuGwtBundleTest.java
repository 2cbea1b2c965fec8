package org.kuayu.gwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kuayu.core.Kuayu;

/**
 * {@code kuayu/kuayu-gwt.js} as the build leaves it on the class path (GWT compiles in {@code process-classes},
 * before these tests): there, named for the release, and free of GWT's own JsInterop exports.
 */
class KuayuGwtBundleTest {
    /**
     * About twice {@code kuayu.js} (TeaVM, whole facade: 75 KB) and 50% over today's file with every portable module;
     * an optimisation flag lost ({@code PRETTY}, {@code -draftCompile}) multiplies the size and trips it.
     */
    // A sanity bound, not the size budget (dist's BundleSizeBudgetTest holds those, gzipped): 140 KB with GWT's
    // size switches (KuayuGwt.gwt.xml and the pom) and no long on the browser path.
    static final int MAX_BYTES = 165_000;

    /**
     * A string literal naming a class of GWT's JRE emulation or runtime ({@code 'java.lang.Throwable'}): how an
     * exported namespace appears in the compiled file. Class metadata keeps package and class names apart
     * ({@code 'java.lang'}, {@code 'String'}), so only an export produces such a literal. Without
     * {@code -includeJsInteropExports org.kuayu.*}, GWT exports {@code java.lang.Throwable.of},
     * {@code javaemul.internal.JsUtils} and more, and the file grows by 40%.
     */
    private static final Pattern JRE_EXPORT = Pattern.compile(
            "['\"](?:java|javaemul|jsinterop|com\\.google)(?:\\.[a-z0-9_]+)*\\.[A-Z][A-Za-z0-9_$]*['\"]");

    @Test
    void theBundleIsOnTheClassPathUnderKuayuWithTheReleaseBanner() throws IOException {
        String script = bundle();

        assertTrue(script.startsWith("/*! Kuayu " + Kuayu.VERSION + " (GWT build) "), script.substring(0, 100));
    }

    @Test
    void gwtExportsNoneOfItsOwnClasses() throws IOException {
        Matcher exports = JRE_EXPORT.matcher(bundle());
        List<String> found = new ArrayList<>();
        while (exports.find()) {
            found.add(exports.group());
        }

        assertEquals(List.of(), found, "JRE classes exported: is -includeJsInteropExports org.kuayu.* still set?");
    }

    @Test
    void theBundleIsSelfContainedAndOfASaneSize() throws IOException {
        String script = bundle();
        int bytes = script.getBytes(StandardCharsets.UTF_8).length;

        assertTrue(bytes < MAX_BYTES, bytes + " bytes");
        // Other linkers load a permutation file (<hash>.cache.js) next to the loader: sso inlines it.
        assertFalse(script.contains(".cache.js"), "no second file to load");
    }

    static String bundle() throws IOException {
        try (InputStream in = KuayuGwtBundleTest.class.getResourceAsStream("/kuayu/kuayu-gwt.js")) {
            assertNotNull(in, "kuayu/kuayu-gwt.js on the class path (the GWT compile runs in process-classes)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
