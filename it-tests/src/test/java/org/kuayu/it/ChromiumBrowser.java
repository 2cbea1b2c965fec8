package org.kuayu.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@link Browser} on Debian's headless Chromium through its chromedriver, both named by path: nothing is
 * downloaded. Starting it takes a second or two, so one instance serves a whole test class and is
 * {@linkplain #reset() reset} between tests; each instance has a fresh profile directory.
 *
 * <p>The flags are the ones known to work as root and offline (see TOOLCHAIN.md). If Chromium is not installed
 * the constructor fails with what to install: the suite never skips the real browser.
 */
final class ChromiumBrowser extends AbstractBrowser {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Held so the level sticks: Selenium warns about CDP versions it does not ship, which is irrelevant here. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final Path profile;
    private final ChromeDriver driver;
    private final List<String> errors = new ArrayList<>();

    ChromiumBrowser() {
        requireInstalled();
        SELENIUM_LOG.setLevel(Level.SEVERE);
        try {
            profile = Files.createTempDirectory("kuayu-chromium-");
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
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.setPageLoadTimeout(Duration.ofSeconds(60));
        driver = new ChromeDriver(service, options);
    }

    /** Fails, saying what to install, when Debian's Chromium or its driver is missing. */
    static void requireInstalled() {
        for (Path path : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(path)) {
                throw new AssertionError("The integration tests need Debian's Chromium, but " + path
                        + " is missing. Install it with: apt-get install -y chromium chromium-driver"
                        + " (./scripts/test.sh does this when run as root).");
            }
        }
    }

    @Override
    public BrowserKind kind() {
        return BrowserKind.CHROMIUM;
    }

    /** Back to one blank window with an empty error list, ready for the next test. */
    void reset() {
        String first = null;
        for (String handle : driver.getWindowHandles()) {
            if (first == null) {
                first = handle;
            } else {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(first);
        driver.get("about:blank");
        drainLog();
        errors.clear();
    }

    @Override
    public void open(String url) {
        drainLog();
        errors.clear();
        driver.get(url);
    }

    @Override
    protected String evalToString(String expression) {
        Object value = ((JavascriptExecutor) driver).executeScript("return " + expression + ";");
        return value == null ? null : value.toString();
    }

    @Override
    public void click(String elementId) {
        driver.findElement(By.id(elementId)).click();
    }

    @Override
    public List<String> consoleErrors() {
        drainLog();
        return List.copyOf(errors);
    }

    private void drainLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A left-over temporary profile is harmless.
        }
    }
}
