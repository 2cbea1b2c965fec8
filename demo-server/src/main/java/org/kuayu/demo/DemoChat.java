package org.kuayu.demo;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.kuayu.core.Json;
import org.kuayu.server.KuayuSession;
import org.kuayu.server.KuayuWebSocketHandler;
import org.kuayu.server.KuayuWebSocketListener;

/**
 * domain2's chat server of the WebSocket row, after the classic socket.io example ({@code client.send('hello：' +
 * msg)}), twice: at {@value #KUAYU_PATH} a {@link KuayuWebSocketHandler} for {@code kuayu.connect({transport:
 * "websocket"})} pages, at {@value #RAW_PATH} a bare text socket for {@code new WebSocket(...)}. Both admit domain1's
 * pages only (and clients without {@code Origin}, such as HtmlUnit, which are not pages).
 *
 * <ul>
 *   <li>Kuayu: a message {@code {"text": t}} is answered with the message {@code {"text": "hello: " + t}}; a request
 *       {@code {"op": "upper", "text": t}} with {@code {"text": T, "clients": n}} (T in capitals, n sessions open);
 *       any other request with REMOTE_ERROR.</li>
 *   <li>Raw: each text {@code t} is answered with {@code "hello: " + t}.</li>
 * </ul>
 *
 * <pre>{@code
 * Handler chat = DemoChat.endpoints("http://www.domain1.localhost:8081", site);
 * }</pre>
 */
final class DemoChat {
    /** The Kuayu endpoint's path: {@value}. */
    static final String KUAYU_PATH = "/ws/chat";
    /** The raw text endpoint's path: {@value}. */
    static final String RAW_PATH = "/ws/raw";

    private DemoChat() {
    }

    /** Both endpoints, in front of {@code next}. */
    static Handler endpoints(String domain1Origin, Handler next) {
        KuayuWebSocketHandler chat = KuayuWebSocketHandler.builder()
            .path(KUAYU_PATH)
            .allowOrigin(domain1Origin)
            .allowMissingOrigin()
            .listener(new Listener())
            .build();
        RawChat raw = new RawChat(chat::admits);
        raw.setHandler(next);
        chat.setHandler(raw);
        return chat;
    }

    private static final class Listener implements KuayuWebSocketListener {
        @Override
        public void onMessage(KuayuSession session, String json) {
            Object text = Json.parse(json) instanceof Map<?, ?> m ? m.get("text") : null;
            session.send("{\"text\":" + Json.quote("hello: " + (text == null ? json : text)) + "}");
        }

        @Override
        public String onRequest(KuayuSession session, String json) {
            Object parsed = Json.parse(json);
            if (!(parsed instanceof Map<?, ?> m) || !"upper".equals(m.get("op")) || !(m.get("text") instanceof String)) {
                throw new IllegalArgumentException("unknown request: send {\"op\": \"upper\", \"text\": \"...\"}");
            }
            return "{\"text\":" + Json.quote(((String) m.get("text")).toUpperCase(Locale.ROOT)) + ",\"clients\":"
                + session.handler().sessions().size() + "}";
        }
    }

    /** The classic way: a bare WebSocket that answers each text with "hello: " + text. */
    private static final class RawChat extends Handler.Wrapper {
        private final Predicate<String> admits;
        private ServerWebSocketContainer container;

        RawChat(Predicate<String> admits) {
            this.admits = admits;
        }

        @Override
        protected void doStart() throws Exception {
            container = ServerWebSocketContainer.ensure(getServer());
            super.doStart();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (RAW_PATH.equals(Request.getPathInContext(request))) {
                if (!admits.test(request.getHeaders().get(HttpHeader.ORIGIN))) {
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "origin not allowed");
                    return true;
                }
                if (container.upgrade((req, res, cb) -> new RawChatSocket(), request, response, callback)) {
                    return true;
                }
            }
            return super.handle(request, response, callback);
        }
    }
}
