package org.kuayu.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by its chromedriver, both named by path: nothing is downloaded. The flags are
 * the ones known to work as root and offline (TOOLCHAIN.md); each instance has a fresh profile directory, deleted
 * on close. Test host names resolve to loopback ({@code --host-resolver-rules}).
 *
 * <pre>{@code
 * try (DebianChromium chromium = DebianChromium.start("kuayu-it-", true)) {
 *     chromium.driver().get("http://www.domain1.localhost:8081/");
 * }
 * }</pre>
 */
public final class DebianChromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Held so the level sticks: Selenium warns about CDP versions it does not ship, which is irrelevant here. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final Path profile;
    private final ChromeDriver driver;

    private DebianChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Null when Chromium and its driver are installed, else a sentence saying what is missing and how to add it. */
    public static String missing() {
        for (Path path : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(path)) {
                return "Debian's Chromium is needed, but " + path + " is missing. Install it with: "
                        + "apt-get update && apt-get install -y chromium chromium-driver"
                        + " (./scripts/test.sh and ./scripts/bench.sh do this when run as root).";
            }
        }
        return null;
    }

    /**
     * Starts a browser.
     *
     * @param profilePrefix   prefix of the temporary profile directory's name
     * @param captureConsole  true to collect the pages' console messages ({@code driver.manage().logs()})
     * @throws IllegalStateException when Chromium is not installed (see {@link #missing()})
     */
    public static DebianChromium start(String profilePrefix, boolean captureConsole) {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path profile;
        try {
            profile = Files.createTempDirectory(profilePrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost");
        if (captureConsole) {
            LoggingPreferences logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logging);
        }
        options.setPageLoadTimeout(Duration.ofSeconds(60));
        try {
            return new DebianChromium(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A left-over temporary profile is harmless.
        }
    }
}
