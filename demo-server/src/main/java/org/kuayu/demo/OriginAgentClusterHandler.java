package org.kuayu.demo;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Puts {@code Origin-Agent-Cluster: ?0} on every response of the wrapped handler: the page asks to share its agent
 * cluster with the other pages of its site, the only kind of cluster in which a browser still honours
 * {@code document.domain = ...}. Chromium keys agent clusters by origin by default since version 115, and always
 * on {@code *.localhost} and https, and there ignores the setter; this header is the documented opt-out.
 *
 * <p>A request whose query has {@value #OPT_IN_PARAMETER}{@code =1} gets {@code Origin-Agent-Cluster: ?1} instead,
 * so that a demo or a test can show what a page without the opt-out gets. (Browsers key an origin the same way for
 * as long as a browsing context group lives, so a page that wants the other keying opens in a new one, such as a
 * {@code rel="noopener"} window.)
 *
 * <pre>{@code
 * GET /document-domain.html        ->  Origin-Agent-Cluster: ?0
 * GET /document-domain.html?oac=1  ->  Origin-Agent-Cluster: ?1
 * }</pre>
 */
final class OriginAgentClusterHandler extends Handler.Wrapper {

    /** The header's name. */
    static final String HEADER = "Origin-Agent-Cluster";
    /** The query parameter that asks for the origin-keyed answer. */
    static final String OPT_IN_PARAMETER = "oac";

    private static final HttpField SITE_KEYED = new PreEncodedHttpField(HEADER, "?0");
    private static final HttpField ORIGIN_KEYED = new PreEncodedHttpField(HEADER, "?1");

    OriginAgentClusterHandler(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        response.getHeaders().put("1".equals(query.getValue(OPT_IN_PARAMETER)) ? ORIGIN_KEYED : SITE_KEYED);
        return super.handle(request, response, callback);
    }
}
