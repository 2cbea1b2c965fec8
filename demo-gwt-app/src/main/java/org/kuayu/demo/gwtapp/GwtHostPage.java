package org.kuayu.demo.gwtapp;

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
import org.kuayu.gwt.GwtPlatform;
import org.kuayu.postmessage.PostMessageTransport;

import com.google.gwt.core.client.EntryPoint;

/**
 * The script of domain1's {@code /gwt-app/} page: a GWT application that talks to domain2 through
 * {@link CrossDomainChannel} directly (no {@code kuayu.js}), the GWT twin of the TeaVM page
 * {@code org.kuayu.demo.app.JavaHostPage}. It shows what a GWT application needs: inherit {@code org.kuayu.Kuayu},
 * compile with the {@code sso} linker (module {@code org.kuayu.demo.gwtapp.GwtApp}), and connect with
 * {@link GwtPlatform#get()}:
 *
 * <pre>{@code
 * CrossDomainChannel channel = Kuayu.connect(GwtPlatform.get(), ConnectOptions.builder()
 *         .remote(domain2 + "/postmessage-remote.html")
 *         .transport(PostMessageTransport.FACTORY)
 *         .listener(listener)
 *         .build());
 * }</pre>
 *
 * <p>The page's elements have the ids of the TeaVM page: the channel's state goes into {@code #status}
 * (connecting, ready, failed, closed), the button {@code #request} sends {@code {"from":"GWT","n":N}}, the reply's
 * {@code reply} member goes into {@code #reply}, and {@code #log} lists each step. With the {@code sso} linker
 * {@link #onModuleLoad()} runs once the document is parsed, so the elements exist by then.
 */
public final class GwtHostPage implements EntryPoint {
    private CrossDomainChannel channel;
    private int sent;

    @Override
    public void onModuleLoad() {
        String remote = demoUrl("domain2") + "/postmessage-remote.html";
        log("connecting to " + remote + " from GWT");
        channel = Kuayu.connect(GwtPlatform.get(), ConnectOptions.builder()
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
        onClick("request", this::sendRequest);
    }

    private void sendRequest() {
        Map<String, Object> request = new LinkedHashMap<String, Object>();
        request.put("from", "GWT");
        request.put("n", Integer.valueOf(++sent));
        String json = Json.stringify(request);
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

    private static native String demoUrl(String site) /*-{
        return $wnd.KUAYU_DEMO[site];
    }-*/;

    private static native void onClick(String id, Runnable action) /*-{
        $doc.getElementById(id).addEventListener('click', $entry(function () {
            action.@java.lang.Runnable::run()();
        }));
    }-*/;

    private static native void setText(String id, String text) /*-{
        $doc.getElementById(id).textContent = text;
    }-*/;

    private static native void setStatus(String text) /*-{
        var e = $doc.getElementById('status');
        e.textContent = text;
        e.className = 'status status-' + text;
    }-*/;

    private static native void log(String text) /*-{
        var li = $doc.createElement('li');
        li.textContent = text;
        $doc.getElementById('log').appendChild(li);
    }-*/;
}
