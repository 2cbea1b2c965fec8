package org.kuayu.jsonp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportListener;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/**
 * The JSONP transport of {@code CrossDomainChannel}: the remote URL is a JSONP endpoint (a server, not a page) and
 * each request is one {@link JsonpClient} call of it. A request-only transport ({@link #isRequestOnly()}), so the
 * stack has no handshake: the channel is ready in the task after {@code connect}, and no frame is created.
 *
 * <pre>{@code
 * CrossDomainChannel api = Kuayu.connect(platform, ConnectOptions.builder()
 *         .remote("https://api.example/login")
 *         .transport(JsonpTransport.FACTORY)       // or JsonpTransport.factory(jsonpOptions), see below
 *         .timeoutMillis(5000)                     // each call's timeout (default 10000 ms)
 *         .build());
 * api.request("{\"user\":\"admin\",\"remember\":true}", callback);
 * // GET https://api.example/login?user=admin&remember=true&callback=__kuayu_jsonp_<128 random bits>
 * // callback.onReply gets the JSON the server passed to that function
 * }</pre>
 *
 * <ul>
 * <li>A request must be a flat JSON object; its members become query parameters in order (UTF-8, percent-encoded):
 * a string as it is, a number as written, a boolean as {@code true}/{@code false}. A null member is left out (a
 * query parameter cannot be null, and sending the text "null" would be a value the caller never gave). Anything
 * else (an array or object member, a request that is not an object) is refused: {@code request} throws
 * INVALID_ARGUMENT, saying how to send it.</li>
 * <li>Errors reach the callback: TRANSMISSION_FAILED at once when the script fails to load (404, refused
 * connection, server down, CSP); TIMEOUT when nothing calls back within the request's timeout (the channel's, or
 * the one given to {@code request}); CLOSED for calls in flight when the channel closes.</li>
 * <li>What JSONP cannot do fails with INVALID_ARGUMENT, never silently: {@code send} throws (no one-way messages),
 * {@code connect} with a request handler and {@code accept} throw (the endpoint cannot push, and is served by
 * {@code JsonpHandler} of kuayu-server); {@code onMessage} never fires.</li>
 * <li>Every call removes its script element, its timer and its global after its reply, error, timeout or the
 * channel's close; a reply after a timeout or close finds a stub that absorbs it (no {@code ReferenceError}).</li>
 * </ul>
 *
 * <p>Options: {@link #factory(JsonpOptions)} takes the callback parameter's name and the page's CSP nonce
 * ({@link #FACTORY}: {@code "callback"}, no nonce). Fixed parameters go in the remote URL's query
 * ({@code remote("https://api.example/login?v=2")}) and the timeout on the channel, so a {@code JsonpOptions} with
 * params or a timeout is refused there.
 */
public final class JsonpTransport implements Transport {
    /** The transport's name, as users force it and {@code channel.transport()} reports it. */
    public static final String NAME = "jsonp";

    /** Makes JSONP transports with the default options: callback parameter {@code "callback"}, no nonce. */
    public static final TransportFactory FACTORY = factory(JsonpOptions.defaults());

    /**
     * The channel's request timer decides when a call times out and abandons it ({@link #abandonRequest}); a call's
     * own timer only has to outlast every request timeout (at most 24 days), so it is the longest a page can set.
     */
    private static final int CALL_TIMEOUT_MILLIS = Integer.MAX_VALUE;

    private final Platform platform;
    private final DebugLog log;
    private final String url;
    private final JsonpOptions options;
    private final Map<Integer, Cancellable> calls = new HashMap<Integer, Cancellable>();
    private TransportListener listener;

    private JsonpTransport(TransportSetup setup, JsonpOptions options) {
        this.platform = setup.platform();
        this.log = setup.log();
        this.url = setup.remoteUrl();
        this.options = options;
    }

    /**
     * Makes JSONP transports that name the callback in {@code options.callbackParam()} and give the script element
     * {@code options.nonce()}.
     *
     * <pre>{@code
     * .transport(JsonpTransport.factory(JsonpOptions.builder().callbackParam("cb").nonce(pageNonce).build()))
     * }</pre>
     *
     * @throws IllegalArgumentException for null, or options with params or a timeout (see the class comment)
     */
    public static TransportFactory factory(final JsonpOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null: use JsonpTransport.FACTORY for the defaults");
        }
        if (!options.params().isEmpty()) {
            throw new IllegalArgumentException("the jsonp transport takes its parameters from each request's JSON:"
                    + " put fixed ones in the remote URL's query, e.g. remote(\"https://api.example/login?v=2\")");
        }
        if (options.timeoutMillis() != JsonpOptions.DEFAULT_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("the jsonp transport times each call out after the channel's request"
                    + " timeout: set ConnectOptions.builder().timeoutMillis(...) instead of JsonpOptions'");
        }
        return new TransportFactory() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public boolean isSupported(Platform platform, Role role) {
                // Script elements work in every browser. The remote role is refused by the stack, with a message.
                return true;
            }

            @Override
            public Transport create(TransportSetup setup) {
                if (setup.role() == Role.HOST && setup.remoteUrl() == null) {
                    throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "the jsonp transport calls an endpoint and"
                            + " uses no frame: give remote(\"https://api.example/login\") instead of frame(...)");
                }
                return new JsonpTransport(setup, options);
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    /** False: whatever script calls the global answers; the unguessable callback name per call is the secret. */
    @Override
    public boolean seesSenderOrigin() {
        return false;
    }

    @Override
    public boolean needsReliableDelivery() {
        return false;
    }

    /** 0: each call is one script load, answered once or failed. */
    @Override
    public int reliableWindow() {
        return 0;
    }

    /** 0: a request too long for the server's URL limit fails its call with TRANSMISSION_FAILED (414). */
    @Override
    public int maxFrameLength() {
        return 0;
    }

    @Override
    public boolean isRequestOnly() {
        return true;
    }

    @Override
    public void open(TransportListener newListener) {
        listener = newListener;
    }

    /**
     * Starts one JSONP call for a {@code REQ} frame; its answer comes up as {@code RES} or {@code ERR} with the same
     * number, reported as from {@code endpointOrigin}.
     *
     * @throws KuayuException INVALID_ARGUMENT, to the caller of {@code request}, for a request that is not flat
     */
    @Override
    public void send(String frame, final String endpointOrigin) {
        Message m = WireCodec.decode(frame);
        if (m.kind() != MessageKind.REQUEST) {
            log.log("dropped an outgoing " + m.kind() + ": jsonp carries requests only");
            return;
        }
        final int number = m.number();
        JsonpOptions call = JsonpRequestCodec.callOptions(m.body(), options, CALL_TIMEOUT_MILLIS);
        calls.put(Integer.valueOf(number), JsonpClient.request(platform, url, call, new ReplyCallback() {
            @Override
            public void onReply(String json) {
                answer(number, MessageKind.RESPONSE, json, endpointOrigin);
            }

            @Override
            public void onError(KuayuException error) {
                answer(number, MessageKind.ERROR, Json.error(error.code(), error.getMessage()), endpointOrigin);
            }
        }));
    }

    private void answer(int number, MessageKind kind, String body, String origin) {
        if (calls.remove(Integer.valueOf(number)) != null) {
            listener.onFrame(platform.join(WireCodec.header(new Message(kind, "", number, "")), body), origin, null);
        }
    }

    /** Releases the call of a request whose caller timed out: its script element, timer and global (a stub). */
    @Override
    public void abandonRequest(int number) {
        Cancellable call = calls.remove(Integer.valueOf(number));
        if (call != null) {
            log.log("request #" + number + " timed out: nothing called back from " + url + "; check that the server"
                    + " calls the function named in its '" + options.callbackParam() + "' parameter");
            call.cancel();
        }
    }

    /** Cancels every call in flight (the stack has failed their requests with CLOSED) and releases what they hold. */
    @Override
    public void close() {
        List<Cancellable> inFlight = new ArrayList<Cancellable>(calls.values());
        calls.clear();
        for (Cancellable call : inFlight) {
            call.cancel();
        }
    }
}
