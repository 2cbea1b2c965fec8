package org.kuayu.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the answers of a JSON-producing handler into JSONP when the request asks for it, with none of the
 * classic holes of JSONP endpoints.
 *
 * <p>A request with the callback parameter ({@value #DEFAULT_CALLBACK_PARAMETER} by default), such as
 * {@code GET /login?user=admin&callback=onBack}, gets the wrapped handler's JSON as a script:
 * <pre>{@code /**}{@code /onBack({"status":true,"user":"admin"});}</pre>
 * sent as {@code text/javascript; charset=utf-8} with {@code X-Content-Type-Options: nosniff}. The leading empty
 * comment keeps the answer from starting with bytes the caller chose (the "Rosetta Flash" sniffing attack);
 * U+2028 and U+2029, legal in JSON but line breaks in older JavaScript engines, are written as <code>&#92;u2028</code>
 * and <code>&#92;u2029</code>. A request without the parameter goes to the wrapped handler untouched: its
 * {@code application/json} answer is streamed as it was, nothing is buffered.
 *
 * <p>What a JSONP request can get:
 * <ul>
 *   <li><b>A refused callback name</b> (not {@link JsonpCallbackName#isValid valid}, empty, or the parameter
 *       given twice): {@code 400} with {@code {"error":"invalid callback name",...}} as {@code application/json}.
 *       The name is never written into the answer, its headers or the log. The wrapped handler does not run.</li>
 *   <li><b>Another method than {@code GET}</b>, {@code HEAD} included: {@code 405} with {@code Allow: GET} and a
 *       JSON error. A script element only ever sends {@code GET}; any other method with a callback parameter is
 *       not a JSONP client, and refusing it keeps the answer's length and shape the one thing it can be.</li>
 *   <li><b>A 2xx answer</b>: the script above. An empty 2xx answer (such as {@code 204}) becomes
 *       {@code /**}{@code /name(null);} with status {@code 200}, so that the callback still runs. A non-empty 2xx
 *       answer must be JSON ({@code application/json} or {@code *+json}, UTF-8, no {@code Content-Encoding}):
 *       anything else would run as script under this origin, so it is replaced by {@code 500} and a JSON
 *       error, and logged.</li>
 *   <li><b>Any other status</b> (3xx, 4xx, 5xx): the wrapped handler's answer as it was, status and body, plus
 *       {@code nosniff}. A script element cannot read a status or a body, but a browser does not run a script
 *       whose status is not 2xx: it fires the element's {@code error} event, which is how a JSONP client learns
 *       at once that the call failed (rather than after its timeout). Wrapping errors into a 200 script would
 *       instead call the success callback with an error object the client must tell from data, and hide the
 *       failure from caches and monitoring. So the callback is only ever called with a success answer.</li>
 *   <li><b>An answer over the size limit</b> ({@value #DEFAULT_MAX_BYTES} bytes of JSON by default): the
 *       wrapped handler's next write fails, and the answer is {@code 500} with
 *       {@code {"error":"answer too large for JSONP",...}}: a script must be whole, never truncated.</li>
 *   <li><b>A wrapped handler that throws or fails</b>: the server's error handler answers, as without JSONP
 *       (use {@link SafeErrorHandler} so that no stack trace or message leaves the server).</li>
 * </ul>
 * The whole JSONP answer is buffered (up to the limit) and sent with its {@code Content-Length}.
 *
 * <p>JSONP lets any site read the answer, with the user's cookies: wrap only what every site may read. Put
 * this handler around the JSON endpoints only, not a whole site: it answers any request with the parameter.
 *
 * <p>Defaults: parameter {@value #DEFAULT_CALLBACK_PARAMETER}, limit {@value #DEFAULT_MAX_BYTES} bytes. The
 * options are fixed when the handler is built, so nothing can change once it has started.
 *
 * <pre>{@code
 * JsonpHandler jsonp = JsonpHandler.builder().callbackParameter("cb").maxBytes(64 * 1024).build();
 * jsonp.setHandler(new MyJsonHandler());        // answers application/json
 * server.setErrorHandler(new SafeErrorHandler());
 * }</pre>
 */
public final class JsonpHandler extends Handler.Wrapper {

    /** The default name of the query parameter that carries the callback name: {@value}. */
    public static final String DEFAULT_CALLBACK_PARAMETER = "callback";
    /** The default limit of the wrapped handler's JSON under JSONP, in bytes: {@value} (1 MiB). */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JsonpHandler.class);
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField SCRIPT =
        new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/javascript; charset=utf-8");
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final String callbackParameter;
    private final int maxBytes;

    private JsonpHandler(Builder builder) {
        this.callbackParameter = builder.callbackParameter;
        this.maxBytes = builder.maxBytes;
    }

    /** Returns a builder with the defaults: parameter {@code callback}, limit 1 MiB. */
    public static Builder builder() {
        return new Builder();
    }

    public String getCallbackParameter() {
        return callbackParameter;
    }

    public int getMaxBytes() {
        return maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> names = Request.extractQueryParameters(request).getValuesOrEmpty(callbackParameter);
        if (names.isEmpty()) {
            return super.handle(request, response, callback);
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            writeJsonError(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                "{\"error\":\"JSONP answers GET only\",\"parameter\":\"" + callbackParameter + "\"}");
            return true;
        }
        if (names.size() != 1 || !JsonpCallbackName.isValid(names.get(0))) {
            LOG.debug("Refused a JSONP request to {}: bad callback name (given {} time(s))",
                Request.getPathInContext(request), names.size());
            writeJsonError(response, callback, HttpStatus.BAD_REQUEST_400,
                "{\"error\":\"invalid callback name\",\"parameter\":\"" + callbackParameter + "\",\"rule\":\""
                    + JsonpCallbackName.RULE + "\"}");
            return true;
        }
        Handler json = getHandler();
        if (json == null) {
            return false;
        }
        BufferedAnswer answer = new BufferedAnswer(request, response, callback, names.get(0));
        return json.handle(request, answer, answer);
    }

    private static void writeJsonError(Response response, Callback callback, int status, String json) {
        byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(JSON);
        response.getHeaders().put(NOSNIFF);
        response.getHeaders().put(NO_STORE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Whether the wrapped handler's answer is JSON we may turn into a script. */
    private static boolean isUtf8Json(Response response) {
        String contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String encoding = response.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (contentType == null || (encoding != null && !encoding.equalsIgnoreCase("identity"))) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters))
            .trim().toLowerCase(Locale.ROOT);
        String charset = MimeTypes.getCharsetFromContentType(contentType);
        return (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json")))
            && (charset == null || charset.equalsIgnoreCase("utf-8"));
    }

    /** {@code /**}{@code /name(json);} with U+2028 and U+2029 (UTF-8 {@code E2 80 A8/A9}) escaped. */
    static byte[] script(String name, byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + name.length() + 16);
        out.writeBytes(("/**/" + name + "(").getBytes(StandardCharsets.US_ASCII));
        int copied = 0;
        for (int i = 0; i + 2 < json.length; i++) {
            if (json[i] == (byte) 0xE2 && json[i + 1] == (byte) 0x80
                && (json[i + 2] == (byte) 0xA8 || json[i + 2] == (byte) 0xA9)) {
                out.write(json, copied, i - copied);
                String escape = json[i + 2] == (byte) 0xA8 ? "\\u2028" : "\\u2029";
                out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
                i += 2;
                copied = i + 1;
            }
        }
        out.write(json, copied, json.length - copied);
        out.writeBytes(");".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * The response the wrapped handler writes into (kept in memory, up to the limit) and the callback it
     * completes (which sends the real answer). Jetty completes writes and the callback one after another.
     */
    private final class BufferedAnswer extends Response.Wrapper implements Callback {
        private final Callback callback;
        private final String name;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean tooLarge;

        BufferedAnswer(Request request, Response response, Callback callback, String name) {
            super(request, response);
            this.callback = callback;
            this.name = name;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback writeCallback) {
            int length = content == null ? 0 : content.remaining();
            if (tooLarge || (long) body.size() + length > maxBytes) {
                tooLarge = true;
                writeCallback.failed(new IllegalStateException("JSONP answer over " + maxBytes + " bytes"));
                return;
            }
            byte[] bytes = new byte[length];
            if (length > 0) {
                content.duplicate().get(bytes);
            }
            body.writeBytes(bytes);
            writeCallback.succeeded();
        }

        @Override
        public void reset() {
            super.reset();
            body.reset();
        }

        @Override
        public void succeeded() {
            if (tooLarge) {
                answerTooLarge();
                return;
            }
            Response response = getWrapped();
            int status = response.getStatus() == 0 ? HttpStatus.OK_200 : response.getStatus();
            if (!HttpStatus.isSuccess(status)) {
                response.getHeaders().put(NOSNIFF);
                response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
                return;
            }
            if (body.size() > 0 && !isUtf8Json(response)) {
                LOG.warn("The handler wrapped by JSONP at {} answered {} (Content-Encoding {}), not UTF-8 JSON; "
                        + "answered 500", Request.getPathInContext(getRequest()),
                    response.getHeaders().get(HttpHeader.CONTENT_TYPE),
                    response.getHeaders().get(HttpHeader.CONTENT_ENCODING));
                response.reset();
                writeJsonError(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                    "{\"error\":\"the JSONP endpoint did not answer JSON\"}");
                return;
            }
            byte[] script = script(name, body.size() == 0 ? NULL : body.toByteArray());
            if (status == HttpStatus.NO_CONTENT_204 || status == HttpStatus.RESET_CONTENT_205) {
                response.setStatus(HttpStatus.OK_200);
            }
            response.getHeaders().put(SCRIPT);
            response.getHeaders().put(NOSNIFF);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, script.length);
            response.write(true, ByteBuffer.wrap(script), callback);
        }

        @Override
        public void failed(Throwable failure) {
            if (tooLarge) {
                answerTooLarge();
            } else {
                callback.failed(failure);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }

        private void answerTooLarge() {
            LOG.warn("The handler wrapped by JSONP at {} answered more than {} bytes; answered 500",
                Request.getPathInContext(getRequest()), maxBytes);
            Response response = getWrapped();
            response.reset();
            writeJsonError(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                "{\"error\":\"answer too large for JSONP\",\"limit\":" + maxBytes + "}");
        }
    }

    /**
     * Options of a {@link JsonpHandler}; each setter checks its argument and says how to fix it.
     *
     * <pre>{@code
     * JsonpHandler.builder().callbackParameter("jsonp").maxBytes(256 * 1024).build();
     * }</pre>
     */
    public static final class Builder {
        private String callbackParameter = DEFAULT_CALLBACK_PARAMETER;
        private int maxBytes = DEFAULT_MAX_BYTES;

        private Builder() {
        }

        /** The query parameter naming the callback: 1 to 64 of {@code A-Z a-z 0-9 _ . -}. Default {@code callback}. */
        public Builder callbackParameter(String callbackParameter) {
            Objects.requireNonNull(callbackParameter, "callbackParameter");
            if (!PARAMETER_NAME.matcher(callbackParameter).matches()) {
                throw new IllegalArgumentException("callbackParameter is a query parameter name of 1 to 64 ASCII "
                    + "letters, digits, '_', '.', '-', like \"callback\" or \"jsonp\"; got \"" + callbackParameter
                    + "\"");
            }
            this.callbackParameter = callbackParameter;
            return this;
        }

        /** The largest JSON answer turned into JSONP, in bytes (at least 1). Default 1 MiB. */
        public Builder maxBytes(int maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes is the largest JSON answer in bytes and must be at least "
                    + "1, like 1048576 for 1 MiB; got " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        public JsonpHandler build() {
            return new JsonpHandler(this);
        }
    }
}
