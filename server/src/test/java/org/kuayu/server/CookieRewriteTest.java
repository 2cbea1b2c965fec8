package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieRewriteTest {

    private static final CookieRewrite NGINX = CookieRewrite.builder()
        .domain("www.domain2.com", "www.domain1.com")
        .build();

    @Test
    void theClassicCookieOfDomain2BecomesACookieOfDomain1() {
        assertEquals("l=a123456;Path=/;Domain=www.domain1.com;HttpOnly",
            NGINX.rewrite("l=a123456;Path=/;Domain=www.domain2.com;HttpOnly"));
    }

    @Test
    void everyOtherAttributeIsKeptAsWritten() {
        String cookie = "sid=a=b%3Bc; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Max-Age=3600; Domain=www.domain2.com;"
            + " Path=/app; Secure; HttpOnly; SameSite=None; Partitioned; Priority=High; Unknown";
        assertEquals(cookie.replace("Domain=www.domain2.com", "Domain=www.domain1.com"), NGINX.rewrite(cookie));
    }

    @Test
    void aCookieWithoutDomainIsHostOnlyAndLeftAlone() {
        String cookie = "theme=dark; Path=/; SameSite=Lax";
        assertSame(cookie, CookieRewrite.NONE.rewrite(cookie));
        assertEquals(cookie, NGINX.rewrite(cookie));
        assertEquals("a=1", NGINX.rewrite("a=1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "l=1; DOMAIN=WWW.Domain2.COM; path=/       | l=1; DOMAIN=www.domain1.com; path=/",
        "l=1; domain=.www.domain2.com               | l=1; domain=www.domain1.com",
        "l=1;  Domain = www.domain2.com ;HttpOnly    | l=1;  Domain =www.domain1.com;HttpOnly",
        "l=1; dOmAiN=www.domain2.com; Domain=www.domain2.com | l=1; dOmAiN=www.domain1.com; Domain=www.domain1.com",
        "l=1; domain=www.domain2.com.               | l=1; domain=www.domain1.com",
        "l=1; domain=..WWW.DOMAIN2.COM..; Secure     | l=1; domain=www.domain1.com; Secure",
    })
    void attributeNamesAndDomainsMatchInAnyCase(String upstream, String browser) {
        assertEquals(browser, NGINX.rewrite(upstream));
    }

    /** The upstream names a domain no rule knows, such as the proxy's parent: the cookie becomes host-only. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "l=1; Domain=other.com                      | l=1",
        "l=1; Path=/; Domain=domain1.com; HttpOnly  | l=1; Path=/; HttpOnly",
        "l=1; Domain=.COM                           | l=1",
        "l=1; Domain=evil-www.domain2.com           | l=1",
        "l=1; Domain=www.domain2.com.evil           | l=1",
    })
    void aDomainNoRuleMatchesIsRemoved(String upstream, String browser) {
        assertEquals(browser, NGINX.rewrite(upstream));
        assertEquals(upstream, CookieRewrite.NONE.rewrite(upstream), "without rules, as nginx: untouched");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "__Host-sid=1; Path=/; Secure                          | __Host-sid=1; Path=/; Secure",
        "__Host-sid=1; Domain=www.domain2.com; Path=/; Secure  | __Host-sid=1; Path=/; Secure",
        "__HOST-sid=1; Path=/; Domain=x.com; Secure            | __HOST-sid=1; Path=/; Secure",
        "__Host-sid=1; Path=/api/; Secure                      | __Host-sid=1; Path=/api/; Secure",
    })
    void aHostPrefixedCookieNeverGainsADomain(String upstream, String browser) {
        CookieRewrite everything = CookieRewrite.builder().domain("*", "www.domain1.com").path("/api/", "/").build();
        assertEquals(browser, everything.rewrite(upstream));
        assertEquals(browser, NGINX.rewrite(upstream));
    }

    @Test
    void theCookieValueIsNeverTakenForAnAttribute() {
        assertEquals("Domain=www.domain2.com; Path=/", NGINX.rewrite("Domain=www.domain2.com; Path=/"));
    }

    @Test
    void anExactDomainWinsOverTheWildcardAndAnEmptyTargetRemovesTheAttribute() {
        CookieRewrite middleware = CookieRewrite.builder()
            .domain("*", "")
            .domain("keep.example", "keep.example")
            .domain("www.domain2.com", "www.domain1.com")
            .build();
        assertEquals("a=1; Path=/; HttpOnly", middleware.rewrite("a=1; Domain=api.domain2.com; Path=/; HttpOnly"));
        assertEquals("a=1; Domain=keep.example", middleware.rewrite("a=1; Domain=KEEP.example"));
        assertEquals("a=1; Domain=www.domain1.com", middleware.rewrite("a=1; Domain=www.domain2.com"));

        CookieRewrite anyToDomain1 = CookieRewrite.builder().domain("*", "www.domain1.com").build();
        assertEquals("a=1; Domain=www.domain1.com; Secure", anyToDomain1.rewrite("a=1; Domain=x.y.z; Secure"));
    }

    @Test
    void pathsAreRewrittenByTheirLongestPrefix() {
        CookieRewrite paths = CookieRewrite.builder().path("/api/", "/").path("/api/v2/", "/new/")
            .path("/gone", "").build();
        assertEquals("a=1; Path=/users", paths.rewrite("a=1; Path=/api/users"));
        assertEquals("a=1; Path=/new/x", paths.rewrite("a=1; Path=/api/v2/x"));
        assertEquals("a=1; Path=/API/users", paths.rewrite("a=1; Path=/API/users"));
        assertEquals("a=1; HttpOnly", paths.rewrite("a=1; Path=/gone; HttpOnly"));
        assertEquals("a=1; Path=/", paths.rewrite("a=1; Path=/"));
    }

    @Test
    void badRulesAreRefusedWithTheFix() {
        IllegalArgumentException from = assertThrows(IllegalArgumentException.class,
            () -> CookieRewrite.builder().domain("http://www.domain2.com", "x.com"));
        assertTrue(from.getMessage().contains("\"www.domain2.com\""), from.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CookieRewrite.builder().domain("a.com", "b.com; Secure"));
        assertThrows(IllegalArgumentException.class, () -> CookieRewrite.builder().path("api", "/"));
        assertThrows(IllegalArgumentException.class, () -> CookieRewrite.builder().path("/api", "x;y"));
        assertThrows(NullPointerException.class, () -> CookieRewrite.builder().domain(null, ""));
    }
}
