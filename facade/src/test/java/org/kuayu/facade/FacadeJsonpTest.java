package org.kuayu.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.ScriptRequest;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

/** {@code kuayu.jsonp} as both bundles run it. */
class FacadeJsonpTest {
    private static final String API = "http://api.test/login";

    private SimBrowser browser;
    private SimWindow page;
    private final List<ScriptRequest> requests = new ArrayList<ScriptRequest>();

    @BeforeEach
    void open() {
        browser = new SimBrowser(5);
        browser.script(API, req -> {
            requests.add(req);
            req.callAndLoad(req.param(req.param("cb") != null ? "cb" : "callback"), "{\"status\":true}");
        });
        page = browser.open("http://www.page.test/index.html");
    }

    private static MapView args(Object url, MapView options) {
        return options == null ? MapView.of("url", url) : MapView.of("url", url, "options", options);
    }

    @Test
    void paramsCallbackParamTimeoutAndNonceReachTheScript() {
        ReplyRecorder r = new ReplyRecorder();
        FacadeJsonp.request(page, args(API, MapView.of("params", MapView.of("user", "admin & co", "n", 2.0,
                "ok", true), "callbackParam", "cb", "timeout", 500.0, "nonce", "n0nce")), r);
        assertTrue(browser.runUntil(r::isDone, 100));
        assertEquals("{\"status\":true}", r.reply());
        ScriptRequest req = requests.get(0);
        assertTrue(req.url().startsWith(API + "?user=admin%20%26%20co&n=2&ok=true&cb=__kuayu_jsonp_"), req.url());
        assertEquals("n0nce", req.nonce());
    }

    @Test
    void noOptionsMeansTheDefaults() {
        ReplyRecorder r = new ReplyRecorder();
        FacadeJsonp.request(page, args(API, null), r);
        assertTrue(browser.runUntil(r::isDone, 100));
        assertTrue(requests.get(0).url().startsWith(API + "?callback=__kuayu_jsonp_"), requests.get(0).url());
    }

    static List<Object[]> badCalls() {
        return List.of(
                new Object[] {args(3.0, null), "url must be the JSONP endpoint's URL as a string"},
                new Object[] {args("  ", null), "url must be the JSONP endpoint's URL as a string"},
                new Object[] {args(API, MapView.of("param", MapView.of())),
                    "unknown option 'param'"},
                new Object[] {args(API, MapView.of("callbackparam", "cb")),
                    "unknown option 'callbackparam' (did you mean callbackParam?)"},
                new Object[] {args(API, MapView.of("params", "user=admin")), "params must be an object"},
                new Object[] {args(API, MapView.of("params", MapView.of("q", MapView.of()))),
                    "params.q is an object: a query parameter must be a string, a number or a boolean"},
                new Object[] {args(API, MapView.of("params", MapView.of("q", null))), "params.q is null"},
                new Object[] {args(API, MapView.of("params", MapView.of("callback", "x"))),
                    "is also the callbackParam"},
                new Object[] {args(API, MapView.of("callbackParam", 1.0)), "callbackParam must be a string"},
                new Object[] {args(API, MapView.of("callbackParam", "")), "callbackParam must not be null or empty"},
                new Object[] {args(API, MapView.of("timeout", -1.0)), "timeout must be a whole number"},
                new Object[] {args(API, MapView.of("nonce", "")), "nonce must not be empty"},
                new Object[] {args(API, MapView.of("nonce", true)), "nonce must be the page's CSP nonce"});
    }

    @ParameterizedTest
    @MethodSource("badCalls")
    void badArgumentsAreRefusedAtOnceWithoutAScript(MapView args, String message) {
        KuayuException e = assertThrows(KuayuException.class,
                () -> FacadeJsonp.request(page, args, new ReplyRecorder()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(0, browser.liveScriptCount());
        assertEquals(0, browser.liveGlobalCallbackCount());
    }

    @Test
    void theCallbackFormIsChosenByGivingACallback() {
        assertFalse(FacadeJsonp.callbackForm(args(API, null)));
        assertTrue(FacadeJsonp.callbackForm(MapView.of("url", API, "onSuccess", MapView.FUNCTION)));
        assertTrue(FacadeJsonp.callbackForm(MapView.of("url", API, "onError", MapView.FUNCTION)));
        KuayuException e = assertThrows(KuayuException.class,
                () -> FacadeJsonp.callbackForm(MapView.of("url", API, "onSuccess", "done")));
        assertEquals("kuayu.jsonp: onSuccess must be a function", e.getMessage());
    }
}
