package org.kuayu.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Stopping what the browser starters started, by process id, and deleting their temporary directories. */
final class Processes {

    private Processes() {
    }

    /** Ends a process started here and every process it started, at once. Null is ignored. */
    static void stop(Process process) {
        if (process != null) {
            stop(process.toHandle(), process.descendants().toList(), Duration.ZERO);
        }
    }

    /**
     * Gives a process {@code grace} to exit by itself, then ends it and the processes it started, each by its process
     * id. The children are listed by the caller before it asked the process to quit: once a process has exited, its
     * children can no longer be found through it.
     */
    static void stop(ProcessHandle process, List<ProcessHandle> children, Duration grace) {
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            process.destroy();
        }
        List<ProcessHandle> all = new ArrayList<>(children);
        all.add(0, process);
        for (ProcessHandle handle : all) {
            handle.destroy();
        }
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    /** Deletes a directory tree; a left-over temporary directory is harmless, so failures are ignored. */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Harmless.
        }
    }
}
