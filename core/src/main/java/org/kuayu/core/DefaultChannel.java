package org.kuayu.core;

import org.kuayu.core.behavior.RequestTicket;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * The channel itself: the top of the stack. Turns API calls into messages going down, and the messages and local
 * events coming up into listener calls. Made by {@link Kuayu}.
 */
final class DefaultChannel implements CrossDomainChannel {
    private final Platform platform;
    private final ChannelOptions options;
    private final DebugLog log;
    private TransportChoice stack;
    private ChannelState state = ChannelState.CONNECTING;
    private boolean closeReported;
    private String transportName;
    private Origin remoteOrigin;

    DefaultChannel(Platform platform, ChannelOptions options, DebugLog log, Origin remoteOrigin) {
        this.platform = platform;
        this.options = options;
        this.log = log;
        this.remoteOrigin = remoteOrigin;
    }

    /** Starts the stack; a transport that cannot work here fails the channel in a later task, never in the call. */
    void start(TransportChoice newStack) {
        stack = newStack;
        try {
            stack.start();
        } catch (KuayuException e) {
            // Closed at once, so calls made before the report fail with CLOSED instead of vanishing.
            state = ChannelState.CLOSED;
            failLater(e);
        }
    }

    /** Where the stack's top delivers. */
    void up(Message message) {
        receive(message);
    }

    /**
     * An automatic choice gave up on one transport and tries the next, or a dropped connection is re-opening:
     * {@code onError} is told, nothing closes.
     */
    void fallback(final KuayuException error) {
        log.log(error.getMessage());
        notify(new Runnable() {
            @Override
            public void run() {
                options.listener().onError(error);
            }
        });
    }

    /** Fails the channel before any stack exists (no usable transport). */
    void failLater(final KuayuException error) {
        platform.schedule(0, new Runnable() {
            @Override
            public void run() {
                receive(Message.local(MessageKind.FAILED, Json.error(error.code(), error.getMessage())));
            }
        });
    }

    @Override
    public void send(String json) {
        validate(json, "the message");
        requireOpen();
        stack.send(new Message(MessageKind.MESSAGE, "", 0, json));
    }

    @Override
    public void request(String json, ReplyCallback callback) {
        request(json, options.timeoutMillis(), callback);
    }

    @Override
    public void request(String json, int timeoutMillis, final ReplyCallback callback) {
        if (callback == null) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "request needs a ReplyCallback");
        }
        if (timeoutMillis <= 0) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "timeout must be positive, got " + timeoutMillis);
        }
        validate(json, "the request");
        if (state == ChannelState.CLOSED || stack == null) {
            platform.schedule(0, new Runnable() {
                @Override
                public void run() {
                    callback.onError(new KuayuException(ErrorCode.CLOSED, "the channel is closed"));
                }
            });
            return;
        }
        stack.send(new Message(MessageKind.REQUEST, "", 0, json)
                .withAttachment(new RequestTicket(callback, timeoutMillis)));
    }

    @Override
    public void close() {
        if (state == ChannelState.CLOSED) {
            return;
        }
        if (stack == null) {
            state = ChannelState.CLOSED;
            reportClose();
            return;
        }
        stack.send(new Message(MessageKind.CLOSE, "", 0, ""));
        stack.deliverUp(Message.local(MessageKind.CLOSED, "local"));
    }

    @Override
    public ChannelState state() {
        return state;
    }

    @Override
    public boolean isReady() {
        return state == ChannelState.READY;
    }

    @Override
    public String transport() {
        return transportName;
    }

    @Override
    public Origin remoteOrigin() {
        return remoteOrigin;
    }

    private void validate(String json, String what) {
        if (json == null || !options.trustsPayloadJson()) {
            Json.requireValid(json, what);
        }
    }

    private void requireOpen() {
        if (state == ChannelState.CLOSED || stack == null) {
            throw new KuayuException(ErrorCode.CLOSED, "the channel is closed; connect again to talk to the page");
        }
    }

    private void receive(Message m) {
        ChannelListener listener = options.listener();
        switch (m.kind()) {
            case OPENED:
                state = ChannelState.READY;
                transportName = m.body();
                if (remoteOrigin == null) {
                    remoteOrigin = Origin.reuseOrParse(m.origin(), null);
                }
                notify(new Runnable() {
                    @Override
                    public void run() {
                        options.listener().onReady();
                    }
                });
                return;
            case RESET:
                state = ChannelState.CONNECTING;
                if (!m.body().isEmpty()) {
                    // A dropped connection the transport re-opens: onError now, onReady again once it is back.
                    fallback(Json.readError(m.body(), ErrorCode.TRANSMISSION_FAILED));
                }
                return;
            case MESSAGE:
                final String body = m.body();
                final Origin from = Origin.reuseOrParse(m.origin(), remoteOrigin);
                notify(new Runnable() {
                    @Override
                    public void run() {
                        options.listener().onMessage(body, from);
                    }
                });
                return;
            case FAILED:
                if (!closeReported) {
                    final KuayuException error = Json.readError(m.body(), ErrorCode.TRANSMISSION_FAILED);
                    finish();
                    notify(new Runnable() {
                        @Override
                        public void run() {
                            options.listener().onError(error);
                        }
                    });
                    reportClose();
                }
                return;
            case CLOSED:
                finish();
                reportClose();
                return;
            default:
                log.log("ignored " + m.kind() + " at the channel");
        }
    }

    private void finish() {
        state = ChannelState.CLOSED;
        if (stack != null) {
            stack.stop();
        }
    }

    private void reportClose() {
        if (!closeReported) {
            closeReported = true;
            notify(new Runnable() {
                @Override
                public void run() {
                    options.listener().onClose();
                }
            });
        }
    }

    /** Runs a listener call; an exception from user code must not break the channel (see {@link UserCode}). */
    private void notify(Runnable call) {
        UserCode.run(platform, log, call);
    }
}
