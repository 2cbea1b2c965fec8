package org.kuayu.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The size of one file of the {@code kuayu} folder, raw and gzip-compressed at level 9 (a
 * {@link GZIPOutputStream} whose {@link Deflater} is set to level 9; {@code gzip -9} gives the same size within a
 * few bytes of header).
 *
 * <pre>{@code
 * BundleSize js = BundleSize.fromClasspath("kuayu.js");  // kuayu/kuayu.js of the kuayu-teavm jar
 * }</pre>
 */
record BundleSize(String name, String source, long bytes, long gzipBytes) {

    /** Reads {@code kuayu/<name>} from the classpath: the file the demo server serves. */
    static BundleSize fromClasspath(String name) {
        String resource = "kuayu/" + name;
        ClassLoader loader = BundleSize.class.getClassLoader();
        java.net.URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath: build the teavm module first"
                    + " (./scripts/bench.sh does)");
        }
        try (InputStream in = url.openStream()) {
            byte[] content = in.readAllBytes();
            return new BundleSize(name, url.toString(), content.length, gzipLength(content));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
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
}
