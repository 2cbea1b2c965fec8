package org.kuayu.iframe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.sim.PageScript;
import org.kuayu.core.sim.SimWindow;

/**
 * {@code proxy.html} of the kuayu folder in the simulated browser: what {@code proxy.js} does, written again from its
 * comment (not from Kuayu's Java), so that the transports meet an independent reader. The fragment
 * {@code #<mailbox>:<frame percent-encoded>} is read at load and at each change ({@code hashchange}, or every 25 ms
 * without it); a frame that starts with {@code kuayu} goes to a host's mailbox on the nearest ancestor this page may
 * script that has it, or to a remote page's mailbox ({@code __kuayu_remote_}) on a frame of this page's parent (the
 * remote page next to the host's messenger frame). {@code window.name = "<mailbox>:<frame>"} is read at load, emptied, and handed over the same way, not
 * decoded.
 *
 * <pre>{@code
 * browser.page("http://host.test/kuayu/proxy.html", new SimProxyPage());
 * }</pre>
 */
public final class SimProxyPage implements PageScript {
    private int deliveries;

    /** Frames handed to a mailbox, by every page this script ran in. */
    public int deliveries() {
        return deliveries;
    }

    @Override
    public void run(SimWindow page) {
        String[] last = {""};
        Runnable read = () -> {
            String hash = page.locationHash();
            if (!hash.equals(last[0]) && hash.startsWith("__kuayu_")) {
                last[0] = hash;
                deliver(page, hash, true);
            }
        };
        String name = page.windowName();
        if (name.startsWith("__kuayu_")) {
            page.setWindowName("");
            deliver(page, name, false);
        }
        if (page.listenHashChange(read) == null) {
            poll(page, read);
        }
        read.run();
    }

    private static void poll(SimWindow page, Runnable read) {
        page.schedule(25, () -> {
            read.run();
            poll(page, read);
        });
    }

    private void deliver(SimWindow page, String text, boolean decode) {
        int colon = text.indexOf(':');
        if (colon < 0 || !text.substring(0, colon).matches("__kuayu_[a-z]+_[0-9a-f]{32}")) {
            return;
        }
        String frame = decode ? decodeUriComponent(text.substring(colon + 1)) : text.substring(colon + 1);
        if (frame == null || !frame.startsWith("kuayu")) {
            return;
        }
        String box = text.substring(0, colon);
        if (box.startsWith("__kuayu_remote_")) {
            for (WindowHandle sibling : page.framesOf(1)) {
                if (sibling.callMailbox(box, frame)) {
                    deliveries++;
                    return;
                }
            }
            return;
        }
        for (int up = 1; up <= 16; up++) {
            WindowHandle ancestor = page.ancestor(up);
            if (ancestor == null) {
                return;
            }
            if (ancestor.callMailbox(box, frame)) {
                deliveries++;
                return;
            }
        }
    }

    /** JavaScript's {@code decodeURIComponent}: null where it throws a {@code URIError}. */
    public static String decodeUriComponent(String text) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
                continue;
            }
            if (!flush(bytes, out)) {
                return null;
            }
            out.append(c);
        }
        return flush(bytes, out) ? out.toString() : null;
    }

    private static boolean flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() == 0) {
            return true;
        }
        try {
            out.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())));
        } catch (CharacterCodingException e) {
            return false;
        }
        bytes.reset();
        return true;
    }
}
