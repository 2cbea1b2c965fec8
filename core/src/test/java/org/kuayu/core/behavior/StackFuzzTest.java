package org.kuayu.core.behavior;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing (Jazzer) of the behaviours' own frame formats through whole channels: forged {@code SEQ},
 * {@code SAK}, {@code FRG}, {@code SEC} and handshake and request/reply frames, fragmented forged messages and replays
 * of real frames, injected into the host's and the remote's stack of a window transport with secrets, fragmentation
 * and reliable delivery, between the legitimate pages' own traffic. Whatever comes in, nothing but the typed error
 * comes out, nothing grows without bound or keeps the pages busy, and the users see only what the real peer sent (see
 * {@link StackFuzzSession} for the oracle). An input that takes more than 10 s fails (Jazzer turns the JUnit timeout
 * into its per-input timeout).
 *
 * <p>In the normal build it runs for 15 s, in a JVM of its own (core's surefire execution {@code stack-fuzz}: Jazzer
 * fuzzes one test per JVM), which with that JVM's start and instrumentation adds some 35 s to the build on a loaded
 * 2-core machine; {@link StackLongFuzzTest} runs the same for ten minutes, by command only:
 * {@code mvn -pl core test -Dtest=StackLongFuzzTest} (see docs/security.md). What the fuzzer learns stays in
 * {@code core/.cifuzz-corpus/} (ignored by git) and is replayed on the next run.
 */
class StackFuzzTest {

    @FuzzTest(maxDuration = "15s")
    @Timeout(10)
    void forgedFramesIntoBothStacksDeliverNothingThrowNothingAndHoldLittle(FuzzedDataProvider data) {
        StackFuzzSession.fuzz(data);
    }
}
