package org.kuayu.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real nginx (Debian's {@code /usr/sbin/nginx}) running the configuration the project ships,
 * {@code docs/nginx/kuayu-demo.conf}, in front of the demo's domain2: the same file, with the demo's default ports
 * replaced by the ones the test run got, so the shipped configuration is the tested one.
 *
 * <p>It runs in the foreground of its own process ({@code daemon off} in the file), with its prefix, logs, pid and
 * temporary files under {@code target/nginx-<port>/}, on a free loopback port; never the system service. It is
 * started once per test class (by {@link NginxExtension}) and stopped when the class ends. If nginx is not
 * installed the start fails with what to install: the suite never skips it.
 *
 * <pre>{@code
 * browser.open(sites.domain1() + "/reverse-proxy.html?nginx=" + nginx.origin());
 * }</pre>
 */
public final class NginxServer implements AutoCloseable {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    /** The shipped configuration, from the it-tests folder Maven runs the tests in. */
    static final Path SHIPPED = Path.of("..", "docs", "nginx", "kuayu-demo.conf");
    private static final Duration START_BOUND = Duration.ofSeconds(20);

    private final Process process;
    private final Path prefix;
    private final int port;
    private final String host;

    private NginxServer(Process process, Path prefix, int port, String host) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
        this.host = host;
    }

    /** Starts nginx in front of the demo's domain2; returns once it accepts connections. */
    static NginxServer start(DemoSites sites) {
        return start(sites, URI.create(sites.domain2()).getPort());
    }

    /**
     * Starts nginx with the shipped configuration but its upstream on another loopback port (a test's own server
     * standing for domain2, still named in {@code Host} as domain2).
     */
    static NginxServer start(DemoSites sites, int upstreamPort) {
        if (!Files.isExecutable(NGINX)) {
            throw new AssertionError("The nginx tests cannot run: " + NGINX + " is missing. Install Debian's "
                    + "nginx (apt-get install -y nginx; ./scripts/test.sh does it when run as root)");
        }
        try {
            int port = freePort();
            Path prefix = Path.of("target", "nginx-" + port).toAbsolutePath();
            Files.createDirectories(prefix.resolve("logs"));
            Files.createDirectories(prefix.resolve("temp"));
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, config(Files.readString(SHIPPED), sites, port, upstreamPort));
            Process process = new ProcessBuilder(NGINX.toString(), "-p", prefix + "/", "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs").resolve("console.log").toFile())
                    .start();
            String host = URI.create(sites.domain1()).getHost();
            NginxServer nginx = new NginxServer(process, prefix, port, host);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("nginx did not start", e);
        }
    }

    /**
     * The shipped file with this run's ports: nginx's listen port, domain2's port (upstream and Host) and
     * domain1's origin (CORS). Each default must be there as many times as the file has it today, so that a change
     * of the file fails here instead of testing something else.
     */
    static String config(String shipped, DemoSites sites, int port, int upstreamPort) {
        URI domain1 = URI.create(sites.domain1());
        URI domain2 = URI.create(sites.domain2());
        String conf = replace(shipped, "listen 127.0.0.1:8084;", "listen 127.0.0.1:" + port + ";", 1);
        conf = replace(conf, "server 127.0.0.1:8082;", "server 127.0.0.1:" + upstreamPort + ";", 1);
        conf = replace(conf, "www.domain2.localhost:8082", domain2.getAuthority(), 2);
        conf = replace(conf, "http://www.domain1.localhost:8081 always;", domain1 + " always;", 1);
        return conf;
    }

    private static String replace(String text, String from, String to, int times) {
        int found = text.split(java.util.regex.Pattern.quote(from), -1).length - 1;
        if (found != times) {
            throw new AssertionError(SHIPPED + " should contain \"" + from + "\" " + times + " time(s), has " + found
                    + ": update NginxServer.config() with the file");
        }
        return text.replace(from, to);
    }

    /** The proxy's origin, such as {@code http://www.domain1.localhost:40123} (domain1's host name). */
    public String origin() {
        return "http://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /** What nginx wrote to its error log, for failure messages. */
    public String errorLog() {
        try {
            Path log = prefix.resolve("logs").resolve("error.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no error log)";
        } catch (IOException e) {
            return "(unreadable error log: " + e + ")";
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited with " + process.exitValue() + ":\n"
                        + Files.readString(prefix.resolve("logs").resolve("console.log")) + "\n" + errorLog());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        close();
        throw new AssertionError("nginx did not listen on port " + port + " within " + START_BOUND.toSeconds()
                + " s:\n" + errorLog());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops this nginx (SIGTERM: a fast shutdown) and waits for it, forcibly after a bound. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "nginx at " + origin() + " (prefix " + prefix + ")";
    }
}
