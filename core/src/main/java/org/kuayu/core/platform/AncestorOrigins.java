package org.kuayu.core.platform;

import org.kuayu.core.Origin;

/**
 * Reads what the browser bindings' {@code ancestorOrigins} script returns: the number of ancestors on the first
 * line, then one line per ancestor, parent first: an origin or URL (the referrer) when the browser tells it, an
 * empty line when it does not. Written once for both bindings, so that their script stays small.
 *
 * <pre>{@code
 * String[] origins = AncestorOrigins.parse("2\nhttp://a.example\n");   // {"http://a.example", null}
 * }</pre>
 */
public final class AncestorOrigins {
    private AncestorOrigins() {
    }

    /** The ancestors' serialised origins ({@code "null"} for an opaque one, null for an unknown one). */
    public static String[] parse(String lines) {
        int end = lines == null ? -1 : lines.indexOf('\n');
        int count = 0;
        for (int i = 0; i < (end < 0 ? 0 : end) && count < 64; i++) {
            char c = lines.charAt(i);
            if (c < '0' || c > '9') {
                return new String[0];
            }
            count = count * 10 + (c - '0');
        }
        String[] out = new String[count];
        int start = end + 1;
        for (int i = 0; i < count && end >= 0; i++) {
            int next = lines.indexOf('\n', start);
            String line = lines.substring(start, next < 0 ? lines.length() : next);
            Origin origin = "null".equals(line) ? null : Origin.tryParse(line);
            out[i] = "null".equals(line) ? "null" : origin == null ? null : origin.toString();
            if (next < 0) {
                break;
            }
            start = next + 1;
        }
        return out;
    }
}
