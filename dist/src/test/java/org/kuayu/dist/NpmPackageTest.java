package org.kuayu.dist;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kuayu.browser.DebianChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The npm package as a user meets it: the tarball {@code npm pack} made in this build is installed into a scratch
 * project ({@code src/test/consumer}, with tsc and esbuild at the versions its lockfile pins), whose TypeScript is
 * checked with {@code tsc --strict}, whose module is bundled by esbuild, and whose page then talks, in Debian's
 * Chromium, to a remote page of another origin that loads the package's {@code kuayu.js} with a {@code <script>}.
 */
class NpmPackageTest {

    /** What the package and the release archive hold: the kuayu folder, its README and LICENSE. */
    private static final Set<String> FOLDER = Set.of("LICENSE", "README.md", "kuayu.js", "kuayu.mjs", "kuayu.d.mts",
        "kuayu.d.ts", "kuayu-pm.js", "kuayu-gwt.js", "proxy.html", "proxy.js");
    private static final Duration NPM_TIME = Duration.ofMinutes(5);
    private static final Duration TOOL_TIME = Duration.ofMinutes(2);

    private static Path scratch;
    private static Path installed;

    @BeforeAll
    static void installTheTarballAsAUserWould() throws Exception {
        Path consumer = Path.of(System.getProperty("kuayu.consumer"));
        scratch = Path.of(System.getProperty("kuayu.scratch"));
        Path tarball = Path.of(System.getProperty("kuayu.tarball"));
        assertTrue(Files.isRegularFile(tarball), "npm pack made no " + tarball);
        Commands.deleteTree(scratch);
        Commands.copyTree(consumer, scratch);
        String npm = System.getProperty("npm.executable", "npm");
        Commands.run(scratch, NPM_TIME, npm, "ci", "--no-audit", "--no-fund").assertSucceeded();
        Commands.run(scratch, NPM_TIME, npm, "install", "--no-save", "--no-audit", "--no-fund", tarball.toString())
            .assertSucceeded();
        installed = scratch.resolve("node_modules/kuayu");
    }

    @Test
    void thePackageHoldsTheKuayuFolderWithItsReadmeAndLicense() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(installed)) {
            files = list.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = new TreeSet<>(FOLDER);
        expected.add("package.json");

        assertEquals(expected, files);
        String manifest = Files.readString(installed.resolve("package.json"));
        assertAll(
            () -> assertTrue(manifest.contains("\"license\": \"Apache-2.0\""), manifest),
            () -> assertTrue(manifest.contains("\"types\": \"./kuayu.d.mts\""), manifest),
            () -> assertTrue(manifest.contains("\"unpkg\": \"./kuayu.js\""), manifest),
            () -> assertFalse(manifest.contains("${"), "unfiltered: " + manifest));
    }

    @Test
    void theReleaseArchiveHoldsTheSameFilesInAKuayuFolder() throws IOException {
        Set<String> entries = new TreeSet<>();
        try (ZipFile zip = new ZipFile(System.getProperty("kuayu.archive"))) {
            zip.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> entries.add(entry.getName()));
        }

        assertEquals(FOLDER.stream().map(name -> "kuayu/" + name).collect(Collectors.toCollection(TreeSet::new)),
            entries);
    }

    /** The package imported by name ({@code src/esm.ts}), and the folder's kuayu.mjs by path ({@code src/folder.ts}). */
    @Test
    void aStrictModuleTypeChecksWithBundlerAndNodeResolution() throws Exception {
        tsc("tsconfig.bundler.json").assertSucceeded();
        tsc("tsconfig.nodenext.json").assertSucceeded();
    }

    @Test
    void aScriptTypeChecksAgainstTheGlobalKuayu() throws Exception {
        tsc("tsconfig.global.json").assertSucceeded();
    }

    /** With the module's types loaded, a module that forgot its import still sees no global kuayu. */
    @Test
    void aModuleThatForgotItsImportDoesNotTypeCheck() throws Exception {
        Commands.Result result = tsc("tsconfig.forgot.json");

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("src/forgot-import.ts"), result.output());
        assertTrue(result.output().contains("Cannot find name 'kuayu'"), result.output());
        assertFalse(result.output().contains("src/esm.ts"), result.output());
    }

    @Test
    void theBundledModuleTalksToARemotePageInChromium() throws Exception {
        Path site = scratch.resolve("public");
        Commands.Result bundled = Commands.run(scratch, TOOL_TIME, scratch.resolve("node_modules/.bin/esbuild").toString(),
            "src/esm.ts", "--bundle", "--format=esm", "--outfile=" + site.resolve("app.js"), "--log-level=warning");
        bundled.assertSucceeded();
        assertEquals("", bundled.output().strip(), "esbuild warned");

        try (TwoSites sites = TwoSites.start(site, installed);
             DebianChromium chromium = DebianChromium.start("kuayu-npm-", false)) {
            String host = sites.hostOrigin();
            String remote = sites.remoteOrigin() + "/remote.html?host=" + encode(host);
            WebDriver browser = chromium.driver();
            browser.get(host + "/index.html?remote=" + encode(remote));

            String answer = "{\"answer\":42,\"from\":\"" + host + "\"}";
            assertAll(
                () -> assertEquals("postMessage " + answer, textOnceSet(browser, "auto")),
                () -> assertEquals("name " + answer, textOnceSet(browser, "name")),
                () -> assertTrue(textOnceSet(browser, "forgot").startsWith("onError TRANSPORT_UNAVAILABLE: this page's"
                    + " proxy page " + host + "/proxy.html is not Kuayu's proxy.html"), textOnceSet(browser, "forgot")),
                () -> assertTrue(textOf(browser, "version").matches("\\d+\\.\\d+\\.\\d+.*"), textOf(browser, "version")));
        }
    }

    private static Commands.Result tsc(String project) throws Exception {
        return Commands.run(scratch, TOOL_TIME, scratch.resolve("node_modules/.bin/tsc").toString(), "-p", project);
    }

    /** The text of the element once the page wrote it (an answer or an error), or what it shows after the bound. */
    private static String textOnceSet(WebDriver browser, String id) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> !textOf(driver, id).isEmpty() || !textOf(driver, id + "-error").isEmpty());
        } catch (TimeoutException e) {
            return "nothing after 30 s";
        }
        String error = textOf(browser, id + "-error");
        return error.isEmpty() ? textOf(browser, id) : "onError " + error + " " + textOf(browser, id);
    }

    private static String textOf(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
