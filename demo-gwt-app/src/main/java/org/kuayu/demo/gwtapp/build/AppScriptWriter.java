package org.kuayu.demo.gwtapp.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Build step (run by Maven, never part of the application or of its GWT module): copies GWT's compile of the demo
 * application to {@code gwt-app/app.js}, the name domain1's {@code /gwt-app/} page loads it by.
 *
 * <p>GWT's {@code sso} linker names its one script after the module ({@code gwtapp/gwtapp.nocache.js}), and Maven
 * has no offline plugin here that copies a file under another name. The script is copied unchanged.
 *
 * <pre>{@code
 * AppScriptWriter.main(new String[] {"target/gwt/war/gwtapp/gwtapp.nocache.js", "target/classes/gwt-app/app.js"});
 * }</pre>
 */
public final class AppScriptWriter {
    private AppScriptWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AppScriptWriter <gwt-output.nocache.js> <app.js>");
        }
        Path compiled = Paths.get(args[0]);
        Path script = Paths.get(args[1]);
        Files.createDirectories(script.toAbsolutePath().getParent());
        try {
            Files.copy(compiled, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no GWT output at " + compiled + ": the gwt-maven-plugin compile must run"
                    + " first (same phase, declared before this step)", e);
        }
    }
}
