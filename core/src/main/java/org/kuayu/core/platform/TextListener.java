package org.kuayu.core.platform;

/** Receives string messages from a {@link PortHandle}. */
public interface TextListener {
    void onText(String text);
}
