package org.kuayu.it;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a page's scripts (a {@code .js} file, or an HTML page's inline scripts, {@code on...} attributes and
 * {@code javascript:} links) and says where they read their own URL and whether what they read can steer them: a
 * value derived from the URL that reaches an allowlist or a Kuayu option ({@code allowedOrigins}, {@code transport},
 * {@code remote}, ...), a URL to load or navigate to, HTML, {@code postMessage}; code from a string ({@code eval},
 * {@code Function}, string timers) anywhere; and a page navigating itself to a computed URL (a command, from the URL
 * or a message). A static reading of ES5, line by line: a value is URL-derived when its line reads the URL or names a
 * variable (or property, or function's return) assigned from such a line. It errs on the side of flagging.
 *
 * <pre>{@code
 * List<UrlInputCheck.Finding> findings = UrlInputCheck.check("remote.html", html);
 * // [read location.search at line 51: ..., URL-derived value into allowedOrigins: at line 198: ...]
 * }</pre>
 */
final class UrlInputCheck {

    /** What reading the page's own URL looks like (a write such as {@code location.hash = x} is no read). */
    private static final Pattern SOURCE = Pattern.compile(
            "(?<![\\w$.])(?:window\\.|self\\.|document\\.)?location\\.(?:search|hash|href)\\b(?!\\s*=(?!=))"
            + "|\\bdocument\\.(?:URL|documentURI|referrer|baseURI)\\b|\\bURLSearchParams\\b"
            + "|(?<![\\w$.])(?:window\\.|self\\.)?location(?=\\s*\\+|\\s*\\)|\\.toString)"
            + "|(?<![\\w$.])window\\.name\\b(?!\\s*=(?!=))");
    /** Code from a string: wrong anywhere in a demo page. */
    private static final Pattern CODE = Pattern.compile(
            "\\beval\\s*\\(|(?<![\\w$.])(?:new\\s+)?Function\\s*\\(|\\bset(?:Timeout|Interval)\\s*\\(\\s*['\"]"
            + "|javascript:");
    /** The page navigating itself to anything but a string literal. */
    private static final Pattern SELF_NAVIGATION = Pattern.compile(
            "(?<![\\w$.])(?:window\\.|self\\.|document\\.|top\\.|parent\\.)?location(?:\\.href)?"
            + "\\s*=(?!=)\\s*+(?!['\"])"
            + "|(?<![\\w$.])(?:window\\.|self\\.|document\\.)?location\\.(?:replace|assign)\\s*\\(\\s*+(?!['\"])");
    /** Where a URL-derived value must not go. */
    private static final Pattern SINK = Pattern.compile(
            "\\b(allowedOrigins|transport|remote|proxy|proxies|targetOrigin|frame|origin|url)\\s*:"
            + "|kuayu\\.(?:accept|connect|jsonp)\\s*\\(|\\.(src|href|action|location)\\s*=(?!=)"
            + "|(?<![\\w$.])location\\s*=(?!=)|\\blocation\\.(?:replace|assign)\\s*\\("
            + "|\\bdocument\\.write(?:ln)?\\s*\\("
            + "|\\.(?:open|setAttribute|postMessage)\\s*\\("
            + "|\\b(innerHTML|outerHTML|insertAdjacentHTML)\\b");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*(?:var\\s+)?([A-Za-z_$][\\w$.]*)(?:\\[.*\\])?\\s*=(?!=)(.*)$");
    private static final Pattern FUNCTION = Pattern.compile("\\bfunction\\s+([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern RETURN = Pattern.compile("\\breturn\\b(.*)$");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER_ATTRIBUTE = Pattern.compile("\\son\\w+\\s*=\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_URL = Pattern.compile("(?:href|src|action)\\s*=\\s*\"\\s*(javascript:[^\"]*)\"",
            Pattern.CASE_INSENSITIVE);

    private UrlInputCheck() {
    }

    /** One thing found: what it is ({@link #kind}: {@code read}, {@code code}, {@code navigation}, {@code sink}). */
    record Finding(String kind, String what, int line, String text) {
        @Override
        public String toString() {
            return kind + " " + what + " at line " + line + ": " + text.strip();
        }
    }

    /** Checks a file by its name: {@code .html} pages by their scripts, anything else as a script. */
    static List<Finding> check(String name, String text) {
        return name.endsWith(".html") || name.endsWith("/") ? checkHtml(text) : checkScript(text);
    }

    static List<Finding> checkHtml(String html) {
        // Keep line numbers: blank out everything but the scripts.
        char[] kept = new char[html.length()];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = html.charAt(i) == '\n' ? '\n' : ' ';
        }
        for (Pattern part : List.of(INLINE_SCRIPT, HANDLER_ATTRIBUTE, SCRIPT_URL)) {
            Matcher matcher = part.matcher(html);
            while (matcher.find()) {
                for (int i = matcher.start(1); i < matcher.end(1); i++) {
                    kept[i] = html.charAt(i);
                }
            }
        }
        return checkScript(new String(kept));
    }

    static List<Finding> checkScript(String script) {
        String[] original = script.split("\n", -1);
        String[] lines = withoutComments(script).split("\n", -1);
        Set<String> tainted = taintedNames(lines);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String shown = i < original.length ? original[i] : line;
            Matcher source = SOURCE.matcher(line);
            while (source.find()) {
                findings.add(new Finding("read", source.group(), i + 1, shown));
            }
            Matcher code = CODE.matcher(line);
            while (code.find()) {
                findings.add(new Finding("code", code.group().strip(), i + 1, shown));
            }
            Matcher navigation = SELF_NAVIGATION.matcher(line);
            if (navigation.find()) {
                findings.add(new Finding("navigation", navigation.group().strip(), i + 1, shown));
            }
            if (isTainted(line, tainted)) {
                Matcher sink = SINK.matcher(line);
                while (sink.find()) {
                    findings.add(new Finding("sink", sink.group().strip(), i + 1, shown));
                }
            }
        }
        return findings;
    }

    /** Every name assigned (directly or through others, or returned by a function) from a line reading the URL. */
    private static Set<String> taintedNames(String[] lines) {
        Set<String> tainted = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            String function = null;
            for (String line : lines) {
                Matcher declared = FUNCTION.matcher(line);
                if (declared.find()) {
                    function = declared.group(1);
                }
                Matcher assignment = ASSIGNMENT.matcher(line);
                if (assignment.find() && isTainted(assignment.group(2), tainted)) {
                    grew |= tainted.add(assignment.group(1));
                }
                Matcher returned = RETURN.matcher(line);
                if (function != null && returned.find() && isTainted(returned.group(1), tainted)) {
                    grew |= tainted.add(function);
                }
            }
        }
        return tainted;
    }

    private static boolean isTainted(String text, Set<String> tainted) {
        if (SOURCE.matcher(text).find()) {
            return true;
        }
        for (String name : tainted) {
            if (Pattern.compile("(?<![\\w$.])" + Pattern.quote(name) + "(?![\\w$])").matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The script with its comments and the contents of its string literals blanked (line breaks and quotes kept):
     * words in a string are text, not code. Regular expressions are left alone.
     */
    private static String withoutComments(String script) {
        StringBuilder out = new StringBuilder(script.length());
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? script.length() : end + 2;
                for (int j = i; j < end; j++) {
                    out.append(script.charAt(j) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '/'
                    && (i == 0 || " \t\n;{}(,".indexOf(script.charAt(i - 1)) >= 0)) {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < script.length() && script.charAt(end) != c && script.charAt(end) != '\n') {
                    end += script.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, script.length());
                out.append(c);
                for (int j = i + 1; j < end - 1; j++) {
                    out.append(' ');
                }
                if (end - 1 > i) {
                    out.append(script.charAt(end - 1));
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
