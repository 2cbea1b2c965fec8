package org.kuayu.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Firefox ESR driven over WebDriver BiDi, which Firefox speaks itself: Debian has no geckodriver
 * and nothing may download one. Firefox starts with {@code --remote-debugging-port=0} on a fresh profile (deleted on
 * close), prints the port it took, and {@link #bidi()} is a connection with a session already made.
 *
 * <p>The profile's {@code user.js} turns off everything that would reach the network (updates, telemetry, safe
 * browsing, captive-portal and connectivity checks, first-run pages) and maps the given host names to loopback
 * ({@code network.dns.localDomains}); Firefox also resolves {@code *.localhost} to loopback by itself.
 *
 * <pre>{@code
 * try (DebianFirefox firefox = DebianFirefox.start("kuayu-it-", List.of("www.domain1.localhost"), event -> { })) {
 *     Map<String, Object> tree = firefox.bidi().call("browsingContext.getTree", Map.of());
 * }
 * }</pre>
 */
public final class DebianFirefox implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/firefox-esr");

    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final String PREFS = String.join("\n",
            "user_pref(\"app.update.auto\", false);",
            "user_pref(\"app.update.enabled\", false);",
            "user_pref(\"app.normandy.enabled\", false);",
            "user_pref(\"browser.aboutwelcome.enabled\", false);",
            "user_pref(\"browser.discovery.enabled\", false);",
            "user_pref(\"browser.newtabpage.enabled\", false);",
            "user_pref(\"browser.ping-centre.telemetry\", false);",
            "user_pref(\"browser.safebrowsing.downloads.enabled\", false);",
            "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
            "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
            "user_pref(\"browser.safebrowsing.update.enabled\", false);",
            "user_pref(\"browser.search.update\", false);",
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
            "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
            "user_pref(\"browser.startup.page\", 0);",
            "user_pref(\"browser.tabs.warnOnClose\", false);",
            "user_pref(\"datareporting.healthreport.uploadEnabled\", false);",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"dom.disable_open_during_load\", false);",
            "user_pref(\"extensions.update.enabled\", false);",
            "user_pref(\"extensions.getAddons.cache.enabled\", false);",
            "user_pref(\"network.captive-portal-service.enabled\", false);",
            "user_pref(\"network.connectivity-service.enabled\", false);",
            "user_pref(\"network.dns.disablePrefetch\", true);",
            "user_pref(\"network.prefetch-next\", false);",
            "user_pref(\"network.proxy.type\", 0);",
            "user_pref(\"services.settings.server\", \"http://127.0.0.1:9/\");",
            "user_pref(\"toolkit.telemetry.enabled\", false);",
            "user_pref(\"toolkit.telemetry.server\", \"\");",
            "user_pref(\"toolkit.telemetry.unified\", false);",
            "");

    private final Process process;
    private final Path profile;
    private final BiDiConnection bidi;

    private DebianFirefox(Process process, Path profile, BiDiConnection bidi) {
        this.process = process;
        this.profile = profile;
        this.bidi = bidi;
    }

    /** Null when Firefox ESR is installed, else a sentence saying what is missing and how to add it. */
    public static String missing() {
        if (!Files.isExecutable(BINARY)) {
            return "Debian's Firefox ESR is needed, but " + BINARY + " is missing. Install it with: "
                    + "apt-get update && apt-get install -y firefox-esr"
                    + " (./scripts/test.sh and ./scripts/bench.sh do this when run as root).";
        }
        return null;
    }

    /**
     * Starts a browser and opens a BiDi session on it.
     *
     * @param profilePrefix prefix of the temporary profile directory's name
     * @param hostNames     names that must resolve to 127.0.0.1 (the pref {@code network.dns.localDomains})
     * @param events        receives every BiDi event the session subscribes to (on the socket's thread)
     * @throws IllegalStateException when Firefox is not installed or does not start
     */
    public static DebianFirefox start(String profilePrefix, List<String> hostNames,
            Consumer<Map<String, Object>> events) {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory(profilePrefix);
            Files.writeString(profile.resolve("user.js"), PREFS + "user_pref(\"network.dns.localDomains\", \""
                    + String.join(",", hostNames) + "\");\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--headless", "--no-remote",
                    "--remote-debugging-port=0", "--profile", profile.toString(), "about:blank");
            builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            process = builder.start();
            URI endpoint = URI.create(awaitEndpoint(process) + "/session");
            BiDiConnection bidi = BiDiConnection.open(endpoint, events);
            bidi.call("session.new", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "acceptInsecureCerts", true,
                    "unhandledPromptBehavior", Map.of("default", "ignore")))));
            return new DebianFirefox(process, profile, bidi);
        } catch (IOException e) {
            Processes.stop(process);
            Processes.deleteTree(profile);
            throw new IllegalStateException("cannot start " + BINARY + ": " + e, e);
        } catch (RuntimeException e) {
            Processes.stop(process);
            Processes.deleteTree(profile);
            throw e;
        }
    }

    /** Reads Firefox's stderr until it names its BiDi endpoint, then keeps draining it so Firefox never blocks. */
    private static String awaitEndpoint(Process process) {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        StringBuilder said = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    } else if (!endpoint.isDone() && said.length() < 4000) {
                        said.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The process ended; the wait below reports it.
            }
            endpoint.completeExceptionally(new IllegalStateException("Firefox exited before it listened"));
        }, "firefox-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return endpoint.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Firefox started", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Firefox did not open WebDriver BiDi within 60 s (" + e + "); it said:\n"
                    + said, e);
        }
    }

    /** The BiDi connection, with its session made. */
    public BiDiConnection bidi() {
        return bidi;
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            try {
                bidi.call("browser.close", Map.of(), Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                // Stopped by its process id below anyway.
            }
            bidi.close();
        } finally {
            Processes.stop(process.toHandle(), tree, Duration.ofSeconds(5));
            Processes.deleteTree(profile);
        }
    }
}
