package org.kuayu.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the numbers were measured on, read at run time: CPU, cores, memory, OS, Java, and the browser versions
 * that {@link BenchBrowser} reports.
 */
final class Machine {

    private Machine() {
    }

    /** Row name to value, in the order of the report's table. */
    static Map<String, String> describe(String chromium, String chromedriver) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        rows.put("Memory", memory());
        rows.put("OS", osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", " + System.getProperty("os.arch") + ")");
        rows.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        rows.put("Chromium", chromium + " (headless; chromedriver " + chromedriver + ")");
        return rows;
    }

    private static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "unknown";
    }

    private static String osName() {
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
