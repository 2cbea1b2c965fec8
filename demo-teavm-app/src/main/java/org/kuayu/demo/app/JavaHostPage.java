package org.kuayu.demo.app;

import java.util.LinkedHashMap;
import java.util.Map;

import org.kuayu.core.ChannelListener;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.Json;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.ReplyCallback;
import org.kuayu.jsonp.JsonpTransport;
import org.kuayu.postmessage.PostMessageTransport;
import org.kuayu.teavm.TeaVmPlatform;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The script of domain1's {@code /java-app/} page: a Java program, compiled by TeaVM, that talks to domain2 through
 * {@link CrossDomainChannel} directly (no {@code kuayu.js}). It opens a channel to domain2's postMessage remote
 * page, and the page's button sends a request whose reply is shown in the log. A second channel uses the JSONP
 * transport: each request is one JSONP call of domain2's {@code /login}, its members the query parameters.
 */
public final class JavaHostPage {
    private static CrossDomainChannel channel;
    private static CrossDomainChannel jsonp;
    private static int sent;

    private JavaHostPage() {
    }

    public static void main(String[] args) {
        String remote = demoUrl("domain2") + "/postmessage-remote.html";
        log("connecting to " + remote + " from Java");
        channel = Kuayu.connect(TeaVmPlatform.get(), ConnectOptions.builder()
                .remote(remote)
                .transport(PostMessageTransport.FACTORY)
                .listener(new ChannelListener() {
                    @Override
                    public void onReady() {
                        setStatus("ready");
                        log("ready over " + channel.transport() + " with " + channel.remoteOrigin());
                    }

                    @Override
                    public void onMessage(String json, Origin origin) {
                        log("← " + origin + ": message " + json);
                    }

                    @Override
                    public void onError(KuayuException error) {
                        setStatus("failed");
                        log("error " + error.code() + ": " + error.getMessage());
                    }

                    @Override
                    public void onClose() {
                        setStatus("closed");
                    }
                })
                .build());
        onClick("request", new Action() {
            @Override
            public void run() {
                sendRequest();
            }
        });
        jsonp = Kuayu.connect(TeaVmPlatform.get(), ConnectOptions.builder()
                .remote(demoUrl("domain2") + "/login")
                .transport(JsonpTransport.FACTORY)
                .timeoutMillis(5000)
                .build());
        onClick("jsonp", new Action() {
            @Override
            public void run() {
                loginOverJsonp();
            }
        });
    }

    private static void loginOverJsonp() {
        Map<String, Object> query = new LinkedHashMap<String, Object>();
        query.put("user", "java");
        String json = Json.stringify(query);
        log("→ domain2 over JSONP: request " + json);
        jsonp.request(json, new ReplyCallback() {
            @Override
            public void onReply(String reply) {
                setText("jsonp-reply", reply);
                log("← " + jsonp.remoteOrigin() + " over JSONP: reply " + reply);
            }

            @Override
            public void onError(KuayuException error) {
                log("JSONP request failed: " + error.code() + " " + error.getMessage());
            }
        });
    }

    private static void sendRequest() {
        Map<String, Object> request = new LinkedHashMap<String, Object>();
        request.put("from", "Java");
        request.put("n", Integer.valueOf(++sent));
        final String json = Json.stringify(request);
        log("→ domain2: request " + json);
        channel.request(json, new ReplyCallback() {
            @Override
            public void onReply(String reply) {
                Object value = Json.parse(reply);
                String text = value instanceof Map ? String.valueOf(((Map<?, ?>) value).get("reply")) : reply;
                setText("reply", text);
                log("← " + channel.remoteOrigin() + ": reply " + reply);
            }

            @Override
            public void onError(KuayuException error) {
                log("request failed: " + error.code() + " " + error.getMessage());
            }
        });
    }

    /** A click handler. */
    @JSFunctor
    interface Action extends JSObject {
        void run();
    }

    @JSBody(params = "site", script = "return window.KUAYU_DEMO[site];")
    private static native String demoUrl(String site);

    @JSBody(params = {"id", "f"}, script = "document.getElementById(id).addEventListener('click', function() { f(); });")
    private static native void onClick(String id, Action action);

    @JSBody(params = {"id", "text"}, script = "document.getElementById(id).textContent = text;")
    private static native void setText(String id, String text);

    @JSBody(params = "text", script = "var e = document.getElementById('status'); e.textContent = text;"
            + " e.className = 'status status-' + text;")
    private static native void setStatus(String text);

    @JSBody(params = "text", script = "var li = document.createElement('li'); li.textContent = text;"
            + " document.getElementById('log').appendChild(li);")
    private static native void log(String text);
}
