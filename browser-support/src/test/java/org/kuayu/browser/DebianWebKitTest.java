package org.kuayu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.remote.RemoteWebDriver;

/** WebKitGTK on its own display: a page loads under a {@code *.localhost} name and scripts run in its cross-origin iframe. */
class DebianWebKitTest {

    private FramedPages pages;
    private int port;

    @BeforeEach
    void serve() throws IOException {
        pages = FramedPages.start("other.localhost", "");
        port = pages.port();
    }

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void drivesPagesAndCrossOriginFrames() {
        try (DebianWebKit webkit = DebianWebKit.start()) {
            RemoteWebDriver driver = webkit.driver();
            driver.get("http://www.site.localhost:" + port + "/");
            assertEquals("outer", driver.executeScript("return document.title"));
            driver.switchTo().frame("child");
            assertEquals("http://other.localhost:" + port, driver.executeScript("return location.origin"));
        }
    }
}
