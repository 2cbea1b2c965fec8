package org.kuayu.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a top-level JSON object whose members are all scalars into their text, for {@link Json#readFlatObject}.
 * Throws on the first thing that is not: the text must be an object, and no member may be an object or array.
 */
final class JsonFlatObjectReader implements JsonParser.Handler {
    private final Map<String, String> members = new LinkedHashMap<String, String>();
    private int depth;
    private String key;

    Map<String, String> members() {
        return members;
    }

    @Override
    public void beginObject() {
        if (depth > 0) {
            throw nested("an object");
        }
        depth++;
    }

    @Override
    public void beginArray() {
        throw depth == 0 ? notAnObject("an array") : nested("an array");
    }

    private KuayuException nested(String what) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, "member '" + key + "' is " + what
                + ", not a string, number, boolean or null");
    }

    private static KuayuException notAnObject(String what) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, "the value is " + what + ", not an object");
    }

    @Override
    public void key(String k) {
        key = k;
    }

    @Override
    public void endObject() {
        depth--;
    }

    @Override
    public void endArray() {
        depth--;
    }

    @Override
    public void string(String value) {
        member(value, "a string");
    }

    @Override
    public void number(String text) {
        member(text, "a number");
    }

    @Override
    public void literal(Boolean value) {
        member(value == null ? null : value.booleanValue() ? "true" : "false", value == null ? "null" : "a boolean");
    }

    private void member(String text, String what) {
        if (depth == 0) {
            throw notAnObject(what);
        }
        members.put(key, text);
    }
}
