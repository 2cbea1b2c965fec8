package org.kuayu.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty {@link ErrorHandler} whose answers say the status and its standard reason, and nothing else: no stack
 * trace, no exception message, no handler name, whatever caused the error.
 *
 * <p>Jetty's own error page may echo the message of the exception a handler threw ({@code cause.toString()}),
 * which can carry file paths, class names or data of the server's internals. This handler ignores message and
 * cause; Jetty has already logged them (at WARN, with the stack trace) before the error handler runs, so
 * nothing is lost for the operator.
 *
 * <p>The body is JSON ({@code {"status":404,"reason":"Not Found"}}) when the request's {@code Accept} header
 * names {@code application/json}, and plain text ({@code 404 Not Found}) otherwise; it is sent for every method
 * (Jetty's default skips it for e.g. {@code PUT}), with {@code Cache-Control: must-revalidate,no-cache,no-store}
 * and {@code X-Content-Type-Options: nosniff}. Headers already set by the failing handler (such as
 * {@code Allow} on a 405) are kept.
 *
 * <pre>{@code
 * Server server = new Server();
 * server.setErrorHandler(new SafeErrorHandler());   // also used by every ContextHandler without its own
 * }</pre>
 */
public class SafeErrorHandler extends ErrorHandler {

    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField TEXT = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    /** Every method gets a body, so that no error answer is empty. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String reason = HttpStatus.getMessage(code);
        boolean json = wantsJson(request);
        String body = json
            ? "{\"status\":" + code + ",\"reason\":\"" + reason + "\"}\n"
            : code + " " + reason + "\n";
        response.getHeaders().put(json ? JSON : TEXT);
        response.getHeaders().put(NOSNIFF);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length());
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.US_ASCII)), callback);
    }

    private static boolean wantsJson(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept != null && accept.contains("application/json");
    }
}
