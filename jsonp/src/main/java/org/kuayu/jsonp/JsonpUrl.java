package org.kuayu.jsonp;

import java.util.Map;

/**
 * Builds the URL of a JSONP call: the caller's URL, its query kept as given, then the params and the callback,
 * each name and value percent-encoded as UTF-8. Portable by hand-written scanning (no {@code java.net}, no regex).
 *
 * <pre>{@code
 * JsonpUrl.build("https://api.test/find?v=2#top", params, "callback", "__kuayu_jsonp_ab12")
 *   // -> "https://api.test/find?v=2&q=caf%C3%A9%20%26%20cr%C3%A8me&callback=__kuayu_jsonp_ab12#top"
 * }</pre>
 * A fragment is never sent to the server, so the parameters go before {@code #} and the fragment is kept.
 */
public final class JsonpUrl {
    private static final String HEX = "0123456789ABCDEF";

    private JsonpUrl() {
    }

    /** The URL with {@code params} and {@code callbackParam=callbackName} appended to its query. */
    public static String build(String url, Map<String, String> params, String callbackParam, String callbackName) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        StringBuilder sb = new StringBuilder(base.length() + fragment.length() + 64);
        sb.append(base);
        char last = base.isEmpty() ? 0 : base.charAt(base.length() - 1);
        char separator = base.indexOf('?') < 0 ? '?' : last == '?' || last == '&' ? 0 : '&';
        for (Map.Entry<String, String> e : params.entrySet()) {
            separator = appendPair(sb, separator, e.getKey(), e.getValue());
        }
        appendPair(sb, separator, callbackParam, callbackName);
        return sb.append(fragment).toString();
    }

    private static char appendPair(StringBuilder sb, char separator, String name, String value) {
        if (separator != 0) {
            sb.append(separator);
        }
        encode(sb, name);
        sb.append('=');
        encode(sb, value);
        return '&';
    }

    /**
     * {@code s} percent-encoded as UTF-8: only the unreserved characters {@code A-Z a-z 0-9 - _ . ~} stay as they
     * are (a space becomes {@code %20}, never {@code +}). A lone surrogate, which has no UTF-8 form, is sent as
     * U+FFFD, as browsers' URL encoders do.
     */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        encode(sb, s);
        return sb.toString();
    }

    private static void encode(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isUnreserved(c)) {
                sb.append(c);
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            } else if (c >= 0xD800 && c <= 0xDFFF) { // a lone surrogate (GWT has no Character.isSurrogate)
                cp = 0xFFFD;
            }
            if (cp < 0x80) {
                percent(sb, cp);
            } else if (cp < 0x800) {
                percent(sb, 0xC0 | (cp >> 6));
                percent(sb, 0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                percent(sb, 0xE0 | (cp >> 12));
                percent(sb, 0x80 | ((cp >> 6) & 0x3F));
                percent(sb, 0x80 | (cp & 0x3F));
            } else {
                percent(sb, 0xF0 | (cp >> 18));
                percent(sb, 0x80 | ((cp >> 12) & 0x3F));
                percent(sb, 0x80 | ((cp >> 6) & 0x3F));
                percent(sb, 0x80 | (cp & 0x3F));
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static void percent(StringBuilder sb, int b) {
        sb.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
    }
}
