package org.kuayu.demo;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code /config.js} with the actual base URLs of all demo sites, keyed by {@link Site#siteName()}, so that
 * pages work on any ports:
 *
 * <pre>{@code
 * window.KUAYU_DEMO = {"domain1": "http://www.domain1.localhost:8081", "domain2": "...", "domain3": "...",
 *     "domain": "http://www.domain.localhost:8085", "child": "http://child.domain.localhost:8086",
 *     "self": "domain1"};
 * }</pre>
 *
 * The script is written for each request (ports chosen at start are only known then) and sent as
 * {@code text/javascript;charset=utf-8} with {@code Cache-Control: no-cache}. Other paths go to the wrapped
 * handler.
 */
final class ConfigScriptHandler extends Handler.Wrapper {

    static final String PATH = "/config.js";

    private final Site self;
    private final Function<Site, URI> baseUrls;

    /**
     * @param self the site this handler serves
     * @param baseUrls the actual base URL of each site; host names are checked by {@link DemoServer.Builder},
     *     so they need no escaping in a script
     */
    ConfigScriptHandler(Site self, Function<Site, URI> baseUrls, Handler next) {
        super(next);
        this.self = self;
        this.baseUrls = baseUrls;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        byte[] body = script().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/javascript;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    String script() {
        StringBuilder script = new StringBuilder("window.KUAYU_DEMO = {");
        for (Site site : Site.values()) {
            script.append('"').append(site.siteName()).append("\": \"").append(baseUrls.apply(site)).append("\", ");
        }
        return script.append("\"self\": \"").append(self.siteName()).append("\"};\n").toString();
    }
}
