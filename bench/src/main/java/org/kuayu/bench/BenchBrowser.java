package org.kuayu.bench;

import java.time.Duration;
import java.util.Map;
import org.kuayu.browser.DebianChromium;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
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

    /** How often the page's {@code BENCH.done} is read: rarely enough not to disturb the page's timing. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final DebianChromium chromium;
    private final ChromeDriver driver;

    BenchBrowser() {
        chromium = DebianChromium.start("kuayu-bench-chromium-", false);
        driver = chromium.driver();
    }

    /** Null when Debian's Chromium and its driver are installed, else what to install. */
    static String missing() {
        return DebianChromium.missing();
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
        chromium.close();
    }

    /** A measurement that did not produce a number; the bench reports it and goes on. */
    static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message);
        }
    }
}
