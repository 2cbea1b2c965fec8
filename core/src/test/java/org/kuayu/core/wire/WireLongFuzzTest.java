package org.kuayu.core.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link WireFuzzTest} for ten minutes: not part of the build (core's surefire leaves it out), run by command:
 * {@code mvn -pl core test -Dtest=WireLongFuzzTest}.
 */
class WireLongFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void readersOfOtherPagesTextThrowOnlyTheirTypedErrorForTenMinutes(FuzzedDataProvider data) {
        WireFuzzTest.fuzz(data);
    }
}
