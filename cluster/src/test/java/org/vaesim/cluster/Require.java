package org.vaesim.cluster;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * What the cluster tests need beyond a JDK and the build's SPARK_HOME: a Master and two Workers that can start and
 * talk on the loopback address (a sandbox without loopback networking, or one that forbids child processes, cannot
 * have them). Where they cannot start the tests are skipped with the reason, unless {@value #SPARK_CLUSTER} is 1
 * (CI sets it, .ci/run), where they fail instead: the same rule as the other modules' REQUIRE switches.
 */
final class Require {
    static final String SPARK_CLUSTER = "VAESIM_REQUIRE_SPARK_CLUSTER";

    private Require() {
    }

    /** Skips the calling test because {@code why}, or fails it when the switch is 1 (or set to anything but 0). */
    static void missingCluster(String why) {
        String value = System.getenv(SPARK_CLUSTER);
        if ("1".equals(value)) {
            fail(SPARK_CLUSTER + "=1 but " + why);
        }
        if (value != null && !value.isEmpty() && !value.equals("0")) {
            fail(SPARK_CLUSTER + "=" + value + ": set it to 1 to require the cluster tests, or to 0 (or unset it)");
        }
        // a skip in @BeforeAll shows in Maven's summary as "Tests run: 0" without its reason: say it here
        System.err.println("SparkClusterIT skipped: " + why);
        abort(why);
    }
}
