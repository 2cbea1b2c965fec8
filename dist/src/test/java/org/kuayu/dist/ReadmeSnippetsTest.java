package org.kuayu.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's "Use it from your own build" snippets come from projects that the build compiles and runs (the
 * examples, and the npm scratch project): each code block after {@code <!-- snippet: path -->} is made of lines of
 * that file (indentation aside; a line {@code ...} stands for lines left out). A snippet that drifts from working code
 * fails here.
 */
class ReadmeSnippetsTest {
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) -->\\n```\\w*\\n(.*?)\\n```",
        Pattern.DOTALL);

    @Test
    void everySnippetIsMadeOfLinesOfItsFile() throws IOException {
        Path root = Path.of(System.getProperty("kuayu.examples")).getParent();
        Matcher snippet = SNIPPET.matcher(Files.readString(root.resolve("README.md")));
        int snippets = 0;
        List<String> strays = new ArrayList<>();
        while (snippet.find()) {
            snippets++;
            Path source = root.resolve(snippet.group(1));
            assertTrue(Files.isRegularFile(source), "README names a snippet source that does not exist: " + source);
            Set<String> lines = new HashSet<>();
            for (String line : Files.readAllLines(source)) {
                lines.add(line.strip());
            }
            for (String line : snippet.group(2).split("\n")) {
                String code = line.strip();
                if (!code.isEmpty() && !code.equals("...") && !lines.contains(code)) {
                    strays.add(snippet.group(1) + ": " + code);
                }
            }
        }

        assertTrue(snippets >= 10, "only " + snippets + " snippets marked in README.md");
        assertEquals(List.of(), strays, "README lines that are not in the file they are taken from");
    }
}
