package org.kuayu.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;

import org.kuayu.browser.DebianChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * {@link Browser} on Debian's headless Chromium through its chromedriver, both named by path: nothing is
 * downloaded. Starting it takes a second or two, so one instance serves a whole test class and is
 * {@linkplain #reset() reset} between tests; each instance has a fresh profile directory.
 *
 * <p>The flags are the ones known to work as root and offline (see TOOLCHAIN.md). If Chromium is not installed
 * the constructor fails with what to install: the suite never skips the real browser.
 */
final class ChromiumBrowser extends AbstractBrowser {

    private final DebianChromium chromium;
    private final ChromeDriver driver;
    private final List<String> errors = new ArrayList<>();

    ChromiumBrowser() {
        requireInstalled();
        chromium = DebianChromium.start("kuayu-chromium-", true);
        driver = chromium.driver();
    }

    /** Fails, saying what to install, when Debian's Chromium or its driver is missing. */
    static void requireInstalled() {
        String missing = DebianChromium.missing();
        if (missing != null) {
            throw new AssertionError("The integration tests cannot run: " + missing);
        }
    }

    @Override
    public BrowserKind kind() {
        return BrowserKind.CHROMIUM;
    }

    /**
     * Back to one blank window with an empty error list, ready for the next test. The window is a new tab, so a new
     * browsing context group: Chromium keys an origin's agent cluster once per group (by its first page's
     * {@code Origin-Agent-Cluster} header), and a test must not inherit that from the one before.
     */
    void reset() {
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(fresh);
        drainLog();
        errors.clear();
        forgetExpectedErrors();
    }

    @Override
    public void open(String url) {
        drainLog();
        errors.clear();
        driver.get(url);
    }

    @Override
    protected String evalToString(String frameId, String expression) {
        return inFrame(frameId, () -> {
            Object value = ((JavascriptExecutor) driver).executeScript("return " + expression + ";");
            return value == null ? null : value.toString();
        });
    }

    @Override
    public void click(String elementId) {
        driver.findElement(By.id(elementId)).click();
    }

    @Override
    public void clickInFrame(String frameId, String elementId) {
        inFrame(frameId, () -> {
            driver.findElement(By.id(elementId)).click();
            return null;
        });
    }

    /**
     * Runs {@code action} with the driver switched into the top-level page's iframe with this id (no switch for
     * null; {@code "outer/inner"} for a frame in a frame), and back to the top-level page afterwards, so every other
     * call keeps talking to the top.
     */
    private <T> T inFrame(String frameId, Supplier<T> action) {
        if (frameId == null) {
            return action.get();
        }
        driver.switchTo().defaultContent();
        for (String id : frameId.split("/")) {
            driver.switchTo().frame(id);
        }
        try {
            return action.get();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    @Override
    protected List<String> reportedErrors() {
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
        chromium.close();
    }

    @Override
    public Path screenshot(String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            // The whole page from its top, not only the window: the window is made as tall as the page for one
            // capture, without scroll bars. (A capture beyond the viewport leaves cross-site frames blank.)
            driver.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
            driver.executeScript("window.scrollTo(0, 0)");
            Map<String, Object> shot;
            try {
                Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
                Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
                Map<?, ?> viewport = (Map<?, ?>) metrics.get("cssLayoutViewport");
                long width = Math.round(((Number) viewport.get("clientWidth")).doubleValue());
                long height = Math.round(Math.min(((Number) size.get("height")).doubleValue(), 8000));
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                        "height", height, "deviceScaleFactor", 1, "mobile", false));
                shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            } finally {
                driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                driver.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", false));
            }
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A Chrome DevTools Protocol command on the top-level page, for what no page script can see (listeners, heap). */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }
}
