package org.kuayu.gwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.kuayu.core.Kuayu;
import org.kuayu.facade.FacadeChannel;
import org.kuayu.iframe.domain.DomainTransport;
import org.kuayu.jsonp.JsonpClient;
import org.kuayu.postmessage.PostMessageTransport;
import org.kuayu.websocket.WebSocketTransport;

/**
 * The GWT trap of TOOLCHAIN.md and STYLE.md: {@code int} multiplication does not wrap to 32 bits in GWT's output
 * (JS numbers are doubles), so code that relies on the wrap, such as a hash {@code h = 31 * h + c}, computes
 * something else in {@code kuayu-gwt.js} than on the JVM or in TeaVM. Every {@code imul} instruction of the portable
 * modules must be one whose result provably fits in an {@code int}, listed below with the reason; a new one fails
 * this test until it is checked (or rewritten in {@code double}: {@code long} would put BigInt in {@code kuayu.js}).
 */
class IntMultiplicationTest {

    /** Method (as javap prints it) -> why its int products cannot overflow. */
    private static final Set<String> BOUNDED = Set.of(
            // port * 10 + digit over at most five digits: at most 99999.
            "org.kuayu.core.Origin: private static int parsePort(java.lang.String, java.lang.String);",
            // n * 10 + digit over at most 9 digits (FrameFields.MAX_DIGITS): at most 999999999.
            "org.kuayu.core.behavior.FrameFields: static int number(java.lang.String, int, int);",
            // number * 10 + digit over at most 9 digits (WireCodec.MAX_NUMBER): at most 999999999.
            "org.kuayu.core.wire.WireCodec: public static org.kuayu.core.wire.Message decode(java.lang.String);",
            // value * 16 + digit over exactly four hex digits: at most 0xFFFF.
            "org.kuayu.core.JsonParser: private char hex4();",
            // length * 10 + digit, only while length is at most 2^21 (NamedFrames.MAX_BATCH_LENGTH): below 2^25.
            "org.kuayu.iframe.name.NamedFrames: static java.util.List<java.lang.String> unbatch(java.lang.String);");

    @Test
    void everyIntMultiplicationOfThePortableModulesIsBounded() {
        Set<String> found = new TreeSet<>();
        for (Class<?> anchor : List.of(Kuayu.class, PostMessageTransport.class, JsonpClient.class,
                DomainTransport.class, FacadeChannel.class, WebSocketTransport.class)) {
            found.addAll(methodsWithImul(location(anchor)));
        }
        Set<String> unchecked = new TreeSet<>(found);
        unchecked.removeAll(BOUNDED);
        assertEquals(Set.of(), unchecked, "int multiplication in portable code: GWT does not wrap it to 32 bits."
                + " Use double where the product may overflow, or list the method here with why it cannot");
        assertEquals(BOUNDED, found, "a listed method no longer multiplies ints: remove it from the list");
    }

    /** The javap scan itself finds what it looks for. */
    @Test
    void theScanSeesAnIntMultiplication() {
        Set<String> methods = methodsWithImul(location(IntMultiplicationTest.class));
        assertTrue(methods.contains("org.kuayu.gwt.IntMultiplicationTest: static int wrapsOnTheJvm(int, int);"),
                methods.toString());
    }

    static int wrapsOnTheJvm(int a, int b) {
        return a * b;
    }

    private static Path location(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "class: method signature" of every method whose code has an imul, for the classes in a jar or folder. */
    private static Set<String> methodsWithImul(Path root) {
        List<String> classes = classNames(root);
        List<String> args = new ArrayList<>(List.of("-c", "-p", "-cp", root.toString()));
        args.addAll(classes);
        StringWriter out = new StringWriter();
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        int status = javap.run(new PrintWriter(out), new PrintWriter(out), args.toArray(new String[0]));
        assertEquals(0, status, out.toString());
        Set<String> methods = new TreeSet<>();
        String type = null;
        String method = null;
        for (String line : out.toString().split("\n")) {
            if (!line.startsWith(" ") && (line.contains("class ") || line.contains("interface "))) {
                type = line.replaceAll(".*(class|interface) ([\\w.$]+).*", "$2");
            } else if (line.startsWith("  ") && !line.startsWith("   ") && line.trim().endsWith(";")) {
                method = line.trim();
            } else if (line.matches("\\s+\\d+: imul\\b.*")) {
                methods.add(type + ": " + method);
            }
        }
        return methods;
    }

    private static List<String> classNames(Path root) {
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    return files.map(p -> root.relativize(p).toString()).filter(n -> n.endsWith(".class"))
                            .map(IntMultiplicationTest::className).collect(Collectors.toList());
                }
            }
            List<String> names = new ArrayList<>();
            try (ZipFile jar = new ZipFile(root.toFile())) {
                for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements();) {
                    String name = e.nextElement().getName();
                    if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                        names.add(className(name));
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }
}
