package org.kuayu.core.wire;

import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;

/** A frame that is not well-formed Kuayu wire format. Stacks log it at debug level and drop the frame. */
public final class WireFormatException extends KuayuException {
    public WireFormatException(String message) {
        super(ErrorCode.TRANSMISSION_FAILED, message);
    }
}
