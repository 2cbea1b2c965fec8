package org.kuayu.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * domain2's API of the CORS and proxy rows, and the two proxies in front of it (the proxy port and domain1's
 * {@code /api/}), over HTTP as a browser would send it. What a browser does with the answers is in it-tests.
 */
class DemoApiTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    private static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.builder().freePorts().build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void domain2LetsDomain1ReadItsCorsApiAndNoOneElse() throws Exception {
        String domain1 = demo.baseUrl(Site.DOMAIN1).toString();
        HttpResponse<String> hello = send("GET", Site.DOMAIN2, "/api/cors/hello", "Origin", domain1);
        assertAll(
            () -> assertEquals(200, hello.statusCode()),
            () -> assertEquals(domain1, header(hello, "Access-Control-Allow-Origin")),
            () -> assertEquals("true", header(hello, "Access-Control-Allow-Credentials")),
            () -> assertEquals("X-Kuayu-Api", header(hello, "Access-Control-Expose-Headers")),
            () -> assertEquals("Origin", header(hello, "Vary")),
            () -> assertEquals("{\"site\": \"domain2\", \"method\": \"GET\", \"origin\": \"" + domain1 + "\"}",
                hello.body()));
        HttpResponse<String> other = send("GET", Site.DOMAIN2, "/api/cors/hello", "Origin",
            demo.baseUrl(Site.DOMAIN3).toString());
        assertNull(header(other, "Access-Control-Allow-Origin"));
        assertNull(header(send("GET", Site.DOMAIN2, "/api/proxy/hello", "Origin", domain1),
            "Access-Control-Allow-Origin"), "the proxy row's API has no CORS");

        HttpResponse<String> preflight = send("OPTIONS", Site.DOMAIN2, "/api/cors/item", "Origin", domain1,
            "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-custom-header");
        assertEquals(domain1, header(preflight, "Access-Control-Allow-Origin"));
        assertEquals("600", header(preflight, "Access-Control-Max-Age"));
        HttpResponse<String> put = send("PUT", Site.DOMAIN2, "/api/cors/item", "Origin", domain1,
            "X-Custom-Header", "value");
        assertEquals("{\"method\": \"PUT\", \"customHeader\": \"value\", \"body\": \"\"}", put.body());
    }

    @Test
    void childLetsThePairsWwwRead() throws Exception {
        String www = demo.baseUrl(Site.DOMAIN_WWW).toString();
        HttpResponse<String> hello = send("GET", Site.DOMAIN_CHILD, "/api/cors/hello", "Origin", www);
        assertEquals(www, header(hello, "Access-Control-Allow-Origin"));
        assertTrue(hello.body().startsWith("{\"site\": \"child\""), hello.body());
    }

    @Test
    void theLoginSetsTheClassicCookiesForDomain2ItselfAndWhoamiReadsThem() throws Exception {
        HttpResponse<String> login = send("GET", Site.DOMAIN2, "/api/proxy/login?user=admin");
        assertEquals(List.of("l=a123456; Path=/; Domain=www.domain2.localhost; HttpOnly",
            "user=admin; Path=/; Domain=www.domain2.localhost"), login.headers().allValues("Set-Cookie"));
        assertEquals("{\"status\": false, \"error\": \"user is 1 to 32 letters, digits, '_' or '-'\"}",
            send("GET", Site.DOMAIN2, "/api/proxy/login?user=a;b").body());
        HttpResponse<String> whoami = send("GET", Site.DOMAIN2, "/api/proxy/whoami", "Cookie", "user=admin; l=a123456");
        assertEquals("{\"site\": \"domain2\", \"cookie\": \"user=admin; l=a123456\", \"loggedIn\": true}",
            whoami.body());
    }

    @Test
    void theProxyPortIsDomain2WithItsCookiesMovedToDomain1() throws Exception {
        String domain1 = demo.baseUrl(Site.DOMAIN1).toString();
        HttpResponse<String> login = send("GET", Site.PROXY, "/api/proxy/login?user=admin", "Origin", domain1);
        assertAll(
            () -> assertEquals(200, login.statusCode()),
            () -> assertEquals(List.of("l=a123456; Path=/; Domain=www.domain1.localhost; HttpOnly",
                "user=admin; Path=/; Domain=www.domain1.localhost"), login.headers().allValues("Set-Cookie")),
            () -> assertEquals(domain1, header(login, "Access-Control-Allow-Origin")),
            () -> assertEquals("true", header(login, "Access-Control-Allow-Credentials")));
        HttpResponse<String> whoami = send("GET", Site.PROXY, "/api/proxy/whoami", "Cookie", "l=a123456");
        assertTrue(whoami.body().contains("\"loggedIn\": true"), whoami.body());
        HttpResponse<String> redirect = send("GET", Site.PROXY, "/api/proxy/redirect");
        assertEquals(302, redirect.statusCode());
        assertEquals("/api/proxy/hello", header(redirect, "Location"));
        assertTrue(send("GET", Site.PROXY, "/").body().contains("<title>Kuayu demo — domain2</title>"));
    }

    @Test
    void domain1sOwnServerForwardsApiToDomain2() throws Exception {
        HttpResponse<String> login = send("GET", Site.DOMAIN1, "/api/proxy/login?user=admin");
        assertEquals(List.of("l=a123456; Path=/; Domain=www.domain1.localhost; HttpOnly",
            "user=admin; Path=/; Domain=www.domain1.localhost"), login.headers().allValues("Set-Cookie"));
        assertEquals("/api/proxy/hello", header(send("GET", Site.DOMAIN1, "/api/proxy/redirect"), "Location"));
        assertTrue(send("GET", Site.DOMAIN1, "/api/proxy/hello").body().contains("\"site\": \"domain2\""));
        assertEquals(404, send("GET", Site.DOMAIN1, "/login?user=x").statusCode(), "only /api/ is forwarded");
    }

    private static HttpResponse<String> send(String method, Site site, String path, String... headers)
        throws IOException, InterruptedException {
        URI url = demo.baseUrl(site);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + url.getPort() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Host", url.getAuthority())
            .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
