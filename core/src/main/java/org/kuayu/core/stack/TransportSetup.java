package org.kuayu.core.stack;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;

/** Everything a {@link TransportFactory} may need to build a transport for one channel. Immutable. */
public final class TransportSetup {
    private final Role role;
    private final Platform platform;
    private final DebugLog log;
    private final String remoteUrl;
    private final FrameHandle frame;
    private final String proxyUrl;
    private final PinnedProxies hostProxies;
    private final boolean trustAncestors;

    public TransportSetup(Role role, Platform platform, DebugLog log, String remoteUrl, FrameHandle frame) {
        this(role, platform, log, remoteUrl, frame, null);
    }

    public TransportSetup(Role role, Platform platform, DebugLog log, String remoteUrl, FrameHandle frame,
            String proxyUrl) {
        this(role, platform, log, remoteUrl, frame, proxyUrl, null, false);
    }

    public TransportSetup(Role role, Platform platform, DebugLog log, String remoteUrl, FrameHandle frame,
            String proxyUrl, PinnedProxies hostProxies, boolean trustAncestors) {
        this.role = role;
        this.platform = platform;
        this.log = log;
        this.remoteUrl = remoteUrl;
        this.frame = frame;
        this.proxyUrl = proxyUrl;
        this.hostProxies = hostProxies;
        this.trustAncestors = trustAncestors;
    }

    /**
     * Remote: the host proxy pages it may write to and the origins it may serve ({@link PinnedProxies}); null when
     * built without accept options (then the transports that need it refuse to open). Host: null.
     */
    public PinnedProxies hostProxies() {
        return hostProxies;
    }

    /** Whether the page trusts pages of other origins that frame it ({@code ChannelOptions.trustsAncestors()}). */
    public boolean trustsAncestors() {
        return trustAncestors;
    }

    public Role role() {
        return role;
    }

    public Platform platform() {
        return platform;
    }

    public DebugLog log() {
        return log;
    }

    /** Host: the absolute URL of the remote page, or null when an existing frame is used. */
    public String remoteUrl() {
        return remoteUrl;
    }

    /** Host: the existing frame to use, or null to create one for {@link #remoteUrl()}. */
    public FrameHandle frame() {
        return frame;
    }

    /**
     * Host: the absolute URL of Kuayu's helper page on this page's own origin ({@code ConnectOptions.proxy}, checked
     * by {@code Kuayu.connect}), or null when none was given. Remote: null.
     */
    public String proxyUrl() {
        return proxyUrl;
    }
}
