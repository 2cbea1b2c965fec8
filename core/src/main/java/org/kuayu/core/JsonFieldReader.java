package org.kuayu.core;

/** Picks one string member out of a top-level JSON object while {@link JsonParser} validates the whole text. */
final class JsonFieldReader implements JsonParser.Handler {
    private final String name;
    private int depth;
    private boolean topIsObject;
    private String currentKey;
    private String value;

    JsonFieldReader(String name) {
        this.name = name;
    }

    /** The member's value, or null. */
    String value() {
        return topIsObject ? value : null;
    }

    @Override
    public void beginObject() {
        if (depth == 0) {
            topIsObject = true;
        }
        depth++;
        currentKey = null;
    }

    @Override
    public void key(String key) {
        currentKey = depth == 1 ? key : null;
    }

    @Override
    public void endObject() {
        depth--;
    }

    @Override
    public void beginArray() {
        depth++;
        currentKey = null;
    }

    @Override
    public void endArray() {
        depth--;
    }

    @Override
    public void string(String s) {
        if (depth == 1 && name.equals(currentKey)) {
            value = s;
        }
    }

    @Override
    public void number(String text) {
    }

    @Override
    public void literal(Boolean b) {
    }
}
