package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CorsHandlerTest {

    private static final String DOMAIN1 = "http://www.domain1.com";
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        CorsHandler cors = CorsHandler.builder()
            .allowOrigin("HTTP://WWW.Domain1.com:80")
            .allowOrigin("https://*.domain1.com")
            .allowCredentials()
            .allowMethods("GET", "POST", "PUT")
            .allowHeaders("Content-Type", "X-Custom-Header")
            .exposeHeaders("X-Request-Id")
            .preflightMaxAge(Duration.ofMinutes(20))
            .build();
        cors.setHandler(new Api());
        server = TestServer.start(cors);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    // ---- refusals ----

    private static void refused(String fragment, Executable build) {
        IllegalStateException e = assertThrows(IllegalStateException.class, build);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void anyOriginWithCredentialsIsRefused() {
        refused("must not allow credentials", () -> CorsHandler.builder().allowAnyOrigin().allowCredentials().build());
        refused("must not allow credentials",
            () -> CorsHandler.builder().allowOriginPattern(".*").allowCredentials().build());
        refused("must not allow credentials",
            () -> CorsHandler.builder().allowOriginPattern("https?://.+").allowCredentials().build());
        // Without credentials, any origin is a legitimate choice for public data.
        CorsHandler.builder().allowAnyOrigin().build();
    }

    @Test
    void aRawPatternWithCredentialsNeedsTheLoudOptIn() {
        // The example: this pattern admits https://evildomain1.com, and built until now.
        refused("dangerouslyAllowRawPatternsWithCredentials()",
            () -> CorsHandler.builder().allowOriginPattern("https://.*domain1\\.com").allowCredentials().build());
        refused("dangerouslyAllowRawPatternsWithCredentials()", () -> CorsHandler.builder()
            .allowOriginPattern("https://[a-z0-9-]+\\.domain1\\.com").allowCredentials().build());
        CorsHandler.builder().allowOriginPattern("https://[a-z0-9-]+\\.domain1\\.com").build();
        CorsHandler.builder().allowOriginPattern("https://[a-z0-9-]+\\.domain1\\.com").allowCredentials()
            .dangerouslyAllowRawPatternsWithCredentials().build();
        // Even so, a pattern that matches anything is refused.
        refused("must not allow credentials", () -> CorsHandler.builder().allowOriginPattern(".*").allowCredentials()
            .dangerouslyAllowRawPatternsWithCredentials().build());
    }

    @Test
    void jettysSettersCannotSlipARawPatternPastTheCheck() {
        CorsHandler cors = CorsHandler.builder().allowOrigin(DOMAIN1).allowCredentials().build();
        cors.setAllowedOriginPatterns(Set.of("https://.*domain1\\.com"));
        IllegalStateException e = assertThrows(IllegalStateException.class, cors::start);
        assertTrue(e.getMessage().contains("dangerouslyAllowRawPatternsWithCredentials()"), e.getMessage());
    }

    @Test
    void subdomainWildcardsAreAnchoredAndLabelBounded() {
        java.util.regex.Pattern any = java.util.regex.Pattern.compile(CorsHandler.wildcardPattern(
            "https://*.domain1.com"));
        for (String admitted : List.of("https://api.domain1.com", "https://a-1.domain1.com")) {
            assertTrue(any.matcher(admitted).matches(), admitted);
        }
        for (String refused : List.of("https://evildomain1.com", "https://domain1.com", "https://a.b.domain1.com",
            "http://api.domain1.com", "https://api.domain1.com:8443", "https://api.domain1.com.evil.com",
            "https://api.domain1xcom", "https://-a.domain1.com", "https://api.domain1.com/", "null",
            "https://api_x.domain1.com")) {
            assertTrue(!any.matcher(refused).matches(), refused);
        }
        java.util.regex.Pattern port = java.util.regex.Pattern.compile(CorsHandler.wildcardPattern(
            "HTTPS://*.Domain1.com:8443"));
        assertTrue(port.matcher("https://api.domain1.com:8443").matches());
        assertTrue(!port.matcher("https://api.domain1.com").matches());
        assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOrigin("https://*.com"));
        assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOrigin("https://*.*.a.com"));
        assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOrigin("https://a*.a.com"));
    }

    @Test
    void theNullOriginNeedsItsOwnOption() {
        assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOrigin("null"));
        refused("allowNullOrigin()", () -> CorsHandler.builder().allowOriginPattern("null|http://a\\.com").build());
        refused("allowNullOrigin()", () -> CorsHandler.builder().allowOriginPattern("[a-z]+").build());
        CorsHandler allowed = CorsHandler.builder().allowOrigin(DOMAIN1).allowNullOrigin().build();
        assertTrue(allowed.isNullOriginAllowed());
    }

    @Test
    void aPolicyMustNameItsOrigins() {
        refused("allowOrigin(", () -> CorsHandler.builder().build());
    }

    @Test
    void wildcardNamesAreRefusedWithCredentials() {
        refused("\"*\"", () -> CorsHandler.builder().allowOrigin(DOMAIN1).allowCredentials().allowHeaders("*").build());
        refused("\"*\"", () -> CorsHandler.builder().allowOrigin(DOMAIN1).allowCredentials().allowMethods("*").build());
        CorsHandler.builder().allowOrigin(DOMAIN1).allowHeaders("*").build();
    }

    @Test
    void badOptionsAreRefusedWithTheFix() {
        assertAll(
            () -> assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOrigin(DOMAIN1 + "/")),
            () -> assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOrigin("www.a.com")),
            () -> assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOriginPattern("*")),
            () -> assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowOriginPattern("(")),
            () -> assertThrows(IllegalArgumentException.class, () -> CorsHandler.builder().allowHeaders("X Y")),
            () -> assertThrows(IllegalArgumentException.class,
                () -> CorsHandler.builder().preflightMaxAge(Duration.ofDays(2))));
    }

    @Test
    void jettysSettersCannotStartARefusedPolicy() throws Exception {
        CorsHandler cors = CorsHandler.builder().allowOrigin(DOMAIN1).allowCredentials().build();
        cors.setAllowedOriginPatterns(Set.of("*"));
        IllegalStateException e = assertThrows(IllegalStateException.class, cors::start);
        assertTrue(e.getMessage().contains("must not allow credentials"), e.getMessage());
        assertEquals(false, cors.isStarted());
    }

    @Test
    void theConfigurationIsLockedOnceStarted() throws Exception {
        CorsHandler cors = CorsHandler.builder().allowOrigin(DOMAIN1).build();
        cors.start();
        try {
            assertThrows(IllegalStateException.class, () -> cors.setAllowCredentials(true));
        } finally {
            cors.stop();
        }
    }

    // ---- answers ----

    @Test
    void anAllowedOriginReadsWithCredentials() throws Exception {
        HttpResponse<String> answer = server.get("/data", "Origin", DOMAIN1);
        assertAll(
            () -> assertEquals(200, answer.statusCode()),
            () -> assertEquals(DOMAIN1, header(answer, "Access-Control-Allow-Origin")),
            () -> assertEquals("true", header(answer, "Access-Control-Allow-Credentials")),
            () -> assertEquals("X-Request-Id", header(answer, "Access-Control-Expose-Headers")),
            () -> assertTrue(varies(answer)));
        HttpResponse<String> pattern = server.get("/data", "Origin", "https://api.domain1.com");
        assertEquals("https://api.domain1.com", header(pattern, "Access-Control-Allow-Origin"));
    }

    @Test
    void anotherOriginGetsNoCorsHeadersAndTheSameVary() throws Exception {
        for (String origin : List.of("http://www.domain3.com", "null", "http://www.domain1.com.evil.com",
            "https://a.b.domain1.com", "http://www.domain1.com:8080", "https://evildomain1.com",
            "https://domain1.com")) {
            HttpResponse<String> answer = server.get("/data", "Origin", origin);
            assertNull(header(answer, "Access-Control-Allow-Origin"), origin);
            assertNull(header(answer, "Access-Control-Allow-Credentials"), origin);
            assertTrue(varies(answer), origin);
        }
        assertTrue(varies(server.get("/data")), "no Origin");
        assertTrue(varies(server.get("/missing", "Origin", DOMAIN1)), "an error answer");
    }

    @Test
    void aPreflightIsAnsweredWithoutReachingTheApi() throws Exception {
        int before = CALLS.get();
        HttpResponse<String> answer = server.send("OPTIONS", "/data", "Origin", DOMAIN1,
            "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-custom-header");
        assertAll(
            () -> assertEquals(200, answer.statusCode()),
            () -> assertEquals(DOMAIN1, header(answer, "Access-Control-Allow-Origin")),
            () -> assertEquals(Set.of("GET", "POST", "PUT"), Set.of(header(answer, "Access-Control-Allow-Methods")
                .split(","))),
            () -> assertEquals(Set.of("Content-Type", "X-Custom-Header"),
                Set.of(header(answer, "Access-Control-Allow-Headers").split(","))),
            () -> assertEquals("1200", header(answer, "Access-Control-Max-Age")),
            () -> assertTrue(varies(answer)));
        HttpResponse<String> other = server.send("OPTIONS", "/data", "Origin", "http://www.domain3.com",
            "Access-Control-Request-Method", "PUT");
        assertNull(header(other, "Access-Control-Allow-Origin"));
        assertNull(header(other, "Access-Control-Allow-Methods"));
        assertEquals(before, CALLS.get(), "no preflight reached the API");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static boolean varies(HttpResponse<?> response) {
        return response.headers().allValues("Vary").stream()
            .anyMatch(value -> List.of(value.split(",")).stream().anyMatch(v -> v.trim().equalsIgnoreCase("Origin")));
    }

    /** Answers {@code /data} with JSON; anything else is a 404 through the error handler. */
    private static final class Api extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            CALLS.incrementAndGet();
            if (!Request.getPathInContext(request).equals("/data")) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put("X-Request-Id", "42");
            response.write(true, ByteBuffer.wrap("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
