package org.kuayu.core.platform;

import org.kuayu.core.Origin;

/**
 * Reads what the browser bindings' {@code ancestorOrigins} script returns: one line per ancestor, each starting with
 * a line break, parent first ({@code ""} for a top-level page): an origin or URL (the referrer) when the browser
 * tells it, an empty line when it does not. Written once for both bindings, so that their script stays small.
 *
 * <pre>{@code
 * String[] origins = AncestorOrigins.parse("\nhttp://a.example\n");   // {"http://a.example", null}
 * }</pre>
 */
public final class AncestorOrigins {
    /** The most ancestors read; the scripts stop there too. */
    public static final int MAX = 64;

    private AncestorOrigins() {
    }

    /** The ancestors' serialised origins ({@code "null"} for an opaque one, null for an unknown one). */
    public static String[] parse(String lines) {
        int count = 0;
        for (int i = 0; lines != null && i < lines.length() && count < MAX; i++) {
            if (lines.charAt(i) == '\n') {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 1;
        for (int i = 0; i < count; i++) {
            int next = lines.indexOf('\n', start);
            String line = lines.substring(start, next < 0 ? lines.length() : next);
            Origin origin = Origin.tryParse(line);
            out[i] = "null".equals(line) ? "null" : origin == null ? null : origin.toString();
            start = next + 1;
        }
        return out;
    }
}
