package org.kuayu.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's WebKitGTK (Safari's engine) through its WebKitWebDriver and MiniBrowser, all named by path: nothing is
 * downloaded. MiniBrowser needs a display, so each instance starts its own {@code Xvfb} (which picks a free display
 * number itself, {@code -displayfd}), then WebKitWebDriver on a free loopback port with that display, then a W3C
 * session through Selenium's {@link RemoteWebDriver}. {@link #close()} stops all three by process id.
 *
 * <p>WebKit resolves {@code *.localhost} to loopback by itself; it has no way to map other names.
 *
 * <pre>{@code
 * try (DebianWebKit webkit = DebianWebKit.start()) {
 *     webkit.driver().get("http://www.domain1.localhost:8081/");
 * }
 * }</pre>
 */
public final class DebianWebKit implements AutoCloseable {
    public static final Path DRIVER = Path.of("/usr/bin/WebKitWebDriver");
    public static final Path MINIBROWSER = Path.of("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser");
    public static final Path XVFB = Path.of("/usr/bin/Xvfb");

    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final Process xvfb;
    private final Process webDriver;
    private final RemoteWebDriver driver;

    private DebianWebKit(Process xvfb, Process webDriver, RemoteWebDriver driver) {
        this.xvfb = xvfb;
        this.webDriver = webDriver;
        this.driver = driver;
    }

    /** Null when WebKitGTK's driver and Xvfb are installed, else a sentence saying what is missing and how to add it. */
    public static String missing() {
        for (Path path : List.of(DRIVER, MINIBROWSER, XVFB)) {
            if (!Files.isExecutable(path)) {
                return "Debian's WebKitGTK driver and Xvfb are needed, but " + path + " is missing. Install them with: "
                        + "apt-get update && apt-get install -y webkit2gtk-driver xvfb"
                        + " (./scripts/test.sh and ./scripts/bench.sh do this when run as root).";
            }
        }
        return null;
    }

    /**
     * Starts a display, the driver and a browser session.
     *
     * @throws IllegalStateException when WebKitGTK is not installed (see {@link #missing()}) or does not start
     */
    public static DebianWebKit start() {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Process xvfb = null;
        Process webDriver = null;
        try {
            xvfb = new ProcessBuilder(XVFB.toString(), "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten",
                    "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String display = ":" + readDisplay(xvfb);
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--host=127.0.0.1")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DISPLAY", display);
            webDriver = builder.start();
            awaitListening(webDriver, port);
            MutableCapabilities capabilities = new MutableCapabilities();
            capabilities.setCapability("browserName", "MiniBrowser");
            capabilities.setCapability("webkitgtk:browserOptions", Map.of(
                    "binary", MINIBROWSER.toString(), "args", List.of("--automation")));
            capabilities.setCapability("pageLoadStrategy", "normal");
            RemoteWebDriver driver = new RemoteWebDriver(new URL("http://127.0.0.1:" + port), capabilities);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new DebianWebKit(xvfb, webDriver, driver);
        } catch (IOException e) {
            Processes.stop(webDriver);
            Processes.stop(xvfb);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            Processes.stop(webDriver);
            Processes.stop(xvfb);
            throw e;
        }
    }

    /** Xvfb writes the display number it took on its stdout ({@code -displayfd 1}) once it accepts clients. */
    private static String readDisplay(Process xvfb) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.trim().matches("\\d+")) {
            throw new IllegalStateException("Xvfb did not name its display (said: " + line + ")");
        }
        return line.trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits, within 30 s, until the driver accepts connections on its port, or fails if it exited. */
    private static void awaitListening(Process webDriver, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                if (!webDriver.isAlive()) {
                    throw new IllegalStateException(DRIVER + " exited with " + webDriver.exitValue()
                            + " before it listened on port " + port, notYet);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(DRIVER + " did not listen on port " + port + " within 30 s",
                            notYet);
                }
                try {
                    // Polling a port that is not yet open: the driver gives no other sign that it is ready.
                    webDriver.onExit().get(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException | TimeoutException e) {
                    // Still running: try again.
                }
            }
        }
    }

    public RemoteWebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // The driver and its browser are stopped by process id below anyway.
        } finally {
            Processes.stop(webDriver);
            Processes.stop(xvfb);
        }
    }
}
