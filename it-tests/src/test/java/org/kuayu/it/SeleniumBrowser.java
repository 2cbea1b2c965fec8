package org.kuayu.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/**
 * What the browsers driven through a W3C WebDriver (Selenium) share: Chromium through chromedriver, WebKit through
 * WebKitWebDriver. One instance serves a whole test class and is {@linkplain #reset() reset} between tests; frames
 * are entered by id ({@code switchTo().frame}), which WebDriver allows across origins.
 */
abstract class SeleniumBrowser extends AbstractBrowser {

    private final WebDriver driver;

    SeleniumBrowser(WebDriver driver) {
        this.driver = driver;
    }

    /** Forgets the errors the browser reported so far (those of the test before, or of the page before). */
    protected abstract void clearErrors();

    /**
     * Back to one blank window with an empty error list, ready for the next test. The window is a new tab, so a new
     * browsing context group: Chromium keys an origin's agent cluster once per group (by its first page's
     * {@code Origin-Agent-Cluster} header), and a test must not inherit that from the one before.
     */
    @Override
    void reset() {
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(fresh);
        clearErrors();
        forgetExpectedErrors();
    }

    @Override
    public void open(String url) {
        clearErrors();
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

    /** The visible part of the page, as WebDriver captures it, as {@code <name>-<kind>.png}. */
    @Override
    public Path screenshot(String name) {
        try {
            Path file = screenshotFile(name + "-" + kind().name().toLowerCase(java.util.Locale.ROOT));
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target/screenshots/<name>.png}, its folder made. */
    static Path screenshotFile(String name) throws IOException {
        Path dir = Paths.get("target", "screenshots");
        Files.createDirectories(dir);
        return dir.resolve(name + ".png");
    }
}
