package org.kuayu.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.kuayu.server.JsonpHandler;

/**
 * JSONP endpoints that misbehave on purpose, named by the last segment of the path under whatever prefix the handler
 * is mounted ({@link DemoServer.Builder#handler}): the demo mounts them on domain2 under {@value #DEMO_PREFIX} for the
 * JSONP page's failure buttons; the integration tests and the bench mount them again under {@code /test/jsonp/}.
 * <ul>
 *   <li>{@code echo?a=1&b=x}: answers {@code {"params": {"a": "1", "b": "x"}}} (every query parameter but the
 *       callback), to show how parameters were encoded;</li>
 *   <li>{@code slow?delay=MS}: answers {@code {"slow": true, "delay": MS}} after MS milliseconds (at most 10000),
 *       without holding a thread: a reply that may arrive after the caller's timeout;</li>
 *   <li>{@code silent}: a script that runs and never calls the callback.</li>
 * </ul>
 * {@code echo} and {@code slow} go through a {@link JsonpHandler}, like the real {@code /login}.
 *
 * <pre>{@code
 * DemoServer.builder().handler(Site.DOMAIN2, "/test/jsonp/", demo -> new MisbehavingJsonpHandler());
 * kuayu.jsonp("http://www.domain2.localhost:8082/test/jsonp/slow", {params: {delay: 2000}, timeout: 500});
 * }</pre>
 * Any other name is a 404.
 */
public final class MisbehavingJsonpHandler extends Handler.Wrapper {

    /** Where the demo serves them on domain2, for its JSONP page: {@value}. */
    static final String DEMO_PREFIX = "/jsonp/";
    static final int MAX_DELAY_MILLIS = 10_000;

    public MisbehavingJsonpHandler() {
        super(JsonpHandler.builder().build());
        ((JsonpHandler) getHandler()).setHandler(new Answers());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (name(request).equals("silent")) {
            write(response, "text/javascript; charset=utf-8", "/* This script never calls its callback. */\n",
                callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** The endpoint's name: the last segment of the path. */
    private static String name(Request request) {
        String path = Request.getPathInContext(request);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void write(Response response, String type, String text, Callback callback) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The JSON answers that {@link JsonpHandler} wraps. */
    private static final class Answers extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String name = name(request);
            Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            if (name.equals("echo")) {
                StringBuilder json = new StringBuilder("{\"params\": {");
                for (Fields.Field field : query) {
                    if (field.getName().equals(JsonpHandler.DEFAULT_CALLBACK_PARAMETER)) {
                        continue;
                    }
                    json.append(json.charAt(json.length() - 1) == '{' ? "" : ", ")
                        .append(LoginHandler.jsonString(field.getName())).append(": ")
                        .append(LoginHandler.jsonString(field.getValue()));
                }
                write(response, "application/json", json.append("}}").toString(), callback);
                return true;
            }
            if (name.equals("slow")) {
                int delay = delay(query.getValue("delay"));
                if (delay < 0) {
                    Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                        "delay must be a whole number of milliseconds from 0 to " + MAX_DELAY_MILLIS);
                    return true;
                }
                request.getComponents().getScheduler().schedule(() -> write(response, "application/json",
                    "{\"slow\": true, \"delay\": " + delay + "}", callback), delay, TimeUnit.MILLISECONDS);
                return true;
            }
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }

        private static int delay(String text) {
            if (text == null || text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int value = Integer.parseInt(text);
            return value <= MAX_DELAY_MILLIS ? value : -1;
        }
    }
}
