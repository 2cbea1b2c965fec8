package org.kuayu.core.behavior;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;

/**
 * {@link StackFuzzTest} for ten minutes: not part of the build (core's surefire leaves it out), run by command:
 * {@code mvn -pl core test -Dtest=StackLongFuzzTest}.
 */
class StackLongFuzzTest {

    @FuzzTest(maxDuration = "10m")
    @Timeout(10)
    void forgedFramesIntoBothStacksDeliverNothingThrowNothingAndHoldLittleForTenMinutes(FuzzedDataProvider data) {
        StackFuzzSession.fuzz(data);
    }
}
