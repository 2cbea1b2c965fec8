package org.kuayu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportSetup;

/** {@link ConnectOptions} and {@link AcceptOptions}: safe defaults, and misuse that fails fast saying the fix. */
class ChannelOptionsTest {
    static final TransportFactory NONE = new TransportFactory() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public boolean isSupported(org.kuayu.core.platform.Platform platform, Role role) {
            return false;
        }

        @Override
        public Transport create(TransportSetup setup) {
            throw new AssertionError("not supported");
        }
    };

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void connectDefaults() {
        ConnectOptions o = ConnectOptions.builder().remote("http://remote.test/r.html").transport(NONE).build();
        assertEquals(ChannelOptions.DEFAULT_TIMEOUT_MILLIS, o.timeoutMillis());
        assertEquals(10000, o.timeoutMillis());
        assertNotNull(o.listener(), "a listener that drops events");
        o.listener().onReady();
        assertNull(o.requestHandler());
        assertNull(o.debugSink(), "debug log off");
        assertNull(o.frame());
        assertEquals(List.of(NONE), o.transports());
        assertThrows(UnsupportedOperationException.class, () -> o.transports().add(NONE));
    }

    @Test
    void connectNeedsExactlyOneOfRemoteAndFrame() {
        assertTrue(message(() -> ConnectOptions.builder().transport(NONE).build()).contains("exactly one"));
        FrameHandle frame = new SimBrowser().open("http://host.test/").createFrame("http://remote.test/", true);
        assertTrue(message(() -> ConnectOptions.builder().remote("http://remote.test/").frame(frame).transport(NONE)
                .build()).contains("exactly one"));
        assertSame(frame, ConnectOptions.builder().frame(frame).transport(NONE).build().frame());
        assertTrue(message(() -> ConnectOptions.builder().remote("")).contains("URL"));
        assertTrue(message(() -> ConnectOptions.builder().remote(null)).contains("URL"));
        assertTrue(message(() -> ConnectOptions.builder().frame(null)).contains("frame"));
    }

    @Test
    void aTransportAndAPositiveTimeoutAreRequired() {
        assertTrue(message(() -> ConnectOptions.builder().remote("http://r.test/").build()).contains("transport"));
        assertTrue(message(() -> ConnectOptions.builder().transport(null)).contains("transport"));
        assertTrue(message(() -> ConnectOptions.builder().timeoutMillis(0)).contains("positive"));
        assertTrue(message(() -> ConnectOptions.builder().timeoutMillis(-5)).contains("-5"));
        assertEquals(1, ConnectOptions.builder().remote("http://r.test/").transport(NONE).timeoutMillis(1).build()
                .timeoutMillis());
    }

    @Test
    void acceptNeedsNamedOriginsUnlessAnyOriginIsAdmittedExplicitly() {
        assertTrue(message(() -> AcceptOptions.builder().transport(NONE).build()).contains("allowAnyOrigin()"));
        AcceptOptions any = AcceptOptions.builder().transport(NONE).allowAnyOrigin().build();
        assertTrue(any.allowAnyOrigin());
        assertTrue(any.allowedOrigins().isEmpty());
    }

    @Test
    void allowedOriginsAreCanonicalAndUnique() {
        AcceptOptions o = AcceptOptions.builder().transport(NONE)
                .allowOrigin("HTTP://Host.TEST:80")
                .allowOrigin("http://host.test/")
                .allowOrigin("https://host.test:8443")
                .build();
        assertEquals(List.of("http://host.test", "https://host.test:8443"), o.allowedOrigins());
        assertFalse(o.allowAnyOrigin());
        assertThrows(UnsupportedOperationException.class, () -> o.allowedOrigins().add("http://x.test"));
    }

    @Test
    void anAllowedOriginIsJustAnOrigin() {
        assertTrue(message(() -> AcceptOptions.builder().allowOrigin("*")).contains("allowAnyOrigin()"));
        assertTrue(message(() -> AcceptOptions.builder().allowOrigin("http://host.test/page.html"))
                .contains("write just http://host.test"));
        assertTrue(message(() -> AcceptOptions.builder().allowOrigin("http://host.test?x")).contains("path"));
        assertTrue(message(() -> AcceptOptions.builder().allowOrigin("http://host.test#x")).contains("path"));
        assertTrue(message(() -> AcceptOptions.builder().allowOrigin("http://host.test\\x")).contains("path"));
        message(() -> AcceptOptions.builder().allowOrigin("null"));
        message(() -> AcceptOptions.builder().allowOrigin("host.test"));
        message(() -> AcceptOptions.builder().allowOrigin(null));
    }
}
