package org.kuayu.teavm.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.kuayu.core.Kuayu;

/**
 * Build step (run by Maven, never part of the bundle): turns TeaVM's output into the {@code kuayu} folder.
 *
 * <p>TeaVM with module type NONE emits {@code var connect, accept, jsonp, version; (function(){ ... })();}. Wrapping that
 * in one more function keeps those names out of the page's globals and exposes a single frozen {@code kuayu}
 * object; the ES module is the same wrapper with {@code export}s. One TeaVM compile serves both files. The wrapper's
 * parameter {@code __kuayuScriptUrl} is the bundle's own URL, taken while it runs ({@code document.currentScript.src}
 * in kuayu.js, {@code import.meta.url} in kuayu.mjs): the default {@code proxy} is the proxy.html next to it.
 *
 * <p>The TypeScript declarations come from one source, {@code src/main/kuayu/kuayu.d.ts} (an ES module's
 * declarations), written twice ({@link Declarations}): {@code kuayu.d.mts}, next to {@code kuayu.mjs}, for
 * {@code import}; and {@code kuayu.d.ts}, next to {@code kuayu.js}, declaring the global {@code kuayu} of a
 * {@code <script>} page (and nothing an {@code import} could resolve, so no ES module user sees a global).
 *
 * <p>Each script also gets a gzip twin ({@code kuayu.js.gz}, ...), which {@code KuayuAssetsHandler} of
 * kuayu-server sends to browsers that accept gzip (Jetty's precompressed content).
 *
 * <p>Arguments: TeaVM output file, folder of static files to copy (kuayu.d.ts, proxy.html, proxy.js, ...), output
 * folder, and TeaVM's output of {@code KuayuPostMessageJs}, which becomes {@code kuayu-pm.js} the same way (a global
 * {@code kuayu} without {@code jsonp}).
 * The version written into the files is {@link Kuayu#VERSION}, the one {@code kuayu.version} reports.
 */
public final class BundleWriter {
    private BundleWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: BundleWriter <teavm.js> <static-dir> <out-dir> <pm-teavm.js>");
        }
        String version = Kuayu.VERSION;
        String compiled = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        Path out = Paths.get(args[2]);
        Files.createDirectories(out);
        String banner = "/*! Kuayu " + version + " | cross-domain messaging for the browser | API: docs/js-api.md */\n";
        String body = "(function (__kuayuScriptUrl) {\n" + compiled.trim() + "\nreturn Object.freeze({version: version(),"
                + " connect: connect, accept: accept, jsonp: jsonp, origin: origin});\n})";
        write(out.resolve("kuayu.js"), banner + "var kuayu = " + body + "(typeof document !== 'undefined'"
                + " && document.currentScript ? document.currentScript.src : null);\n");
        write(out.resolve("kuayu.mjs"), banner + "const kuayu = " + body + "(import.meta.url);\n"
                + "export default kuayu;\nexport const version = kuayu.version, connect = kuayu.connect, accept = kuayu.accept,"
                + " jsonp = kuayu.jsonp, origin = kuayu.origin;\n");
        String pm = new String(Files.readAllBytes(Paths.get(args[3])), StandardCharsets.UTF_8);
        write(out.resolve("kuayu-pm.js"), banner.replace("for the browser |", "for the browser, postMessage only |")
                + "var kuayu = (function (__kuayuScriptUrl) {\n" + pm.trim() + "\nreturn Object.freeze({version:"
                + " version(), connect: connect, accept: accept, origin: origin});\n})(typeof document !== 'undefined'"
                + " && document.currentScript ? document.currentScript.src : null);\n");
        try (Stream<Path> files = Files.list(Paths.get(args[1]))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace("@VERSION@", version);
                if (name.equals("kuayu.d.ts")) {
                    write(out.resolve("kuayu.d.mts"), Declarations.module(text, version));
                    write(out.resolve("kuayu.d.ts"), Declarations.global(text, version));
                } else {
                    write(out.resolve(name), text);
                }
            }
        }
        for (String script : new String[] {"kuayu.js", "kuayu.mjs", "kuayu-pm.js", "proxy.js"}) {
            gzip(out.resolve(script));
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code file.gz} beside the file, at the best compression (no name or time in the header). */
    static void gzip(Path file) throws IOException {
        Path twin = file.resolveSibling(file.getFileName() + ".gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(twin)) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            Files.copy(file, gz);
        }
    }
}
