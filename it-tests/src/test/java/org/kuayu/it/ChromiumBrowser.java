package org.kuayu.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.kuayu.browser.DebianChromium;
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
final class ChromiumBrowser extends SeleniumBrowser {

    private final DebianChromium chromium;
    private final ChromeDriver driver;
    private final List<String> errors = new ArrayList<>();

    ChromiumBrowser() {
        this(start());
    }

    private ChromiumBrowser(DebianChromium chromium) {
        super(chromium.driver());
        this.chromium = chromium;
        this.driver = chromium.driver();
    }

    private static DebianChromium start() {
        String missing = DebianChromium.missing();
        if (missing != null) {
            throw new AssertionError("The integration tests cannot run: " + missing);
        }
        return DebianChromium.start("kuayu-chromium-", true);
    }

    @Override
    public BrowserKind kind() {
        return BrowserKind.CHROMIUM;
    }

    @Override
    protected void clearErrors() {
        drainLog();
        errors.clear();
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

    /** The whole page from its top, not only the window (through the DevTools protocol). */
    @Override
    public Path screenshot(String name) {
        try {
            Path file = screenshotFile(name);
            // The window is made as tall as the page for one capture, without scroll bars. (A capture beyond the
            // viewport leaves cross-site frames blank.)
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
            throw new UncheckedIOException(e);
        }
    }

    /** A Chrome DevTools Protocol command on the top-level page, for what no page script can see (listeners, heap). */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }
}
