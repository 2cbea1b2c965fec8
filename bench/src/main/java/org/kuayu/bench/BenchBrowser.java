package org.kuayu.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, both named by path (nothing is downloaded), with the
 * flags known to work as root and offline (TOOLCHAIN.md; the same as the it-tests' {@code ChromiumBrowser}).
 * One instance serves the whole bench; each measurement is a fresh page load.
 *
 * <pre>{@code
 * try (BenchBrowser browser = new BenchBrowser()) {
 *     Map<?, ?> result = browser.run(url, Duration.ofSeconds(30));  // BENCH.result of the bench page
 * }
 * }</pre>
 */
final class BenchBrowser implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** How often the page's {@code BENCH.done} is read: rarely enough not to disturb the page's timing. */
    private static final Duration POLL = Duration.ofMillis(100);

    /** Held so the level sticks: Selenium warns about CDP versions it does not ship, which is irrelevant here. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final Path profile;
    private final ChromeDriver driver;

    BenchBrowser() {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        try {
            profile = Files.createTempDirectory("kuayu-bench-chromium-");
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
        driver = new ChromeDriver(service, options);
    }

    /** Null when Debian's Chromium and its driver are installed, else what to install. */
    static String missing() {
        for (Path path : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(path)) {
                return "The benchmarks need Debian's Chromium, but " + path + " is missing. Install it with: "
                        + "apt-get update && apt-get install -y chromium chromium-driver";
            }
        }
        return null;
    }

    String browserVersion() {
        return driver.getCapabilities().getBrowserVersion();
    }

    String driverVersion() {
        Object chrome = driver.getCapabilities().getCapability("chrome");
        Object version = chrome instanceof Map<?, ?> map ? map.get("chromedriverVersion") : null;
        return version == null ? "unknown" : version.toString().split(" ")[0];
    }

    /**
     * Loads a bench page and waits, up to {@code bound}, for its {@code BENCH.done}; returns {@code BENCH.result}.
     *
     * @throws BenchFailure with the page's {@code BENCH.error}, or when the bound passes
     */
    Map<?, ?> run(String url, Duration bound) {
        driver.get(url);
        Object outcome;
        try {
            outcome = new WebDriverWait(driver, bound, POLL).until(d -> ((JavascriptExecutor) d).executeScript(
                    "return window.BENCH && BENCH.done ? {error: BENCH.error, result: BENCH.result} : null;"));
        } catch (TimeoutException e) {
            throw new BenchFailure(url + " did not finish within " + bound.toSeconds() + " s");
        }
        Map<?, ?> fields = (Map<?, ?>) outcome;
        if (fields.get("error") != null) {
            throw new BenchFailure(url + ": " + fields.get("error"));
        }
        return (Map<?, ?>) fields.get("result");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A left-over temporary profile is harmless.
            }
        }
    }

    /** A measurement that did not produce a number; the bench reports it and goes on. */
    static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message);
        }
    }
}
