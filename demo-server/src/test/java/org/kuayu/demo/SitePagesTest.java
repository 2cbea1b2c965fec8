package org.kuayu.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The hand-written demo pages (the top level of each {@code sites/<name>/}; {@code test/} pages belong to the
 * integration tests) stay ES5, so that HtmlUnit runs them, and load nothing from outside their own site.
 */
class SitePagesTest {

    /** What ES5 lacks and what the style guide forbids in pages. */
    private static final Pattern NOT_ES5 = Pattern.compile(
        "=>|`|\\b(let|const|async|await)\\s|\\bclass\\s+\\w+\\s*(\\{|extends)|\\bfetch\\s*\\(");
    private static final Pattern EXTERNAL = Pattern.compile("(src|href)=\"(https?:)?//|@import|url\\(\\s*['\"]?(https?:)?//");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    @Test
    void scriptsAreEs5() throws Exception {
        List<Path> files = demoFiles();
        assertTrue(files.size() >= 9, "the demo pages: " + files);
        for (Path file : files) {
            String text = Files.readString(file);
            String script = file.toString().endsWith(".js") ? text : inlineScripts(text);
            Matcher matcher = NOT_ES5.matcher(script);
            if (matcher.find()) {
                fail(file + " is not ES5: " + matcher.group());
            }
        }
    }

    @Test
    void pagesLoadNothingFromOutside() throws Exception {
        for (Path file : demoFiles()) {
            Matcher matcher = EXTERNAL.matcher(Files.readString(file));
            assertFalse(matcher.find(), file + " loads an external resource");
        }
    }

    private static String inlineScripts(String html) {
        Matcher matcher = INLINE_SCRIPT.matcher(html);
        StringBuilder scripts = new StringBuilder();
        while (matcher.find()) {
            scripts.append(matcher.group(1)).append('\n');
        }
        return scripts.toString();
    }

    private static List<Path> demoFiles() throws IOException, URISyntaxException {
        Path sites = Path.of(SitePagesTest.class.getClassLoader().getResource("sites").toURI());
        try (Stream<Path> files = Files.walk(sites, 2)) {
            return files.filter(Files::isRegularFile)
                .filter(file -> file.toString().matches(".*\\.(html|js|css)$"))
                .sorted()
                .collect(Collectors.toList());
        }
    }
}
