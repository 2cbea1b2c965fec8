package org.kuayu.demo;

import java.util.List;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts {@code Content-Security-Policy: frame-ancestors <origins>} on every response of the wrapped handler: the
 * browser shows the page in a frame only when every ancestor of that frame is one of the origins, and refuses it
 * (an empty, error frame; no script of the page runs) under any other site. The demo's remote pages say so, naming
 * the host site that frames them, so that a third site cannot load them in a frame of its own and talk to them or
 * steer them.
 *
 * <pre>{@code
 * new FrameAncestorsHandler(List.of("http://www.domain1.localhost:8081"), remotePages);
 * // Content-Security-Policy: frame-ancestors http://www.domain1.localhost:8081
 * }</pre>
 */
final class FrameAncestorsHandler extends Handler.Wrapper {

    /** The header's name. */
    static final String HEADER = "Content-Security-Policy";

    private final HttpField policy;

    /**
     * @param origins the origins that may frame the pages, such as {@code http://www.domain1.localhost:8081} (no
     *     path); at least one
     */
    FrameAncestorsHandler(List<String> origins, Handler next) {
        super(next);
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("Name at least one origin that may frame the pages");
        }
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]+)?")) {
                throw new IllegalArgumentException("frame-ancestors takes origins like http://host:port; got "
                    + origin);
            }
        }
        policy = new PreEncodedHttpField(HEADER, "frame-ancestors " + String.join(" ", origins));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put(policy);
        return super.handle(request, response, callback);
    }
}
