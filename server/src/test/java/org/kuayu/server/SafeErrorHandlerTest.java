package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SafeErrorHandlerTest {

    private static final String INTERNALS = "/srv/internal/db.properties password=hunter2";

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new FailingHandler());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aThrowingHandlerGivesA500WithoutStackOrMessage() throws Exception {
        HttpResponse<String> response = server.get("/throw");

        assertEquals(500, response.statusCode());
        assertEquals("500 Server Error\n", response.body());
        assertEquals("text/plain;charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertNoInternals(response.body());
    }

    @Test
    void aJsonClientGetsJson() throws Exception {
        HttpResponse<String> response = server.get("/throw", "Accept", "application/json");

        assertEquals(500, response.statusCode());
        assertEquals("{\"status\":500,\"reason\":\"Server Error\"}\n", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void anHttpExceptionKeepsItsStatusButNotItsReason() throws Exception {
        HttpResponse<String> response = server.get("/forbidden");

        assertEquals(403, response.statusCode());
        assertEquals("403 Forbidden\n", response.body());
    }

    @Test
    void anErrorWrittenWithAMessageShowsOnlyTheStandardReason() throws Exception {
        HttpResponse<String> response = server.get("/message");

        assertEquals(409, response.statusCode());
        assertEquals("409 Conflict\n", response.body());
    }

    @Test
    void unhandledRequestsAre404ForEveryMethod() throws Exception {
        assertEquals("404 Not Found\n", server.get("/nothing-here").body());
        HttpResponse<String> put = server.send("PUT", "/nothing-here");
        assertEquals(404, put.statusCode());
        assertEquals("404 Not Found\n", put.body());
    }

    @Test
    void badRequestsRefusedByJettyGetTheShortBody() throws Exception {
        String answer = server.raw("/a/%2e%2e/b");

        assertEquals(400, TestServer.statusOf(answer));
        assertTrue(answer.endsWith("\r\n\r\n400 Bad Request\n"), answer);
    }

    private static void assertNoInternals(String body) {
        assertFalse(body.contains("hunter2"), body);
        assertFalse(body.contains("Exception"), body);
        assertFalse(body.contains("at org."), body);
        assertFalse(body.contains("FailingHandler"), body);
    }

    /** Fails in the ways a real application does. */
    private static final class FailingHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            switch (Request.getPathInContext(request)) {
                case "/throw":
                    throw new IllegalStateException("cannot read " + INTERNALS);
                case "/forbidden":
                    throw new HttpException.RuntimeException(403, "user 42 lacks role admin in " + INTERNALS);
                case "/message":
                    Response.writeError(request, response, callback, 409, "row locked in " + INTERNALS);
                    return true;
                default:
                    return false;
            }
        }
    }
}
