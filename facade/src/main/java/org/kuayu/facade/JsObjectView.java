package org.kuayu.facade;

import org.kuayu.core.platform.FrameHandle;

/**
 * A read-only view of one JS object that a user passed to the {@code kuayu} API, such as the options of
 * {@code kuayu.connect}. Each compiler's binding implements it over its own JS object type, so that everything the
 * facade checks and decides is written once, here, in portable Java, and both bundles behave the same.
 *
 * <pre>{@code
 * // in a binding: kuayu.connect(options)
 * ConnectOptions.Builder b = FacadeOptions.connect(new TeaVmObjectView(options));
 * }</pre>
 *
 * <p>Every method reads a property by name as JS would ({@code o[key]}); none throws for a missing property.
 */
public interface JsObjectView {
    /** JS type names {@link #typeOf} gives beyond {@code typeof}'s own. */
    String UNDEFINED = "undefined";
    String NULL = "null";
    String ARRAY = "array";

    /**
     * The type of {@code o[key]}: {@code typeof} ({@code "undefined"}, {@code "boolean"}, {@code "number"},
     * {@code "string"}, {@code "function"}, {@code "object"}, ...) except {@code "null"} for null and
     * {@code "array"} for an array.
     */
    String typeOf(String key);

    /** {@code String(o[key])}. */
    String string(String key);

    /** {@code +o[key]}. */
    double number(String key);

    /** {@code o[key] === true}. */
    boolean isTrue(String key);

    /** A copy of {@code o[key]} when it is an array of strings, else null. */
    String[] stringArray(String key);

    /** {@code Object.keys(o)}: the own enumerable property names, in JS order. */
    String[] keys();

    /** A view of {@code o[key]} when it is an object (not null, not an array), else null. */
    JsObjectView object(String key);

    /** {@code o[key]} as a frame handle when it is an {@code <iframe>} element, else null. */
    FrameHandle frame(String key);
}
