package org.kuayu.iframe.name;

import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.FrameCost;
import org.kuayu.core.stack.Role;
import org.kuayu.core.stack.Transport;
import org.kuayu.core.stack.TransportFactory;
import org.kuayu.core.stack.TransportSetup;
import org.kuayu.iframe.HalvesTransport;

/**
 * The window.name transport: a frame keeps its {@code window.name} when it navigates, whatever the origin, so a page
 * hands a string to a page of another origin by naming a frame with it and loading the other origin's helper page
 * ({@code proxy.html}) there, which reads the name, empties it, and passes the string to its own origin's page. Each
 * side serves the kuayu folder; each messenger frame carries one wire frame, or a batch of those written while
 * others loaded ({@link NamedFrames}), and is removed once it has loaded.
 *
 * <pre>
 * remote frame's name    kuayu-name:&lt;id&gt;:&lt;host proxy URL&gt;                   set by the host when it creates the frame
 * host to remote         &lt;remote proxy URL&gt;, named __kuayu_remote_&lt;id&gt;:&lt;frame&gt;      a new frame of the host page
 * remote to host         &lt;host proxy URL&gt;, named __kuayu_name_&lt;id&gt;:kuayu-name|&lt;remote proxy URL&gt;|&lt;frame&gt;
 *                                                                              (no frame: the announcement at load)
 *                                                                              a new frame of the remote page
 * </pre>
 * {@code <id>} is 32 hex digits drawn by the host per channel: {@code __kuayu_name_<id>} is the host's mailbox,
 * {@code __kuayu_remote_<id>} the remote's; proxy.js calls the mailbox on the nearest ancestor, or frame of an
 * ancestor, it may script that has it (the host page for the first, the remote page next to the frame for the second).
 *
 * <ol>
 * <li>Requirement: the remote can write first. Protocol: the host names the remote frame it creates with its address
 * (the rendezvous above), which the remote page reads at load and after every reload; it announces its proxy page at
 * once (a write with no frame), so that the host can send its {@code SYN} even to a page that will refuse it. So the
 * transport needs the frame Kuayu creates: {@code connect} with a given frame is refused.</li>
 * <li>Requirement: each side's helper page is its own. Protocol: a host proxy URL of another origin is refused at
 * {@code connect}, a remote proxy URL of another origin at {@code accept}; the remote tells its own in every write, and
 * the host writes only to a remote proxy of the remote page's origin, the remote only to a host proxy of its target
 * origin. Nobody can tell who named a frame or called a mailbox, so frames are passed up as from the origin that
 * the address names (host: the remote page's; remote: the host proxy's), and the stack adds per-channel secrets
 * ({@link #seesSenderOrigin()} is false).</li>
 * <li>Requirement: nothing stays behind. Protocol: proxy.js empties each name it reads; messenger frames go once
 * loaded; the remote empties its own name at close, the host removes the frame it created.</li>
 * <li>Requirement: frames that arrive out of order, or not at all (a frame removed before it loaded, a reload),
 * still make one ordered stream. Protocol: reliable delivery with a window of {@value #WINDOW}; frames longer than
 * {@value #MAX_FRAME_LENGTH} characters are fragmented, so that a lost frame costs little to send again.</li>
 * </ol>
 *
 * <pre>{@code
 * Kuayu.connect(platform, ConnectOptions.builder().remote("http://www.domain2.localhost:8082/remote.html")
 *         .proxy("/kuayu/proxy.html").transport(NameTransport.FACTORY).build());
 * Kuayu.accept(platform, AcceptOptions.builder().allowOrigin("http://www.domain1.localhost:8081")
 *         .proxy("/kuayu/proxy.html").transport(NameTransport.FACTORY).build());
 * }</pre>
 */
public final class NameTransport extends HalvesTransport {
    /** The transport's name, as users force it. */
    public static final String NAME = "name";
    /** The start of the host channel's mailbox name. */
    public static final String HOST_MAILBOX_PREFIX = "__kuayu_name_";
    /** The start of the remote page's mailbox name. */
    public static final String REMOTE_MAILBOX_PREFIX = "__kuayu_remote_";
    /** How the remote frame's name starts when a host created it for this transport. */
    public static final String RENDEZVOUS_PREFIX = "kuayu-name:";
    /** How a remote's write starts, before its proxy URL and the frame. */
    public static final String ENVELOPE_PREFIX = "kuayu-name|";
    /** The longest frame in one window.name; longer ones are fragmented. */
    public static final int MAX_FRAME_LENGTH = 32768;
    /** Frames in flight at once. */
    public static final int WINDOW = 128;
    /** The longest proxy URL either side accepts. */
    public static final int MAX_PROXY_URL_LENGTH = 512;
    /** How long the frames this transport created outlive it, so that its last write is still read. */
    public static final int FRAME_REMOVAL_DELAY_MILLIS = 500;

    /** Makes window.name transports; every browser has window.name. */
    public static final TransportFactory FACTORY = new TransportFactory() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean isSupported(Platform platform, Role role) {
            return true;
        }

        @Override
        public Transport create(TransportSetup setup) {
            return new NameTransport(setup);
        }
    };

    private NameTransport(TransportSetup setup) {
        super(half(setup));
    }

    private static End half(TransportSetup setup) {
        String proxy = setup.proxyUrl();
        if (proxy == null) {
            throw invalid("window.name brings frames in through Kuayu's helper page on this page's own origin:"
                    + " give its URL with proxy(...) (the proxy option in JS), e.g. \"/kuayu/proxy.html\"");
        }
        if (proxy.length() > MAX_PROXY_URL_LENGTH || proxy.indexOf('#') >= 0 || proxy.indexOf('|') >= 0) {
            throw invalid("the proxy URL must have at most " + MAX_PROXY_URL_LENGTH + " characters and no '#' or"
                    + " '|': " + proxy);
        }
        if (setup.role() == Role.HOST && setup.frame() != null) {
            throw invalid("window.name needs the frame Kuayu creates, which it names with the host's address before"
                    + " the remote page loads: give remote (the URL) instead of frame");
        }
        return setup.role() == Role.HOST ? new NameHost(setup) : new NameRemote(setup);
    }

    static KuayuException invalid(String message) {
        return new KuayuException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** True for 32 lower-case hex digits. */
    static boolean isId(String text) {
        if (text.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int reliableWindow() {
        return WINDOW;
    }

    @Override
    public int maxFrameLength() {
        return MAX_FRAME_LENGTH;
    }

    /** Null: a name holds any character as it is. */
    @Override
    public FrameCost frameCost() {
        return null;
    }

}
