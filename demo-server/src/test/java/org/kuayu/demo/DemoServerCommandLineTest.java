package org.kuayu.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar kuayu-demo.jar} as a person types it: the main class in a JVM of its own. */
class DemoServerCommandLineTest {

    @TempDir
    Path temp;

    @Test
    void helpPrintsTheUsageAndExitsWithZero() throws Exception {
        Run run = demo("--help");

        assertAll(
            () -> assertEquals(0, run.exitCode, run.err),
            () -> assertTrue(run.out.startsWith("Usage: java -jar kuayu-demo.jar"), run.out),
            () -> assertTrue(run.out.contains("--proxy=HOST:PORT"), run.out),
            () -> assertTrue(run.out.contains("--help"), run.out),
            () -> assertEquals("", run.err));
    }

    @Test
    void anUnknownArgumentSaysWhichWithTheUsageAndExitsWithTwo() throws Exception {
        Run run = demo("--domain1=:0", "--nope");

        assertAll(
            () -> assertEquals(2, run.exitCode, run.out),
            () -> assertTrue(run.err.startsWith("Unknown argument --nope"), run.err),
            () -> assertTrue(run.err.contains("Usage: java -jar kuayu-demo.jar"), run.err),
            () -> assertEquals("", run.out));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run demo(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp",
            System.getProperty("java.class.path"), DemoServer.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the demo did not exit within 60 s for " + List.of(args));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }
}
