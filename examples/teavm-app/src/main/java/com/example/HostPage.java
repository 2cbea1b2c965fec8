package com.example;

import org.kuayu.core.ChannelListener;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.postmessage.PostMessageTransport;
import org.kuayu.teavm.TeaVmPlatform;
import org.teavm.jso.JSBody;

/**
 * The script of index.html, written in Java and compiled by TeaVM: it opens a channel to the page named by the
 * body's {@code data-remote} (a page of another origin that calls {@code kuayu.accept}), asks it one question and
 * shows the answer.
 */
public final class HostPage {
    private static CrossDomainChannel channel;

    private HostPage() {
    }

    public static void main(String[] args) {
        channel = Kuayu.connect(TeaVmPlatform.get(), ConnectOptions.builder()
                .remote(remoteUrl())
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

    private static void ask() {
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

    @JSBody(script = "return document.body.getAttribute('data-remote');")
    private static native String remoteUrl();

    @JSBody(params = "text", script = "document.getElementById('answer').textContent = text;")
    private static native void show(String text);
}
