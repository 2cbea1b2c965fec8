package org.kuayu.iframe.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kuayu.core.Origin;

class ParentDomainTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "http://www.domain.localhost:8085, http://child.domain.localhost:8086, domain.localhost",
        "https://a.example.com, https://b.c.example.com, example.com",
        "https://example.com, https://api.example.com, example.com",
        "https://api.example.com, https://api.example.com, api.example.com",
        "http://www.domain1.localhost, http://www.domain2.localhost, none",
        "http://xexample.com, http://example.com, none",
        "http://example.com, https://api.example.com, none",
        "http://127.0.0.1:1, http://127.0.0.1:2, none",
        "http://a.localhost, http://b.localhost, none",
        "http://[::1]:1, http://[::1]:2, none"})
    void findsTheSharedParentDomainOfTwoOrigins(String a, String b, String expected) {
        assertEquals(expected, ParentDomain.common(Origin.parse(a), Origin.parse(b)));
        assertEquals(expected, ParentDomain.common(Origin.parse(b), Origin.parse(a)));
    }
}
