package org.kuayu.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.kuayu.server.JsonpHandler;

/**
 * The classic JSONP endpoint of the cross-domain tutorial, on domain2: {@code GET /login?user=admin} answers
 * {@code {"status": true, "user": "admin"}} as JSON, and {@code GET /login?user=admin&callback=onBack} the same
 * as {@code /**}{@code /onBack({"status": true, "user": "admin"});} through a {@link JsonpHandler} (which also
 * refuses bad callback names with 400). Other paths go to the wrapped handler.
 *
 * <p>It is a stand-in: it accepts any user name, checks no password and sets no cookie. The name is echoed as a
 * JSON string, escaped ({@code "}, {@code \}, control characters, and {@code <}, {@code >}, {@code &},
 * U+2028, U+2029 as backslash-u escapes with four hex digits), so no name can break out of the string. A missing or empty
 * {@code user} is a refused login, not a broken request: {@code {"status": false, "error": "user is required"}}
 * with status 200, so that the page's callback runs and can show it (a 4xx would only fire the script's error
 * event). Only {@code GET} is answered (405 otherwise); answers carry {@code Cache-Control: no-store}.
 */
final class LoginHandler extends Handler.Wrapper {

    static final String PATH = "/login";

    private final JsonpHandler jsonp = JsonpHandler.builder().build();

    LoginHandler(Handler next) {
        super(next);
        jsonp.setHandler(new LoginAnswer());
        addBean(jsonp);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        jsonp.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        return jsonp.handle(request, response, callback);
    }

    /** {@code s} as a JSON string literal that is also safe inside HTML and old JavaScript engines. */
    static String jsonString(String s) {
        StringBuilder json = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** The JSON answer itself. */
    private static final class LoginAnswer extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!HttpMethod.GET.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET");
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return true;
            }
            String user = Request.extractQueryParameters(request).getValue("user");
            String json = user == null || user.isEmpty()
                ? "{\"status\": false, \"error\": \"user is required\"}"
                : "{\"status\": true, \"user\": " + jsonString(user) + "}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
