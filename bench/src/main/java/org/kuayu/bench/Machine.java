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

    /**
     * Row name to value, in the order of the report's table.
     *
     * @param loadAtStart {@link #loadAverage()} when the bench started; the load is read again now
     */
    static Map<String, String> describe(String chromium, String chromedriver, String loadAtStart) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        rows.put("Memory", memory());
        rows.put("OS", osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", " + System.getProperty("os.arch") + ")");
        rows.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        rows.put("Chromium", chromium + " (headless; chromedriver " + chromedriver + ")");
        rows.put("Load average (1 min)", loadAtStart + " at the start, " + loadAverage() + " at the end"
                + " (other work on the machine shows here)");
        return rows;
    }

    /** The 1-minute load average of the machine, or "unknown". */
    static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load);
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
