package org.kuayu.gwt;

import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.Json;
import org.kuayu.core.Origin;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.postmessage.PostMessageTransport;

import com.google.gwt.core.client.EntryPoint;

/**
 * The entry point of the {@code org.kuayu.gwt.KuayuGwt} module ({@code kuayu-gwt.js}). GWT requires one; for now it
 * only makes the portable API reachable, so that GWT compiles it as a browser would run it (not just type-checks
 * it) and the build fails when core or postmessage use something GWT cannot compile. It exposes nothing and has no
 * side effect on the page. Note that GWT's single-script loader runs it once the document is parsed, not when the
 * script tag runs (JsInterop exports, by contrast, exist as soon as the script has run).
 *
 * <p>The platform binding is {@link GwtPlatform}; the {@code kuayu} JS facade comes next (issue 3).
 */
public final class KuayuGwtEntryPoint implements EntryPoint {
    /** Keeps the result alive, so the optimizer cannot drop the calls. */
    static String lastCheck;

    @Override
    public void onModuleLoad() {
        lastCheck = exercisePortableApi();
    }

    /** Touches the options, the wire codec, JSON and origins; returns a summary no one reads. */
    static String exercisePortableApi() {
        ConnectOptions connect = ConnectOptions.builder()
                .remote("https://remote.example/kuayu/proxy.html")
                .transport(PostMessageTransport.FACTORY)
                .timeoutMillis(5000)
                .build();
        AcceptOptions accept = AcceptOptions.builder()
                .allowOrigin("https://host.example")
                .transport(PostMessageTransport.FACTORY)
                .build();
        String frame = WireCodec.encode(new Message(MessageKind.REQUEST, "c1", 7, "{\"a\":[1,2.5,true,null]}"));
        Message decoded = WireCodec.decode(frame);
        String json = Json.stringify(Json.parse(decoded.body()));
        Origin origin = Origin.parse(connect.remoteUrl());
        return json + " " + origin + " " + accept.allowedOrigins().size() + " " + decoded.number();
    }
}
