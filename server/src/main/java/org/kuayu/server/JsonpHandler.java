package org.kuayu.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
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
import org.kuayu.core.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the answers of a JSON-producing handler into JSONP when the request asks for it, with none of the
 * classic holes of JSONP endpoints.
 *
 * <p>A request with the callback parameter ({@value #DEFAULT_CALLBACK_PARAMETER} by default), such as
 * {@code GET /login?user=admin&callback=onBack}, gets the wrapped handler's JSON as a script:
 * <pre>{@code /**}{@code /onBack({"status":true,"user":"admin"});}</pre>
 * sent as {@code text/javascript; charset=utf-8} with {@code X-Content-Type-Options: nosniff}. The script runs in
 * the origin of the page that includes it; what keeps the answer from ever being run or rendered as anything else
 * under this server's own origin is that type with {@code nosniff}, and the leading empty comment, which keeps the
 * answer from starting with bytes the caller chose (the "Rosetta Flash" sniffing attack). The callback name is
 * what protects the including pages: see {@link JsonpCallbackName} for its grammar and threat model, and
 * {@link Builder#callbackNames} to restrict it further. U+2028 and U+2029, legal in JSON but line breaks in older
 * JavaScript engines, are written as <code>&#92;u2028</code> and <code>&#92;u2029</code>. A request without the
 * parameter goes to the wrapped handler untouched: its {@code application/json} answer is streamed as it was,
 * nothing is buffered.
 *
 * <p>What a JSONP request can get:
 * <ul>
 *   <li><b>A refused callback name</b> (not {@link JsonpCallbackName#isValid valid}, refused by the
 *       {@link Builder#callbackNames} predicate, empty, or the parameter given twice): {@code 400} with
 *       {@code {"error":"invalid callback name",...}} as {@code application/json}. The name is never written into
 *       the answer, its headers or the log. The wrapped handler does not run.</li>
 *   <li><b>Another method than {@code GET}</b>, {@code HEAD} included: {@code 405} with {@code Allow: GET} and a
 *       JSON error. A script element only ever sends {@code GET}; any other method with a callback parameter is
 *       not a JSONP client, and refusing it keeps the answer's length and shape the one thing it can be.</li>
 *   <li><b>A 2xx answer</b>: the script above. An empty 2xx answer (such as {@code 204}) becomes
 *       {@code /**}{@code /name(null);} with status {@code 200}, so that the callback still runs. A non-empty 2xx
 *       answer must be exactly one JSON value ({@code application/json} or {@code *+json}, valid UTF-8, no
 *       {@code Content-Encoding}, and checked with {@link Json#isValid}): anything else, such as a JSON-injection
 *       bug of the wrapped handler ({@code {"a":1});alert(1);//}), would run as script in the including page, so it
 *       is replaced by {@code 500} and {@code {"error":"the JSONP endpoint did not answer JSON"}}, and logged. The
 *       script drops the wrapped handler's {@code Content-Range}, {@code Accept-Ranges} and {@code ETag}, which
 *       described the JSON, not the script.</li>
 *   <li><b>{@code 206 Partial Content}</b>: a part of JSON is not JSON; answered as a non-JSON answer above.</li>
 *   <li><b>A 3xx answer</b>: {@code 500} with {@code {"error":"the JSONP endpoint answered a redirect"}}, logged;
 *       the redirect is never forwarded. A script element follows redirects and runs whatever {@code Location}
 *       names, so an open redirect of the wrapped API would otherwise run any script in the including page.</li>
 *   <li><b>A 4xx or 5xx answer</b>: the wrapped handler's answer as it was, status and body, plus {@code nosniff},
 *       streamed without buffering (the decision is made at its first write, or when it completes without
 *       writing), so a large error stays what it was. A script element cannot read a status or a body, and a
 *       browser does not run a script answered with a 4xx or 5xx status: it fires the element's {@code error}
 *       event, which is how a JSONP client learns at once that the call failed (rather than after its timeout).
 *       Wrapping errors into a 200 script would instead call the success callback with an error object the client
 *       must tell from data, and hide the failure from caches and monitoring. So the callback is only ever called
 *       with a success answer.</li>
 *   <li><b>An answer over the size limit</b> ({@value #DEFAULT_MAX_BYTES} bytes of JSON by default, at most
 *       {@value #MAX_MAX_BYTES}): the wrapped handler's write that crosses it fails, and the answer is {@code 500}
 *       with {@code {"error":"answer too large for JSONP",...}}: a script must be whole, never truncated. This is
 *       final: if the wrapped handler catches the failure, {@link Response#reset() resets} the response and writes
 *       another (even small) answer, its writes keep failing and the answer stays this {@code 500}; a handler
 *       that was cut off mid-answer is not trusted to produce a whole one.</li>
 *   <li><b>A wrapped handler that throws or fails</b>: the server's error handler answers, as without JSONP
 *       (use {@link SafeErrorHandler} so that no stack trace or message leaves the server).</li>
 * </ul>
 * A 2xx JSONP answer is buffered (up to the limit) and sent with its {@code Content-Length}.
 *
 * <p>JSONP lets any site read the answer, with the user's cookies: wrap only what every site may read. Put
 * this handler around the JSON endpoints only, not a whole site: it answers any request with the parameter.
 *
 * <p>Defaults: parameter {@value #DEFAULT_CALLBACK_PARAMETER}, limit {@value #DEFAULT_MAX_BYTES} bytes, any name
 * of the grammar that is one identifier (dotted paths only with {@link Builder#allowDottedCallbacks}). The options
 * are fixed when the handler is built, so nothing can change once it has started.
 *
 * <pre>{@code
 * JsonpHandler jsonp = JsonpHandler.builder().callbackParameter("cb").maxBytes(64 * 1024)
 *     .callbackNames(name -> name.startsWith("__kuayu_jsonp_")).build();
 * jsonp.setHandler(new MyJsonHandler());        // answers application/json
 * server.setErrorHandler(new SafeErrorHandler());
 * }</pre>
 */
public final class JsonpHandler extends Handler.Wrapper {

    /** The default name of the query parameter that carries the callback name: {@value}. */
    public static final String DEFAULT_CALLBACK_PARAMETER = "callback";
    /** The default limit of the wrapped handler's JSON under JSONP, in bytes: {@value} (1 MiB). */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    /** The highest limit {@link Builder#maxBytes} accepts, in bytes: {@value} (64 MiB). */
    public static final int MAX_MAX_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JsonpHandler.class);
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField SCRIPT =
        new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/javascript; charset=utf-8");
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final String NOT_JSON = "{\"error\":\"the JSONP endpoint did not answer JSON\"}";
    private static final String REDIRECT = "{\"error\":\"the JSONP endpoint answered a redirect\"}";

    private final String callbackParameter;
    private final int maxBytes;
    private final Predicate<String> callbackNames;
    private final boolean dottedCallbacks;

    private JsonpHandler(Builder builder) {
        this.dottedCallbacks = builder.dottedCallbacks;
        this.callbackParameter = builder.callbackParameter;
        this.maxBytes = builder.maxBytes;
        this.callbackNames = builder.callbackNames;
    }

    /**
     * Returns a builder with the defaults: parameter {@code callback}, limit 1 MiB, any one-identifier name of the
     * grammar.
     */
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
        if (names.size() != 1 || !(dottedCallbacks ? JsonpCallbackName.isValidPath(names.get(0))
            : JsonpCallbackName.isValid(names.get(0))) || !callbackNames.test(names.get(0))) {
            LOG.debug("Refused a JSONP request to {}: bad callback name (given {} time(s))",
                Request.getPathInContext(request), names.size());
            writeJsonError(response, callback, HttpStatus.BAD_REQUEST_400,
                "{\"error\":\"invalid callback name\",\"parameter\":\"" + callbackParameter + "\",\"rule\":\""
                    + (dottedCallbacks ? JsonpCallbackName.PATH_RULE : JsonpCallbackName.RULE) + "\"}");
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

    /** Whether the wrapped handler's answer is labelled as JSON we may turn into a script. */
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

    /** Whether the first {@code length} bytes of {@code json} are valid UTF-8 holding exactly one JSON value. */
    static boolean isOneJsonValue(byte[] json, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Json.isValid(decoder.decode(ByteBuffer.wrap(json, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** {@code /**}{@code /name(json);} with U+2028 and U+2029 (UTF-8 {@code E2 80 A8/A9}) escaped. */
    static byte[] script(String name, byte[] json) {
        return script(name, json, json.length);
    }

    /** {@link #script(String, byte[])} of the first {@code length} bytes, built in one exactly sized array. */
    static byte[] script(String name, byte[] json, int length) {
        int separators = 0;
        for (int i = 0; i + 2 < length; i++) {
            if (isSeparator(json, i)) {
                separators++;
                i += 2;
            }
        }
        // "/**/" + name + "(" + json, each 3-byte separator becoming the 6 bytes of its escape, + ");"
        byte[] script = new byte[4 + name.length() + 1 + length + 3 * separators + 2];
        int at = putAscii(script, 0, "/**/");
        at = putAscii(script, at, name);
        script[at++] = '(';
        int copied = 0;
        for (int i = 0; i + 2 < length; i++) {
            if (isSeparator(json, i)) {
                System.arraycopy(json, copied, script, at, i - copied);
                at += i - copied;
                at = putAscii(script, at, json[i + 2] == (byte) 0xA8 ? "\\u2028" : "\\u2029");
                i += 2;
                copied = i + 1;
            }
        }
        System.arraycopy(json, copied, script, at, length - copied);
        at += length - copied;
        script[at++] = ')';
        script[at] = ';';
        return script;
    }

    private static boolean isSeparator(byte[] json, int i) {
        return json[i] == (byte) 0xE2 && json[i + 1] == (byte) 0x80
            && (json[i + 2] == (byte) 0xA8 || json[i + 2] == (byte) 0xA9);
    }

    /** Writes the ASCII {@code text} (a checked callback name or a constant) at {@code at}; returns the end. */
    private static int putAscii(byte[] to, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            to[at++] = (byte) text.charAt(i);
        }
        return at;
    }

    /** What {@link BufferedAnswer} does with the wrapped handler's writes, decided at its first write. */
    private enum Mode {
        /** No write yet. */
        UNDECIDED,
        /** A 2xx answer: kept in memory, up to the limit, to become the script. */
        BUFFER,
        /** A 4xx or 5xx answer: written through as it is. */
        PASS,
        /** A 3xx or 206 answer: its body is dropped, the answer will be a 500. */
        DROP
    }

    /**
     * The response the wrapped handler writes into and the callback it completes (which sends the real answer).
     * Jetty completes writes and the callback one after another.
     */
    private final class BufferedAnswer extends Response.Wrapper implements Callback {
        private final Callback callback;
        private final String name;
        private Mode mode = Mode.UNDECIDED;
        private byte[] body = new byte[0];
        private int size;
        private boolean tooLarge;

        BufferedAnswer(Request request, Response response, Callback callback, String name) {
            super(request, response);
            this.callback = callback;
            this.name = name;
        }

        private int status() {
            int status = getWrapped().getStatus();
            return status == 0 ? HttpStatus.OK_200 : status;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback writeCallback) {
            if (tooLarge) {
                writeCallback.failed(new IllegalStateException("JSONP answer over " + maxBytes + " bytes"));
                return;
            }
            if (mode == Mode.UNDECIDED) {
                int status = status();
                if (HttpStatus.isRedirection(status) || status == HttpStatus.PARTIAL_CONTENT_206) {
                    mode = Mode.DROP;
                } else if (HttpStatus.isSuccess(status)) {
                    mode = Mode.BUFFER;
                } else {
                    mode = Mode.PASS;
                    getWrapped().getHeaders().put(NOSNIFF);
                }
            }
            switch (mode) {
                case PASS:
                    getWrapped().write(last, content, writeCallback);
                    return;
                case DROP:
                    writeCallback.succeeded();
                    return;
                default:
                    break;
            }
            int length = content == null ? 0 : content.remaining();
            if ((long) size + length > maxBytes) {
                tooLarge = true;
                body = null;
                writeCallback.failed(new IllegalStateException("JSONP answer over " + maxBytes + " bytes"));
                return;
            }
            if (size + length > body.length) {
                int capacity = (int) Math.min(maxBytes, Math.max(size + length, Math.max(256L, 2L * body.length)));
                body = Arrays.copyOf(body, capacity);
            }
            if (length > 0) {
                content.duplicate().get(body, size, length);
                size += length;
            }
            writeCallback.succeeded();
        }

        /**
         * Resets the wrapped response and forgets what was written, except that an answer over the limit stays
         * over it (see the class comment).
         */
        @Override
        public void reset() {
            super.reset();
            if (!tooLarge) {
                body = new byte[0];
            }
            size = 0;
            mode = Mode.UNDECIDED;
        }

        @Override
        public void succeeded() {
            if (tooLarge) {
                answerTooLarge();
                return;
            }
            Response response = getWrapped();
            if (mode == Mode.PASS) {
                callback.succeeded();
                return;
            }
            int status = status();
            if (HttpStatus.isRedirection(status)) {
                LOG.warn("The handler wrapped by JSONP at {} answered a redirect ({}); answered 500",
                    Request.getPathInContext(getRequest()), status);
                answerError(REDIRECT);
                return;
            }
            if (mode == Mode.UNDECIDED && !HttpStatus.isSuccess(status)) {
                response.getHeaders().put(NOSNIFF);
                callback.succeeded();
                return;
            }
            if (!HttpStatus.isSuccess(status) || status == HttpStatus.PARTIAL_CONTENT_206 || mode == Mode.DROP
                || (size > 0 && (!isUtf8Json(response) || !isOneJsonValue(body, size)))) {
                LOG.warn("The handler wrapped by JSONP at {} answered {} {} (Content-Encoding {}), not one UTF-8 "
                        + "JSON value; answered 500", Request.getPathInContext(getRequest()), status,
                    response.getHeaders().get(HttpHeader.CONTENT_TYPE),
                    response.getHeaders().get(HttpHeader.CONTENT_ENCODING));
                answerError(NOT_JSON);
                return;
            }
            byte[] script = size == 0 ? script(name, NULL) : script(name, body, size);
            body = null;
            if (status == HttpStatus.NO_CONTENT_204 || status == HttpStatus.RESET_CONTENT_205) {
                response.setStatus(HttpStatus.OK_200);
            }
            response.getHeaders().remove(HttpHeader.CONTENT_RANGE);
            response.getHeaders().remove(HttpHeader.ACCEPT_RANGES);
            response.getHeaders().remove(HttpHeader.ETAG);
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
            answerError("{\"error\":\"answer too large for JSONP\",\"limit\":" + maxBytes + "}");
        }

        private void answerError(String json) {
            body = null;
            Response response = getWrapped();
            response.reset();
            writeJsonError(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, json);
        }
    }

    /**
     * Options of a {@link JsonpHandler}; each setter checks its argument and says how to fix it.
     *
     * <pre>{@code
     * JsonpHandler.builder().callbackParameter("jsonp").maxBytes(256 * 1024)
     *     .callbackNames(name -> name.startsWith("myApp_")).build();
     * }</pre>
     */
    public static final class Builder {
        private String callbackParameter = DEFAULT_CALLBACK_PARAMETER;
        private int maxBytes = DEFAULT_MAX_BYTES;
        private Predicate<String> callbackNames = name -> true;
        private boolean dottedCallbacks;

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

        /**
         * The largest JSON answer turned into JSONP, in bytes: 1 to {@value #MAX_MAX_BYTES} (64 MiB). Default
         * 1 MiB. The answer is held in memory (twice while the script is built), once per request in flight.
         */
        public Builder maxBytes(int maxBytes) {
            if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) {
                throw new IllegalArgumentException("maxBytes is the largest JSON answer in bytes, held in memory, "
                    + "from 1 to " + MAX_MAX_BYTES + " (64 MiB), like 1048576 for 1 MiB; got " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Restricts the callback names further: a name is accepted only if it fits the
         * {@link JsonpCallbackName grammar} and {@code accept} returns {@code true} for it; any other gets the
         * {@code 400} of a bad name. The grammar alone still lets a request call any function of the including
         * page outside its refused globals; accept only the names your own clients generate, such as their
         * prefixes ({@code name -> name.startsWith("__kuayu_jsonp_")}) or a fixed set. It must be fast and must not
         * throw. Default: every name of the grammar.
         */
        public Builder callbackNames(Predicate<String> accept) {
            this.callbackNames = Objects.requireNonNull(accept,
                "callbackNames is a predicate on callback names, like name -> name.startsWith(\"myApp_\")");
            return this;
        }

        /**
         * Accepts dotted callback paths ({@link JsonpCallbackName#isValidPath}), such as GWT's
         * {@code __gwt_jsonp__.P0.onSuccess}, besides single identifiers. Every extra segment lets a request call
         * a method of some object of the including page; the known sinks ({@code write}, {@code submit},
         * {@code navigate}, {@code postMessage}, {@code globalEval}, ...) stay refused, the page's own methods
         * cannot be. Combine it with {@link #callbackNames} (such as {@code name -> name.startsWith(
         * "__gwt_jsonp__.")}). Default: off, one identifier only.
         */
        public Builder allowDottedCallbacks() {
            this.dottedCallbacks = true;
            return this;
        }

        public JsonpHandler build() {
            return new JsonpHandler(this);
        }
    }
}
