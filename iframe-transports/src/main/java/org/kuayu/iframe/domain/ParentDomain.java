package org.kuayu.iframe.domain;

import org.kuayu.core.Origin;
import org.kuayu.core.platform.Platform;

/**
 * The parent domain two origins can both relax {@code document.domain} to: the longest common suffix of their host
 * names, of at least two labels. {@code www.domain.localhost} and {@code child.domain.localhost} share
 * {@code domain.localhost}; {@code www.domain1.localhost} and {@code www.domain2.localhost} share only
 * {@code localhost}, which is no parent domain to relax to.
 *
 * <pre>{@code
 * ParentDomain.common(Origin.parse("http://www.domain.localhost:8085"),
 *         Origin.parse("http://child.domain.localhost:8086"))     // "domain.localhost"
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

    /**
     * Relaxes this page's {@code document.domain} to the parent domain it shares with {@code peer}. Returns null when
     * done, else why not, saying the fix: no shared parent, an unknown peer, or a browser that ignored the setter.
     */
    static String relax(Platform platform, Origin self, Origin peer) {
        String domain = common(self, peer);
        if (domain == null) {
            return peer == null ? "document.domain: this page cannot learn its host page's origin (no"
                    + " location.ancestorOrigins or referrer), so it cannot tell which parent domain to share"
                    : "document.domain needs two origins of one parent domain, such as www.example.com and"
                    + " api.example.com; " + self + " and " + peer + " share none";
        }
        if (!domain.equals(platform.setDocumentDomain(domain))) {
            return "the browser ignored document.domain = '" + domain + "' in this page: its agent cluster is"
                    + " origin-keyed (Chromium on *.localhost, on https, and by default since version 115). Serve"
                    + " both pages with the response header Origin-Agent-Cluster: ?0, or use another transport";
        }
        return null;
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
