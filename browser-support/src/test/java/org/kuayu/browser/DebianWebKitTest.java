package org.kuayu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.remote.RemoteWebDriver;

/** WebKitGTK on its own display: a page loads under a {@code *.localhost} name and scripts run in its cross-origin iframe. */
class DebianWebKitTest {

    private HttpServer server;
    private int port;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = exchange.getRequestURI().getPath().equals("/inner")
                    ? "<!doctype html><title>inner</title>"
                    : "<!doctype html><title>outer</title><iframe id='child' src='http://other.localhost:" + port
                            + "/inner'></iframe>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
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
