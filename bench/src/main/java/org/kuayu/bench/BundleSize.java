package org.kuayu.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The size of one bundle, Kuayu's (a file of the {@code kuayu} folder) or a peer's distributed file: raw, gzip-compressed at level 9 by {@code java.util.zip} (a
 * {@link GZIPOutputStream} whose {@link Deflater} is set to level 9, that is zlib's deflate), and by GNU
 * {@code gzip -9 -n} when it is installed ({@code -1} otherwise): GNU gzip has its own deflate, and the two differ
 * by a fraction of a percent. A file that is not there has {@code missing}, the reason the report shows instead of
 * numbers (all sizes are then -1).
 *
 * <pre>{@code
 * BundleSize js = BundleSize.fromClasspath("kuayu.js");  // kuayu/kuayu.js of the kuayu-teavm jar
 * BundleSize penpal = BundleSize.fromFile("penpal.min.js", peers.resolve("penpal/dist/penpal.min.js"), "penpal 7.0.6");
 * }</pre>
 */
record BundleSize(String name, String of, long bytes, long gzipBytes, long gnuGzipBytes, String missing) {

    /** Reads {@code kuayu/<name>} from the classpath: the file the demo server serves. */
    static BundleSize fromClasspath(String name) {
        BundleSize size = fromClasspathIfBuilt(name, "Kuayu");
        if (size.missing() != null) {
            throw new IllegalStateException("kuayu/" + name + " is not on the classpath: build the teavm module first"
                    + " (./scripts/bench.sh does)");
        }
        return size;
    }

    /** Reads {@code kuayu/<name>} from the classpath, or says "not built" when it is not there. */
    static BundleSize fromClasspathIfBuilt(String name, String of) {
        URL url = BundleSize.class.getClassLoader().getResource("kuayu/" + name);
        if (url == null) {
            return new BundleSize(name, of, -1, -1, -1, "not built");
        }
        try (InputStream in = url.openStream()) {
            return of(name, of, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }

    /** Reads a peer's file, or says "not installed" when it is not there. */
    static BundleSize fromFile(String name, Path file, String of) {
        if (!Files.isRegularFile(file)) {
            return new BundleSize(name, of, -1, -1, -1, "not installed (" + file + ")");
        }
        try {
            return of(name, of, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static BundleSize of(String name, String of, byte[] content) {
        return new BundleSize(name, of, content.length, gzipLength(content), gnuGzipLength(content), null);
    }

    static long gzipLength(byte[] content) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.size();
    }

    /** The output size of {@code gzip -9 -n}, or -1 when there is no {@code gzip} to run. */
    static long gnuGzipLength(byte[] content) {
        try {
            Process gzip = new ProcessBuilder("gzip", "-9", "-n", "-c")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = gzip.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (OutputStream in = gzip.getOutputStream()) {
                in.write(content);
            }
            if (!gzip.waitFor(30, TimeUnit.SECONDS) || gzip.exitValue() != 0) {
                gzip.destroy();
                return -1;
            }
            return output.get(30, TimeUnit.SECONDS).length;
        } catch (IOException | UncheckedIOException | ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
