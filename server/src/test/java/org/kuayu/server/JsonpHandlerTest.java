package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonpHandlerTest {

    private static final String SECRET = "/srv/internal/db.properties password=hunter2";
    /** JSON with a raw U+2028 and U+2029, as a JSON serializer may leave them. */
    private static final String DATA = "{\"ok\":true,\"text\":\"line\u2028sep\u2029para\"}";
    private static final int LIMIT = 1000;

    private static final JsonApi API = new JsonApi();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        JsonpHandler jsonp = JsonpHandler.builder().maxBytes(LIMIT).build();
        jsonp.setHandler(API);
        server = TestServer.start(jsonp);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void forgetCalls() {
        API.calls.set(0);
    }

    @Test
    void withTheCallbackTheJsonBecomesAScriptCall() throws Exception {
        HttpResponse<String> response = server.get("/data?callback=onBack");

        String expected = "/**/onBack({\"ok\":true,\"text\":\"line\\u2028sep\\u2029para\"});";
        assertAll(
            () -> assertEquals(200, response.statusCode()),
            () -> assertEquals(expected, response.body()),
            () -> assertEquals("text/javascript; charset=utf-8", header(response, "Content-Type")),
            () -> assertEquals("nosniff", header(response, "X-Content-Type-Options")),
            () -> assertEquals(String.valueOf(expected.length()), header(response, "Content-Length")),
            () -> assertEquals("kept", header(response, "X-Api"), "the wrapped handler's headers stay"));
    }

    @Test
    void dottedNamesOnlyWhenAllowedAndAnotherParameterName() throws Exception {
        assertRefusedWithoutReflection(server.get("/data?x=1&callback=$.jq_123.EVIL&y=2"));

        JsonpHandler jsonp = JsonpHandler.builder().callbackParameter("cb").allowDottedCallbacks().build();
        jsonp.setHandler(new JsonApi());
        try (TestServer other = TestServer.start(jsonp)) {
            assertTrue(other.get("/data?cb=done").body().startsWith("/**/done({"));
            assertTrue(other.get("/data?cb=__gwt_jsonp__.P0.onSuccess").body()
                .startsWith("/**/__gwt_jsonp__.P0.onSuccess({"));
            assertEquals("application/json", header(other.get("/data?callback=done"), "Content-Type"));
            // Same-origin method execution: the known sinks stay refused where paths are allowed.
            for (String sink : List.of("frameElement.ownerDocument.write", "navigation.navigate", "loginForm.submit",
                "jQuery.globalEval", "postMessage", "opener.postMessage", "a.constructor.constructor")) {
                HttpResponse<String> refused = other.get("/data?cb=" + sink);
                assertEquals(400, refused.statusCode(), sink);
                assertFalse(refused.body().contains(sink), refused.body());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"frameElement.ownerDocument.write", "navigation.navigate", "loginForm.submit",
        "jQuery.globalEval", "postMessage", "alert", "eval", "setTimeout", "open", "close", "print"})
    void theDefaultRefusesPathsAndSinksAsSomeAttacksUseThem(String name) throws Exception {
        HttpResponse<String> response = server.get("/data?callback=" + name);

        assertEquals(400, response.statusCode(), name);
        assertFalse(response.body().contains(name), response.body());
        assertEquals(0, API.calls.get(), "the wrapped handler never ran");
        assertEquals(200, server.get("/data?callback=jQuery1124012345678901234567_1700000000000").statusCode());
    }

    @Test
    void withoutTheCallbackTheJsonPassesUntouched() throws Exception {
        HttpResponse<String> response = server.get("/data?other=1");

        assertEquals(200, response.statusCode());
        assertEquals(DATA, response.body());
        assertEquals("application/json", header(response, "Content-Type"));
        assertEquals("kept", header(response, "X-Api"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "alert(EVIL)//", "%3C/script%3EEVIL", "EVIL.b()", "EVIL..b", ".EVIL", "EVIL.", "1EVIL",
        "%D0%B0EVIL",                 // Cyrillic а
        "%EF%BD%81EVIL",              // full-width a
        "EV%E2%80%8DIL",              // zero-width joiner
        "EVIL%00", "%00EVIL", "EVIL%0Aalert(1)", "EVIL%0D%0ASet-Cookie:%20x=1", "EVIL%20", "EVIL;alert(1)",
        "EVIL%E2%80%A8", "new.EVIL", "EVIL%22", "EVIL'", "EVIL%5Cu0061",
        "eval.EVIL", "setTimeout.EVIL", "Function.EVIL", "document.EVIL", "location.EVIL", "opener.document.EVIL",
        "top.EVIL", "window.EVIL", "EVIL.b.c.d.e",
    })
    void aBadCallbackIs400WithAJsonErrorThatNeverReflectsTheName(String encodedName) throws Exception {
        HttpResponse<String> response = server.get("/data?callback=" + encodedName);

        assertRefusedWithoutReflection(response);
    }

    @Test
    void aHugeEmptyOrRepeatedCallbackIsRefused() throws Exception {
        assertRefusedWithoutReflection(server.get("/data?callback=EVIL" + "a".repeat(6 * 1024)));
        // Over Jetty's 8 KiB request head, Jetty itself refuses the request before any handler runs.
        HttpResponse<String> tooLong = server.get("/data?callback=EVIL" + "a".repeat(10 * 1024));
        assertEquals(414, tooLong.statusCode());
        assertFalse(tooLong.body().contains("EVIL"), tooLong.body());
        assertRefusedWithoutReflection(server.get("/data?callback=EVIL" + "a".repeat(JsonpCallbackName.MAX_LENGTH)));
        assertRefusedWithoutReflection(server.get("/data?callback="));
        assertRefusedWithoutReflection(server.get("/data?callback"));
        assertRefusedWithoutReflection(server.get("/data?callback=EVIL&callback=ok"));
    }

    @Test
    void aBadlyEncodedQueryIsRefused() throws Exception {
        String answer = server.raw("/data?callback=EVIL%zz");

        assertEquals(400, TestServer.statusOf(answer));
        assertFalse(answer.contains("EVIL"), answer);
        assertEquals(0, API.calls.get());
    }

    @Test
    void aNon2xxAnswerKeepsItsStatusAndJsonSoTheScriptErrorEventFires() throws Exception {
        HttpResponse<String> response = server.get("/missing?callback=cb");

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"no such thing\"}", response.body());
        assertEquals("application/json", header(response, "Content-Type"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
    }

    @Test
    void anErrorWrittenByTheWrappedHandlerPassesAsTheErrorHandlerWroteIt() throws Exception {
        HttpResponse<String> response = server.get("/conflict?callback=cb");

        assertEquals(409, response.statusCode());
        assertEquals("409 Conflict\n", response.body());
        assertFalse(response.body().contains("hunter2"));
    }

    @Test
    void anEmptySuccessCallsTheCallbackWithNull() throws Exception {
        HttpResponse<String> response = server.get("/empty?callback=cb");

        assertEquals(200, response.statusCode());
        assertEquals("/**/cb(null);", response.body());
        assertEquals("text/javascript; charset=utf-8", header(response, "Content-Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/html", "/latin1", "/gzip", "/inject", "/twoValues", "/badUtf8", "/partial"})
    void aSuccessThatIsNotUtf8JsonIsNeverRunAsAScript(String path) throws Exception {
        HttpResponse<String> response = server.get(path + "?callback=cb");

        assertEquals(500, response.statusCode());
        assertEquals("{\"error\":\"the JSONP endpoint did not answer JSON\"}\n", response.body());
        assertEquals("application/json", header(response, "Content-Type"));
        assertTrue(response.headers().firstValue("Content-Encoding").isEmpty());
        assertTrue(response.headers().firstValue("Content-Range").isEmpty());
        assertFalse(response.body().contains("alert"));
        assertTrue(HttpStatus.isSuccess(server.get(path).statusCode()), "without JSONP it passes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/redirect", "/redirectWithoutBody"})
    void aRedirectIsNeverForwardedToAScriptElement(String path) throws Exception {
        HttpResponse<String> response = server.get(path + "?callback=cb");

        assertAll(
            () -> assertEquals(500, response.statusCode()),
            () -> assertEquals("{\"error\":\"the JSONP endpoint answered a redirect\"}\n", response.body()),
            () -> assertEquals("application/json", header(response, "Content-Type")),
            () -> assertTrue(response.headers().firstValue("Location").isEmpty(), response.headers().toString()),
            () -> assertFalse(response.body().contains("evil")));
        assertEquals(302, server.get(path).statusCode(), "without JSONP it passes");
    }

    @Test
    void theScriptDropsRangeAndValidatorHeadersOfTheJson() throws Exception {
        HttpResponse<String> response = server.get("/ranged?callback=cb");

        assertEquals(200, response.statusCode());
        assertEquals("/**/cb({});", response.body());
        assertTrue(response.headers().firstValue("Accept-Ranges").isEmpty(), response.headers().toString());
        assertTrue(response.headers().firstValue("ETag").isEmpty(), response.headers().toString());
        assertTrue(response.headers().firstValue("Content-Range").isEmpty(), response.headers().toString());
        assertEquals("bytes", header(server.get("/ranged"), "Accept-Ranges"), "without JSONP they stay");
    }

    @Test
    void aLargeErrorPassesThroughUnbufferedAndUnlimited() throws Exception {
        HttpResponse<String> response = server.get("/bigMissing?bytes=" + (10 * LIMIT) + "&callback=cb");

        assertEquals(404, response.statusCode());
        assertEquals(10 * LIMIT, response.body().length());
        assertEquals("application/json", header(response, "Content-Type"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
    }

    @Test
    void anAnswerOverTheLimitStays500EvenIfTheHandlerResetsAndWritesASmallOne() throws Exception {
        HttpResponse<String> response = server.get("/overThenReset?callback=cb");

        assertEquals(500, response.statusCode());
        assertEquals("{\"error\":\"answer too large for JSONP\",\"limit\":" + LIMIT + "}\n", response.body());
        assertFalse(response.body().contains("small"));
    }

    @Test
    void callbackNamesCanBeRestrictedFurther() throws Exception {
        JsonpHandler jsonp = JsonpHandler.builder().callbackNames(name -> name.startsWith("myApp_")).build();
        jsonp.setHandler(new JsonApi());
        try (TestServer other = TestServer.start(jsonp)) {
            assertTrue(other.get("/data?callback=myApp_1").body().startsWith("/**/myApp_1({"));
            HttpResponse<String> refused = other.get("/data?callback=onBack");
            assertEquals(400, refused.statusCode());
            assertFalse(refused.body().contains("onBack"), refused.body());
            assertEquals(400, other.get("/data?callback=myApp_1.x(").statusCode(), "the grammar still applies");
        }
    }
    @Test
    void anAnswerOverTheLimitIs500AndNeverATruncatedScript() throws Exception {
        HttpResponse<String> over = server.get("/big?bytes=" + (LIMIT + 1) + "&callback=cb");

        assertEquals(500, over.statusCode());
        assertEquals("{\"error\":\"answer too large for JSONP\",\"limit\":" + LIMIT + "}\n", over.body());
        assertEquals("application/json", header(over, "Content-Type"));

        HttpResponse<String> atLimit = server.get("/big?bytes=" + LIMIT + "&callback=cb");
        assertEquals(200, atLimit.statusCode());
        assertEquals(LIMIT + "/**/cb();".length(), atLimit.body().length());
        assertTrue(atLimit.body().endsWith("\");"));

        HttpResponse<String> plain = server.get("/big?bytes=" + (10 * LIMIT));
        assertEquals(200, plain.statusCode(), "without JSONP nothing is buffered or limited");
        assertEquals(10 * LIMIT, plain.body().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/throw", "/fail"})
    void aFailingWrappedHandlerGetsTheSafeErrorAnswer(String path) throws Exception {
        HttpResponse<String> response = server.get(path + "?callback=cb");

        assertEquals(500, response.statusCode());
        assertEquals("500 Server Error\n", response.body());
        assertFalse(response.body().contains("hunter2"));
        assertFalse(response.body().contains("cb("));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "POST", "PUT", "DELETE", "OPTIONS"})
    void jsonpIsGetOnly(String method) throws Exception {
        HttpResponse<String> response = server.send(method, "/data?callback=cb");

        assertEquals(405, response.statusCode());
        assertEquals("GET", header(response, "Allow"));
        assertEquals("application/json", header(response, "Content-Type"));
        if (!method.equals("HEAD")) {
            assertEquals("{\"error\":\"JSONP answers GET only\",\"parameter\":\"callback\"}\n", response.body());
        }
        assertEquals(0, API.calls.get(), "the wrapped handler did not run");
    }

    @Test
    void otherMethodsWithoutTheCallbackGoToTheWrappedHandler() throws Exception {
        HttpResponse<String> response = server.send("POST", "/data");

        assertEquals(200, response.statusCode());
        assertEquals(DATA, response.body());
    }

    @Test
    void aPathTheWrappedHandlerDoesNotServeIs404() throws Exception {
        HttpResponse<String> response = server.get("/nothing?callback=cb");

        assertEquals(404, response.statusCode());
        assertEquals("404 Not Found\n", response.body());
    }

    @Test
    void scriptEscapesLineAndParagraphSeparatorsAnywhere() {
        byte[] json = "\u2028\"a\u2029\u00e9\u20ac\"\u2029".getBytes(StandardCharsets.UTF_8);

        assertArrayEquals("/**/f(\\u2028\"a\\u2029\u00e9\u20ac\"\\u2029);".getBytes(StandardCharsets.UTF_8),
            JsonpHandler.script("f", json));
        assertArrayEquals("/**/f({});".getBytes(StandardCharsets.UTF_8),
            JsonpHandler.script("f", "{}".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("/**/a.b(\\u2029);".getBytes(StandardCharsets.UTF_8),
            JsonpHandler.script("a.b", "\u2029\u2028xyz".getBytes(StandardCharsets.UTF_8), 3), "only the first bytes");
    }

    @Test
    void defaultsAndBadOptions() {
        JsonpHandler handler = JsonpHandler.builder().build();
        assertEquals("callback", handler.getCallbackParameter());
        assertEquals(1024 * 1024, handler.getMaxBytes());

        JsonpHandler.Builder builder = JsonpHandler.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.callbackParameter(""));
        assertThrows(IllegalArgumentException.class, () -> builder.callbackParameter("call back"));
        assertThrows(IllegalArgumentException.class, () -> builder.callbackParameter("cb\""));
        assertThrows(IllegalArgumentException.class, () -> builder.maxBytes(0));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> builder.maxBytes(-1));
        assertTrue(negative.getMessage().contains("1048576"), negative.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
            () -> builder.maxBytes(JsonpHandler.MAX_MAX_BYTES + 1));
        assertTrue(huge.getMessage().contains("67108864"), huge.getMessage());
        assertEquals(64 * 1024 * 1024, builder.maxBytes(64 * 1024 * 1024).build().getMaxBytes());
        assertThrows(NullPointerException.class, () -> builder.callbackNames(null));
    }

    @Test
    void theWrappedHandlerCannotBeSwappedOnceStarted() throws Exception {
        JsonpHandler jsonp = JsonpHandler.builder().build();
        jsonp.setHandler(new JsonApi());
        try (TestServer running = TestServer.start(jsonp)) {
            assertThrows(IllegalStateException.class, () -> jsonp.setHandler(new JsonApi()));
            assertTrue(running.get("/data?callback=cb").body().startsWith("/**/cb("));
        }
    }

    private static void assertRefusedWithoutReflection(HttpResponse<String> response) {
        assertAll(
            () -> assertEquals(400, response.statusCode()),
            () -> assertEquals("application/json", header(response, "Content-Type")),
            () -> assertEquals("nosniff", header(response, "X-Content-Type-Options")),
            () -> assertTrue(response.body()
                .startsWith("{\"error\":\"invalid callback name\",\"parameter\":\"callback\""), response.body()),
            () -> assertFalse(response.body().contains("EVIL"), response.body()),
            () -> assertFalse(response.headers().toString().contains("EVIL"), response.headers().toString()),
            () -> assertEquals(0, API.calls.get(), "the wrapped handler did not run"));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Stands for an application's JSON endpoints, answering in the ways real ones do. */
    private static final class JsonApi extends Handler.Abstract {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            calls.incrementAndGet();
            switch (path) {
                case "/data":
                    response.getHeaders().put("X-Api", "kept");
                    write(response, callback, "application/json", DATA);
                    return true;
                case "/missing":
                    response.setStatus(404);
                    write(response, callback, "application/json", "{\"error\":\"no such thing\"}");
                    return true;
                case "/conflict":
                    Response.writeError(request, response, callback, 409, "row locked in " + SECRET);
                    return true;
                case "/empty":
                    response.setStatus(204);
                    callback.succeeded();
                    return true;
                case "/html":
                    write(response, callback, "text/html;charset=utf-8", "<b>hi</b>");
                    return true;
                case "/latin1":
                    write(response, callback, "application/json;charset=ISO-8859-1", "{}");
                    return true;
                case "/gzip":
                    response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "x-test");
                    write(response, callback, "application/json", "{}");
                    return true;
                case "/big":
                    big(request, response, callback);
                    return true;
                case "/inject":
                    write(response, callback, "application/json", "{\"a\":1});alert(1);//");
                    return true;
                case "/twoValues":
                    write(response, callback, "application/json", "{}{}");
                    return true;
                case "/badUtf8":
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(true, ByteBuffer.wrap(new byte[] {'"', (byte) 0xFF, '"'}), callback);
                    return true;
                case "/partial":
                    response.setStatus(206);
                    response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes 0-1/9");
                    write(response, callback, "application/json", "{}");
                    return true;
                case "/ranged":
                    response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
                    response.getHeaders().put(HttpHeader.ETAG, "\"v1\"");
                    response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes 0-1/2");
                    write(response, callback, "application/json", "{}");
                    return true;
                case "/redirect":
                    Response.sendRedirect(request, response, callback, "https://evil.example/x.js");
                    return true;
                case "/redirectWithoutBody":
                    response.setStatus(302);
                    response.getHeaders().put(HttpHeader.LOCATION, "https://evil.example/x.js");
                    callback.succeeded();
                    return true;
                case "/bigMissing":
                    response.setStatus(404);
                    big(request, response, callback);
                    return true;
                case "/overThenReset":
                    overThenReset(response, callback);
                    return true;
                case "/throw":
                    throw new IllegalStateException("cannot read " + SECRET);
                case "/fail":
                    callback.failed(new IllegalStateException("cannot read " + SECRET));
                    return true;
                default:
                    return false;
            }
        }

        private static void write(Response response, Callback callback, String contentType, String body) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }

        /** Writes over the limit, catches the failure, resets and writes a small answer instead. */
        private static void overThenReset(Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            byte[] json = ("\"" + "x".repeat(LIMIT) + "\"").getBytes(StandardCharsets.US_ASCII);
            response.write(true, ByteBuffer.wrap(json), Callback.from(callback::succeeded, failure -> {
                response.reset();
                write(response, callback, "application/json", "{\"small\":true}");
            }));
        }

        /** A JSON string of exactly {@code bytes} bytes, written in chunks of 100 as a streaming handler does. */
        private static void big(Request request, Response response, Callback callback) {
            Fields query = Request.extractQueryParameters(request);
            int bytes = Integer.parseInt(query.getValue("bytes"));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            byte[] json = ("\"" + "x".repeat(bytes - 2) + "\"").getBytes(StandardCharsets.US_ASCII);
            writeChunks(response, callback, json, 0);
        }

        private static void writeChunks(Response response, Callback callback, byte[] json, int from) {
            int to = Math.min(json.length, from + 100);
            boolean last = to == json.length;
            response.write(last, ByteBuffer.wrap(json, from, to - from), Callback.from(
                () -> {
                    if (last) {
                        callback.succeeded();
                    } else {
                        writeChunks(response, callback, json, to);
                    }
                },
                callback::failed));
        }
    }
}
