package org.kuayu.core.stack;

/**
 * Whether a transport can deliver to a target origin now: the one question about the transport that a behaviour may
 * ask ({@link ReachabilityBehavior}). Transports whose other end is one known page (a proxy page of one origin) say no
 * to every other origin.
 */
public interface Reachability {
    /** True when a frame addressed to {@code targetOrigin} ({@code "*"}: any) would reach the peer. */
    boolean canReach(String targetOrigin);
}
