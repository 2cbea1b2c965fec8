package org.kuayu.it;

import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The host site's proxy page behind a slow network, when a test asks for it: {@code /test/slow/proxy.html} answers
 * with a redirect to {@code /kuayu/proxy.html} (a redirect keeps a frame's name), after {@link #delay(int)} ms.
 * A window.name transfer needs one load of the host's proxy page per frame, so with a delay set, a large reply takes
 * at least (its frames / the reliable window) times that delay, whatever the machine's speed: a test can make a
 * transfer outlast a timeout without racing the clock.
 */
final class SlowProxy extends Handler.Abstract {
    /** Where the tests serve it. */
    static final String PATH = "/test/slow/";
    /** The page a host names as its {@code proxy}, and a remote pins among its {@code hostProxies}. */
    static final String PAGE = PATH + "proxy.html";

    private volatile int delayMillis;

    /** From now on each load waits this long (0: none); the test that sets it resets it when it ends. */
    void delay(int millis) {
        delayMillis = millis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PAGE.equals(Request.getPathInContext(request))) {
            return false;
        }
        Runnable answer = () -> {
            response.setStatus(HttpStatus.FOUND_302);
            response.getHeaders().put(HttpHeader.LOCATION, "/kuayu/proxy.html");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            callback.succeeded();
        };
        int delay = delayMillis;
        if (delay == 0) {
            answer.run();
        } else {
            request.getComponents().getScheduler().schedule(answer, delay, TimeUnit.MILLISECONDS);
        }
        return true;
    }
}
