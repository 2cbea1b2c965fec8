package org.kuayu.it;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * An open redirect, the kind of endpoint many real sites have somewhere: {@code /test/redirect/?to=<any URL>} answers
 * 302 to that URL. Served on the admitted host site during the tests only, so that {@link OriginGuaranteeTest} can
 * show that no Kuayu remote ever writes through one (a redirect keeps a URL's fragment and a frame's name).
 */
final class OpenRedirect extends Handler.Abstract {
    /** Where the tests serve it. */
    static final String PATH = "/test/redirect/";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        Fields query = Request.extractQueryParameters(request);
        String to = query.getValue("to");
        if (to == null) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        response.setStatus(HttpStatus.FOUND_302);
        response.getHeaders().put(HttpHeader.LOCATION, to);
        callback.succeeded();
        return true;
    }
}
