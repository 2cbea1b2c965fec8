package org.kuayu.demo;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Gives the requests whose path starts with a prefix to one handler first, and what it leaves (it returns
 * {@code false}) and every other request to the wrapped handler. The target sees the whole path, prefix included.
 * It is how {@link DemoServer.Builder#handler} puts a caller's handler in front of a site's own answers.
 *
 * <pre>{@code
 * new PrefixHandler("/test/jsonp/", new MisbehavingJsonpHandler(), sitePages);
 * }</pre>
 */
final class PrefixHandler extends Handler.Wrapper {

    private final String prefix;
    private final Handler target;

    PrefixHandler(String prefix, Handler target, Handler next) {
        super(next);
        this.prefix = prefix;
        this.target = target;
        addBean(target);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        target.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (Request.getPathInContext(request).startsWith(prefix) && target.handle(request, response, callback)) {
            return true;
        }
        return super.handle(request, response, callback);
    }
}
