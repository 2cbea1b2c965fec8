package org.kuayu.jsonp;

import java.util.Map;

import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;

/**
 * Turns a channel request's JSON into the options of its JSONP call, for {@link JsonpTransport}: the members of a
 * flat JSON object become query parameters, in order.
 *
 * <pre>{@code
 * JsonpRequestCodec.callOptions("{\"user\":\"admin\",\"n\":1.50,\"ok\":true,\"note\":null}", factoryOptions, ms)
 *   // params user=admin, n=1.50, ok=true (note left out); callbackParam and nonce from factoryOptions
 * }</pre>
 *
 * A string is sent as it is, a number as written, a boolean as {@code true}/{@code false}; a null member is left
 * out. Everything else is refused with INVALID_ARGUMENT and a message that says what to send instead.
 */
final class JsonpRequestCodec {
    private JsonpRequestCodec() {
    }

    /**
     * @param defaults the transport's options: their callback parameter and nonce are used
     * @throws KuayuException INVALID_ARGUMENT for JSON that is not a flat object, or a member name no parameter
     *                        may have (empty, or the callback parameter's)
     */
    static JsonpOptions callOptions(String requestJson, JsonpOptions defaults, int timeoutMillis) {
        Map<String, String> members;
        try {
            members = Json.readFlatObject(requestJson);
        } catch (KuayuException e) {
            throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "a jsonp request is sent as query parameters, so it"
                    + " must be a JSON object of strings, numbers and booleans, e.g. {\"user\":\"admin\"}, but "
                    + e.getMessage() + ": send nested data as a string member (Json.stringify it), or use a"
                    + " page-to-page transport such as postMessage");
        }
        String callbackParam = defaults.callbackParam();
        JsonpOptions.Builder b = JsonpOptions.builder().callbackParam(callbackParam).nonce(defaults.nonce())
                .timeoutMillis(timeoutMillis);
        for (Map.Entry<String, String> e : members.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(callbackParam)) {
                throw new KuayuException(ErrorCode.INVALID_ARGUMENT, "a jsonp request cannot have a member named '"
                        + name + "': " + (name.isEmpty() ? "a query parameter needs a name"
                        : "it is the callback parameter; rename the member, or choose another callbackParam with"
                        + " JsonpTransport.factory(JsonpOptions.builder().callbackParam(\"cb\").build())"));
            }
            if (e.getValue() != null) {
                b.param(name, e.getValue());
            }
        }
        return b.build();
    }
}
