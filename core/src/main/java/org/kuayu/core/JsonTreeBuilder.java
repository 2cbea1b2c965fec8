package org.kuayu.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Java value tree of {@link Json#parse} from a {@link JsonParser}'s events. */
final class JsonTreeBuilder implements JsonParser.Handler {
    private final List<Object> containers = new ArrayList<Object>();
    private final List<String> keys = new ArrayList<String>();
    private Object result;

    Object result() {
        return result;
    }

    @Override
    public void beginObject() {
        open(new LinkedHashMap<String, Object>());
    }

    @Override
    public void beginArray() {
        open(new ArrayList<Object>());
    }

    private void open(Object container) {
        add(container);
        containers.add(container);
        keys.add(null);
    }

    @Override
    public void key(String key) {
        keys.set(keys.size() - 1, key);
    }

    @Override
    public void endObject() {
        close();
    }

    @Override
    public void endArray() {
        close();
    }

    private void close() {
        containers.remove(containers.size() - 1);
        keys.remove(keys.size() - 1);
    }

    @Override
    public void string(String value) {
        add(value);
    }

    @Override
    public void number(String text) {
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (integral && text.length() <= 20) {
            try {
                add(Long.valueOf(Long.parseLong(text)));
                return;
            } catch (NumberFormatException tooBig) {
                // falls through: an integer beyond long's range becomes a Double, as in JavaScript
            }
        }
        add(Double.valueOf(Double.parseDouble(text)));
    }

    @Override
    public void literal(Boolean value) {
        add(value);
    }

    @SuppressWarnings("unchecked")
    private void add(Object value) {
        if (containers.isEmpty()) {
            result = value;
            return;
        }
        Object top = containers.get(containers.size() - 1);
        if (top instanceof Map) {
            ((Map<String, Object>) top).put(keys.get(keys.size() - 1), value);
        } else {
            ((List<Object>) top).add(value);
        }
    }
}
