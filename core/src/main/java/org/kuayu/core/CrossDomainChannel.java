package org.kuayu.core;

/**
 * A message channel between two pages of different origins: the one interface every Kuayu transport sits behind.
 *
 * <p>Get one with {@link Kuayu#connect} in the host page (which loads the remote page in a frame) or
 * {@link Kuayu#accept} in the remote page. Payloads are JSON text ({@link Json} helps build and read it).
 *
 * <pre>{@code
 * CrossDomainChannel channel = Kuayu.connect(platform, ConnectOptions.builder()
 *         .remote("http://www.domain2.localhost:8082/remote.html")
 *         .transport(PostMessageTransport.FACTORY)
 *         .listener(new ChannelListener() {
 *             public void onMessage(String json, Origin from) { ... }
 *         })
 *         .build());
 * channel.send("{\"text\":\"hi\"}");                   // queued until ready
 * channel.request("{\"q\":1}", new ReplyCallback() {
 *     public void onReply(String json) { ... }
 *     public void onError(KuayuException e) { ... }      // TIMEOUT, CLOSED, REMOTE_ERROR, ...
 * });
 * }</pre>
 *
 * <p>All methods must be called on the page's event loop. Messages arrive in the order they were sent. If the
 * remote page reloads, the channel goes back to {@link ChannelState#CONNECTING}, requests in flight fail with
 * TRANSMISSION_FAILED, new sends are queued, and {@code onReady} is called again when the new page has accepted.
 */
public interface CrossDomainChannel {
    /**
     * Sends a one-way message.
     *
     * @param json a JSON value as text
     * @throws KuayuException INVALID_ARGUMENT if {@code json} is not JSON, or the transport carries requests only
     *                        (JSONP); CLOSED if the channel is closed
     */
    void send(String json);

    /** Sends a request with the channel's default timeout; the callback gets the reply or the error. */
    void request(String json, ReplyCallback callback);

    /**
     * Sends a request with its own timeout.
     *
     * @throws KuayuException INVALID_ARGUMENT for bad JSON, a timeout that is not positive, or a payload the
     *                        transport cannot carry (JSONP: anything but a flat object) (thrown; every other failure
     *                        goes to the callback)
     */
    void request(String json, int timeoutMillis, ReplyCallback callback);

    /** Closes the channel: the other side is told, pending requests fail with CLOSED, resources are released. */
    void close();

    ChannelState state();

    /** True between a completed handshake and close (false while re-opening after a remote reload). */
    boolean isReady();

    /** The transport in use once ready ({@code "postMessage"}, {@code "jsonp"}, ...), else null. */
    String transport();

    /** The remote page's origin: on the host from the start; on the remote once a host connected; else null. */
    Origin remoteOrigin();
}
