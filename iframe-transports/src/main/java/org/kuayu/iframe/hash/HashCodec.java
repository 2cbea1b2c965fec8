package org.kuayu.iframe.hash;

import org.kuayu.core.stack.FrameCost;

/**
 * Percent-encoding of text for a URL fragment, as UTF-8, the way {@code decodeURIComponent} (proxy.js) undoes it, and
 * what that costs per character. Only RFC 3986's fragment characters stay raw (letters, digits and
 * {@code -._~!$&'()*+,;=:@/?}): every browser keeps them as they are, where some (HtmlUnit) encode
 * {@code | { } [ ]} themselves and a URL would grow behind the writer's back.
 *
 * <pre>{@code
 * String fragment = HashCodec.encode("kuayu1|MSG|c|0|\"hi\"", false);   // kuayu1%7CMSG%7Cc%7C0%7C%22hi%22
 * String frame = HashCodec.decode(fragment);                            // null for malformed text
 * }</pre>
 *
 * <p>A lone surrogate (half a pair, which no URL can hold) is written as U+FFFD, as browsers write it into URLs.
 */
final class HashCodec {
    /**
     * What a code point costs encoded, exactly: 1 raw, 3 for other ASCII ({@code %XX}), then 3 per UTF-8 byte: 6 below
     * U+0800, 9 below U+10000 (a lone surrogate too, written as U+FFFD), 12 above.
     */
    static final FrameCost COST = new FrameCost() {
        @Override
        public int of(int codePoint) {
            return codePoint < 0x80 ? (isRaw((char) codePoint, false) ? 1 : 3) : codePoint < 0x800 ? 6
                    : codePoint < 0x10000 ? 9 : 12;
        }
    };

    private static final String HEX = "0123456789ABCDEF";

    private HashCodec() {
    }

    /** True for the characters written as they are; {@code strict} also encodes {@code :}, the field separator. */
    static boolean isRaw(char c, boolean strict) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || (c == ':' ? !strict : "-._~!$&'()*+,;=@/?".indexOf(c) >= 0);
    }

    /** {@code text} percent-encoded as UTF-8, all but the raw characters. */
    static String encode(String text, boolean strict) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (isRaw(c, strict)) {
                    sb.append(c);
                } else {
                    escape(sb, c);
                }
            } else if (c < 0x800) {
                escape(sb, 0xC0 | c >> 6);
                escape(sb, 0x80 | c & 0x3F);
            } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && text.charAt(i + 1) >= 0xDC00
                    && text.charAt(i + 1) <= 0xDFFF) {
                int code = 0x10000 + ((c - 0xD800) << 10) + (text.charAt(++i) - 0xDC00);
                escape(sb, 0xF0 | code >> 18);
                escape(sb, 0x80 | code >> 12 & 0x3F);
                escape(sb, 0x80 | code >> 6 & 0x3F);
                escape(sb, 0x80 | code & 0x3F);
            } else {
                int code = c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c;
                escape(sb, 0xE0 | code >> 12);
                escape(sb, 0x80 | code >> 6 & 0x3F);
                escape(sb, 0x80 | code & 0x3F);
            }
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, int b) {
        sb.append('%').append(HEX.charAt(b >> 4 & 15)).append(HEX.charAt(b & 15));
    }

    /**
     * Undoes {@link #encode} (and any percent-encoding a browser added): {@code %XX} sequences are UTF-8, other
     * characters stand for themselves. Null for what {@code decodeURIComponent} would refuse: a stray {@code %}, or
     * bytes that are not UTF-8 (overlong, a surrogate, beyond U+10FFFF, cut short).
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            int lead = hexByte(text, i);
            int extra = lead < 0x80 ? 0 : lead >= 0xC2 && lead < 0xE0 ? 1 : lead >= 0xE0 && lead < 0xF0 ? 2
                    : lead >= 0xF0 && lead < 0xF5 ? 3 : -1;
            if (lead < 0 || extra < 0) {
                return null;
            }
            int code = extra == 0 ? lead : lead & (0x3F >> extra);
            for (int k = 0; k < extra; k++) {
                i += 3;
                int next = hexByte(text, i);
                if (next < 0x80 || next > 0xBF) {
                    return null;
                }
                code = code << 6 | next & 0x3F;
            }
            if (extra == 2 && (code < 0x800 || code >= 0xD800 && code <= 0xDFFF)
                    || extra == 3 && (code < 0x10000 || code > 0x10FFFF)) {
                return null;
            }
            if (code >= 0x10000) {
                sb.append((char) (0xD800 + (code - 0x10000 >> 10))).append((char) (0xDC00 + (code & 0x3FF)));
            } else {
                sb.append((char) code);
            }
            i += 3;
        }
        return sb.toString();
    }

    /** The byte of the {@code %XX} at {@code at}, or -1 when there is none. */
    private static int hexByte(String text, int at) {
        if (at + 2 >= text.length() || text.charAt(at) != '%') {
            return -1;
        }
        int high = hexDigit(text.charAt(at + 1));
        int low = hexDigit(text.charAt(at + 2));
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f'
                ? c - 'a' + 10 : -1;
    }
}
