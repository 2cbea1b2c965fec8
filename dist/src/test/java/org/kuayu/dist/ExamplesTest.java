package org.kuayu.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The examples (examples/*, projects outside this build, which scripts/test.sh builds against the installed
 * artifacts) name the versions this build makes and pins: a release that changes one fails here, not in a user's
 * hands.
 */
class ExamplesTest {
    private static final Pattern PROPERTY = Pattern.compile("<([a-z.-]+\\.version)>([^<]+)</\\1>");

    @Test
    void everyExampleNamesTheVersionsOfThisBuild() throws IOException {
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Path.of(System.getProperty("kuayu.examples")))) {
            for (Path pom : (Iterable<Path>) examples.map(dir -> dir.resolve("pom.xml")).filter(Files::isRegularFile)
                    .sorted()::iterator) {
                Matcher property = PROPERTY.matcher(Files.readString(pom));
                while (property.find()) {
                    String expected = System.getProperty("example." + property.group(1));
                    if (expected != null) {
                        checked.add(pom.getParent().getFileName() + " " + property.group(1));
                        if (!expected.equals(property.group(2))) {
                            wrong.add(pom + ": " + property.group(1) + " is " + property.group(2) + ", the build has "
                                + expected);
                        }
                    }
                }
            }
        }

        assertFalse(checked.isEmpty(), "no example pom names a version");
        assertEquals(List.of(), wrong);
        assertEquals(List.of("gwt-app gwt-plugin.version", "gwt-app gwt.version", "gwt-app kuayu.version",
            "jetty-server jetty.version", "jetty-server junit.version", "jetty-server kuayu.version",
            "teavm-app kuayu.version", "teavm-app teavm.version"), checked.stream().sorted().toList());
    }
}
