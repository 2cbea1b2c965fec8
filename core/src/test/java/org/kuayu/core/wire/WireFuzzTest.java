package org.kuayu.core.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;

/**
 * Coverage-guided fuzzing (Jazzer) of what reads text from other pages: the wire decoder, the JSON parser and the
 * readers built on it, origins. Whatever the input, only the typed error may come out, and nothing hangs (Jazzer
 * fails a run that stops making progress). In the normal build it runs for 20 s; {@link WireLongFuzzTest} runs the same
 * for ten minutes, by command only: {@code mvn -pl core test -Dtest=WireLongFuzzTest} (see docs/security.md). What the
 * fuzzer learns stays in {@code core/.cifuzz-corpus/} (ignored by git) and is replayed on the next run.
 *
 * <p>One fuzz test for all the readers, each input going to the one its first byte picks: Jazzer fuzzes one test per
 * run.
 */
class WireFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void readersOfOtherPagesTextThrowOnlyTheirTypedError(FuzzedDataProvider data) {
        fuzz(data);
    }

    /** One input: to the reader its first byte picks. */
    static void fuzz(FuzzedDataProvider data) {
        int target = data.consumeInt(0, 5);
        String text = data.consumeRemainingAsString();
        switch (target) {
            case 0:
                try {
                    Message m = WireCodec.decode(text);
                    if (m == null || m.kind() == null || !m.kind().isWire()) {
                        throw new AssertionError("decoded to no wire message: " + m);
                    }
                } catch (WireFormatException expected) {
                    // The typed refusal.
                }
                return;
            case 1:
                try {
                    Json.parse(text);
                } catch (KuayuException e) {
                    requireInvalidArgument(e);
                }
                return;
            case 2:
                if (Json.isValid(text) != parses(text)) {
                    throw new AssertionError("isValid disagrees with parse on " + text);
                }
                return;
            case 3:
                Json.readError(text, ErrorCode.REMOTE_ERROR);
                Json.field(text, "session");
                return;
            case 4:
                try {
                    Json.readFlatObject(text);
                } catch (KuayuException e) {
                    requireInvalidArgument(e);
                }
                return;
            default:
                Origin.tryParse(text);
        }
    }

    private static boolean parses(String text) {
        try {
            Json.parse(text);
            return true;
        } catch (KuayuException e) {
            return false;
        }
    }

    private static void requireInvalidArgument(KuayuException e) {
        if (e.code() != ErrorCode.INVALID_ARGUMENT) {
            throw new AssertionError("a " + e.code() + " instead of INVALID_ARGUMENT", e);
        }
    }
}
