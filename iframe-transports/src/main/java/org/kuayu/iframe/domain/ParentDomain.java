package org.kuayu.iframe.domain;

import org.kuayu.core.Origin;

/**
 * The parent domain two origins can both relax {@code document.domain} to: the longest common suffix of their host
 * names, of at least two labels. {@code www.domain.localhost} and {@code child.domain.localhost} share
 * {@code domain.localhost}; {@code www.domain1.localhost} and {@code www.domain2.localhost} share only
 * {@code localhost}, which is no parent domain to relax to.
 *
 * <pre>{@code
 * ParentDomain.common(Origin.parse("http://www.domain.localhost:8083"),
 *         Origin.parse("http://child.domain.localhost:8084"))     // "domain.localhost"
 * }</pre>
 *
 * <p>It knows no public suffix list: for {@code a.example.co.uk} and {@code b.other.co.uk} it answers
 * {@code co.uk}, which browsers refuse to relax to; the transport then reports the setter as refused.
 */
public final class ParentDomain {
    private ParentDomain() {
    }

    /**
     * The common parent domain, or null when there is none: different schemes, an IP address, or fewer than two
     * shared labels. Ports do not matter: relaxing {@code document.domain} ignores them.
     */
    public static String common(Origin a, Origin b) {
        if (a == null || b == null || !a.scheme().equals(b.scheme()) || isAddress(a.host()) || isAddress(b.host())) {
            return null;
        }
        String x = a.host();
        String y = b.host();
        int i = x.length();
        int j = y.length();
        int commonStart = -1;
        while (i > 0 && j > 0 && x.charAt(i - 1) == y.charAt(j - 1)) {
            i--;
            j--;
            if (x.charAt(i) == '.') {
                commonStart = i + 1;
            }
        }
        if ((i == 0 || x.charAt(i - 1) == '.') && (j == 0 || y.charAt(j - 1) == '.')) {
            commonStart = i;
        }
        if (commonStart < 0 || commonStart >= x.length()) {
            return null;
        }
        String suffix = x.substring(commonStart);
        return suffix.indexOf('.') > 0 ? suffix : null;
    }

    private static boolean isAddress(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        for (int k = 0; k < host.length(); k++) {
            char c = host.charAt(k);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
