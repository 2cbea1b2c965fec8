package org.kuayu.gwt.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.kuayu.core.Kuayu;

/**
 * Build step (run by Maven, never part of the bundle or of the GWT module): turns GWT's output into
 * {@code kuayu/kuayu-gwt.js}, the GWT twin of {@code kuayu.js}.
 *
 * <p>GWT's {@code sso} linker writes one self-contained script named after the module
 * ({@code kuayugwt/kuayugwt.nocache.js}); the bundle's name says what it is instead, and a banner names the release
 * ({@link Kuayu#VERSION}) as {@code kuayu.js}'s does. The script itself is copied unchanged, and a gzip twin
 * ({@code kuayu-gwt.js.gz}) written beside it, which kuayu-server's {@code KuayuAssetsHandler} sends to browsers that
 * accept gzip.
 *
 * <pre>{@code
 * java org.kuayu.gwt.build.GwtBundleWriter target/gwt/war/kuayugwt/kuayugwt.nocache.js target/classes/kuayu/kuayu-gwt.js
 * }</pre>
 */
public final class GwtBundleWriter {
    private GwtBundleWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GwtBundleWriter <gwt-output.nocache.js> <kuayu-gwt.js>");
        }
        Path compiled = Paths.get(args[0]);
        Path bundle = Paths.get(args[1]);
        String script;
        try {
            script = new String(Files.readAllBytes(compiled), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no GWT output at " + compiled + ": the gwt-maven-plugin compile must run"
                    + " first (same phase, declared before this step)", e);
        }
        String banner = "/*! Kuayu " + Kuayu.VERSION + " (GWT build) | cross-domain messaging for the browser */\n";
        Files.createDirectories(bundle.toAbsolutePath().getParent());
        byte[] bytes = (banner + script).getBytes(StandardCharsets.UTF_8);
        Files.write(bundle, bytes);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(bundle.resolveSibling(bundle.getFileName()
                + ".gz"))) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        }
    }
}
