package org.kuayu.teavm.build;

/**
 * Build step (run by {@link BundleWriter}, never part of the bundle): the two TypeScript declaration files of the
 * {@code kuayu} folder, both from the one source {@code src/main/kuayu/kuayu.d.ts}, so that the type text is written
 * once.
 *
 * <p>The source declares an ES module: its types ({@code export interface ...}) up to the line
 * {@value #VALUE_LINE}, then the module's values (the default export and the named ones). From it:
 * <ul>
 *   <li>{@link #module} gives {@code kuayu.d.mts}, the source itself, which TypeScript pairs with {@code kuayu.mjs}
 *       (and the npm package's {@code exports.types} names);</li>
 *   <li>{@link #global} gives {@code kuayu.d.ts}, which TypeScript pairs with {@code kuayu.js}: a script (no
 *       {@code export}) that declares the global {@code kuayu} of a {@code <script>} page, with the types in a
 *       namespace of the same name ({@code kuayu.Channel}, {@code kuayu.ConnectOptions}, ...).</li>
 * </ul>
 * The source must not declare globals itself ({@code declare global}): an ES module user who forgot the
 * {@code import} would then type-check and fail at run time.
 */
final class Declarations {
    /** The line that ends the types and starts the module's values. */
    static final String VALUE_LINE = "declare const kuayu: Kuayu;";

    private Declarations() {
    }

    /** {@code kuayu.d.mts}: the source, under a first line that says what it declares. */
    static String module(String source, String version) {
        check(source);
        return "// Types of kuayu.mjs, the ES module of the kuayu JS API " + version + ": import kuayu, {connect} from"
                + " \"kuayu\". Contract: docs/js-api.md.\n" + withoutFirstComment(source);
    }

    /** {@code kuayu.d.ts}: the source's types in {@code namespace kuayu}, and the global {@code const kuayu}. */
    static String global(String source, String version) {
        check(source);
        String types = withoutFirstComment(source.substring(0, source.indexOf(VALUE_LINE))).strip();
        StringBuilder out = new StringBuilder()
                .append("// Types of the global `kuayu` of kuayu.js, kuayu-pm.js and kuayu-gwt.js ").append(version)
                .append(" loaded with <script>.\n// Use in a script (no import): /// <reference types=\"kuayu/global\" />,"
                        + " or this file in tsconfig's \"files\".\n// Modules import kuayu.mjs instead, typed by"
                        + " kuayu.d.mts. Contract: docs/js-api.md.\n\n")
                .append("declare namespace kuayu {\n");
        for (String line : types.split("\n", -1)) {
            out.append(line.isEmpty() ? "" : "  " + line).append('\n');
        }
        return out.append("}\n\n/** The kuayu JS API; set by kuayu.js (or kuayu-pm.js, kuayu-gwt.js). */\n")
                .append("declare const kuayu: kuayu.Kuayu;\n").toString();
    }

    private static void check(String source) {
        if (!source.contains("\n" + VALUE_LINE + "\n")) {
            throw new IllegalArgumentException("kuayu.d.ts must declare its types, then the line \"" + VALUE_LINE
                    + "\" and the module's exports: Declarations splits it there");
        }
        if (source.contains("declare global")) {
            throw new IllegalArgumentException("kuayu.d.ts must not declare globals: it is the ES module's "
                    + "declaration; the global one (kuayu.d.ts of the folder) is written from it by Declarations");
        }
    }

    /** The source without its first line when that is a {@code //} comment (which says what the file is). */
    private static String withoutFirstComment(String source) {
        return source.startsWith("//") ? source.substring(source.indexOf('\n') + 1) : source;
    }
}
