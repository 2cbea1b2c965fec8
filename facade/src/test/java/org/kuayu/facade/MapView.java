package org.kuayu.facade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kuayu.core.platform.FrameHandle;

/**
 * A JS object for tests, as a map: strings, Doubles, Booleans, null, {@link MapView}s, {@code List<Object>}s,
 * {@link #FUNCTION} and {@link FrameHandle}s stand for the JS values a user could pass.
 */
final class MapView implements JsObjectView {
    /** Stands for a JS function. */
    static final Object FUNCTION = new Object();

    private final Map<String, Object> values = new LinkedHashMap<String, Object>();

    static MapView of(Object... keysAndValues) {
        MapView v = new MapView();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            v.values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return v;
    }

    @Override
    public String typeOf(String key) {
        if (!values.containsKey(key)) {
            return UNDEFINED;
        }
        Object v = values.get(key);
        if (v == null) {
            return NULL;
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v == FUNCTION) {
            return "function";
        }
        return v instanceof List ? ARRAY : "object";
    }

    @Override
    public String string(String key) {
        Object v = values.get(key);
        if (v instanceof Double && ((Double) v) == Math.floor((Double) v)) {
            return String.valueOf(((Double) v).longValue());
        }
        return String.valueOf(v);
    }

    @Override
    public double number(String key) {
        Object v = values.get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    @Override
    public boolean isTrue(String key) {
        return Boolean.TRUE.equals(values.get(key));
    }

    @Override
    public String[] stringArray(String key) {
        Object v = values.get(key);
        if (!(v instanceof List)) {
            return null;
        }
        List<String> out = new ArrayList<String>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                return null;
            }
            out.add((String) o);
        }
        return out.toArray(new String[0]);
    }

    @Override
    public String[] keys() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public JsObjectView object(String key) {
        Object v = values.get(key);
        return v instanceof MapView ? (MapView) v : null;
    }

    @Override
    public FrameHandle frame(String key) {
        Object v = values.get(key);
        return v instanceof FrameHandle ? (FrameHandle) v : null;
    }
}
