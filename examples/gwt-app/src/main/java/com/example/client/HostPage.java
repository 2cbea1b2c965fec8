package com.example.client;

import org.kuayu.core.ChannelListener;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.gwt.GwtPlatform;
import org.kuayu.postmessage.PostMessageTransport;

import com.google.gwt.core.client.EntryPoint;
import com.google.gwt.dom.client.Document;

/**
 * The GWT application of index.html: it opens a channel to the page named by the body's {@code data-remote} (a page
 * of another origin that calls {@code kuayu.accept}), asks it one question and shows the answer.
 */
public final class HostPage implements EntryPoint {
    private CrossDomainChannel channel;

    @Override
    public void onModuleLoad() {
        channel = Kuayu.connect(GwtPlatform.get(), ConnectOptions.builder()
                .remote(Document.get().getBody().getAttribute("data-remote"))
                .transport(PostMessageTransport.FACTORY)
                .listener(new ChannelListener() {
                    @Override
                    public void onReady() {
                        ask();
                    }

                    @Override
                    public void onError(KuayuException error) {
                        show("error " + error.code() + ": " + error.getMessage());
                    }
                })
                .build());
    }

    private void ask() {
        channel.request("{\"question\":42}", new ReplyCallback() {
            @Override
            public void onReply(String json) {
                show("reply " + json);
            }

            @Override
            public void onError(KuayuException error) {
                show("error " + error.code() + ": " + error.getMessage());
            }
        });
    }

    private static void show(String text) {
        Document.get().getElementById("answer").setInnerText(text);
    }
}
