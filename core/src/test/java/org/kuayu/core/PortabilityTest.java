package org.kuayu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The build check of the portability rule (STYLE.md): the main sources of the portable modules use nothing TeaVM or
 * GWT cannot compile, and touch the browser only through the platform SPI. Comments and string literals are not
 * code and are ignored. The project root is the system property {@code kuayu.root} when set, else the parent of
 * this module's directory, found from where this class was loaded (never from the working directory).
 */
class PortabilityTest {
    /** The portable modules; those not yet in the tree are skipped, but core and postmessage must be there. */
    static final String[] PORTABLE_MODULES = {"core", "postmessage", "jsonp", "facade", "iframe-transports",
        "websocket"};

    private static final String[][] RULES = {
        {"\\borg\\.teavm\\.", "TeaVM API in portable code: go through the platform SPI"},
        {"\\bjsinterop\\.", "GWT JsInterop in portable code: go through the platform SPI"},
        {"\\bcom\\.google\\.gwt\\.", "GWT API in portable code: go through the platform SPI"},
        {"\\bjava\\.util\\.regex\\b", "java.util.regex: scan the string by hand"},
        {"\\bjava\\.util\\.concurrent\\b", "java.util.concurrent: a page has one event loop; use Platform.schedule"},
        {"\\bjava\\.util\\.function\\b", "java.util.function: declare a small interface of our own"},
        {"\\bjava\\.lang\\.reflect\\b", "reflection: TeaVM and GWT keep only what is statically reachable"},
        {"\\bjava\\.io\\b", "java.io: no files or streams in a browser"},
        {"\\bjava\\.nio\\b", "java.nio: no files or buffers in a browser"},
        {"\\bjava\\.net\\b", "java.net: parse URLs with Origin, load with the platform"},
        {"\\bjava\\.time\\b", "java.time: GWT has none; use Platform.now()"},
        {"\\bjava\\.text\\b", "java.text: GWT has almost none"},
        {"\\bjava\\.security\\b", "java.security: use Platform.randomId()"},
        {"\\bString\\.format\\s*\\(", "String.format: concatenate"},
        {"\\b(Thread|ThreadLocal|ExecutorService|Executors)\\b", "threads: a page has one event loop"},
        {"\\bCompletableFuture\\b", "CompletableFuture: answer through a callback"},
        {"\\.getSimpleName\\s*\\(", "getSimpleName: class names are mangled in compiled JS"},
        {"\\bClass\\.forName\\s*\\(", "reflection: TeaVM and GWT keep only what is statically reachable"},
        {"\\.(getDeclared\\w*|getMethods?|getFields?|getConstructors?|newInstance)\\s*\\(", "reflection"},
        {"\\.(wait|notifyAll)\\s*\\(\\s*\\)", "blocking: a page must never wait"},
        {"\\.(split|replaceAll|replaceFirst|matches)\\s*\\(", "regex in disguise: scan the string by hand"},
        {"\\bSystem\\.(exit|getProperty|getenv)\\s*\\(", "no process or environment in a browser"},
    };

    private static final List<Pattern> PATTERNS = new ArrayList<Pattern>();

    static {
        for (String[] rule : RULES) {
            PATTERNS.add(Pattern.compile(rule[0]));
        }
    }

    @Test
    void portableSourcesUseOnlyWhatTeaVmAndGwtCompile() throws IOException {
        Path root = projectRoot();
        List<String> violations = new ArrayList<String>();
        int files = 0;
        for (String module : PORTABLE_MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                assertTrue(!module.equals("core") && !module.equals("postmessage"), "missing " + sources);
                continue;
            }
            for (Path file : javaFiles(sources)) {
                files++;
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String v : violations(text)) {
                    violations.add(root.relativize(file) + ":" + v);
                }
            }
        }
        assertTrue(files >= 20, "scanned only " + files + " files under " + root + ": is the root right?");
        if (!violations.isEmpty()) {
            fail("portable code uses what TeaVM or GWT cannot compile (STYLE.md, portability rule):\n  "
                    + String.join("\n  ", violations));
        }
    }

    @Test
    void theScannerFindsUsesAndIgnoresCommentsAndStrings() {
        String source = String.join("\n",
                "package x;",
                "import java.util.regex.Pattern;",
                "/** Unlike java.io.File or String.format(...), we stay portable. */",
                "class A {",
                "    // new Thread(), java.net.URL",
                "    String s = \"java.nio is fine in a string, so is \\\"Thread\\\" and .split(\";",
                "    char c = '\"';",
                "    void f() { String t = String.format(\"%d\", 1); new Thread(() -> { }).start(); }",
                "    void g(String u) { java.net.URI x = null; u.split(\",\"); getClass().getSimpleName(); }",
                "    /* a block comment over",
                "       two lines: java.lang.reflect */ int h = 1;",
                "    String getClassName() { return getClass().getName(); }",
                "}");
        List<String> found = violations(source);
        List<Integer> lines = found.stream().map(v -> Integer.valueOf(v.substring(0, v.indexOf(':'))))
                .collect(Collectors.toList());
        assertEquals(List.of(2, 8, 8, 9, 9, 9), lines, String.join("\n", found));
    }

    /** Each violation in {@code source} as {@code line: rule (code)}. */
    static List<String> violations(String source) {
        String[] lines = withoutCommentsAndStrings(source).split("\n", -1);
        List<String> found = new ArrayList<String>();
        for (int i = 0; i < lines.length; i++) {
            for (int r = 0; r < RULES.length; r++) {
                if (PATTERNS.get(r).matcher(lines[i]).find()) {
                    found.add((i + 1) + ": " + RULES[r][1] + " (" + lines[i].trim() + ")");
                }
            }
        }
        return found;
    }

    /** The source with comments and string/char literals blanked out, line breaks kept so lines still count. */
    static String withoutCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) {
                    out.append(s.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                for (; i < end; i++) {
                    out.append(s.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                out.append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    /** {@code kuayu.root}, else two levels above this module's {@code target/test-classes}. */
    static Path projectRoot() {
        String configured = System.getProperty("kuayu.root");
        if (configured != null && !configured.isEmpty() && !configured.contains("${")) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        try {
            Path classes = Paths.get(PortabilityTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // core/target/test-classes -> core/target -> core -> the project root
            return classes.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
