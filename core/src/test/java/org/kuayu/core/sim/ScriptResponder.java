package org.kuayu.core.sim;

/**
 * The server side of a {@code <script src>} load in the {@link SimBrowser}: sees each request and answers it.
 *
 * <pre>{@code
 * browser.script("http://api.test/user", req -> req.callAndLoad(req.param("callback"), "{\"id\":1}"));
 * browser.script("http://api.test/missing", ScriptRequest::fail);                 // 404
 * browser.script("http://api.test/slow", req -> req.delay(30000).loadWithoutCall());
 * }</pre>
 *
 * <p>A responder that answers nothing leaves the request pending forever (a stalled connection).
 */
public interface ScriptResponder {
    void respond(ScriptRequest request);
}
