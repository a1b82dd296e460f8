package org.vaesim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing piece skips a test with its reason, unless the piece's switch is set, where the test fails. */
class RequireTest {
    @Test
    void unsetEmptyOrZeroSkipsWithTheReason() {
        for (String value : new String[] {null, "", "0"}) {
            TestAbortedException e = assertThrows(TestAbortedException.class,
                    () -> Require.missing("VAESIM_REQUIRE_X", value, "no x here: because"));
            assertEquals("no x here: because", e.getMessage());
        }
    }

    @Test
    void oneFailsSayingWhatWasRequiredAndWhatIsMissing() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Require.missing("VAESIM_REQUIRE_X", "1", "no x here: because"));
        assertEquals("VAESIM_REQUIRE_X=1 but no x here: because", e.getMessage());
    }

    /** "true" or "yes" is most likely meant as 1: it fails rather than skipping a check the caller wanted. */
    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "2", " 1"})
    void anyOtherValueFailsAsAMistake(String value) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Require.missing("VAESIM_REQUIRE_X", value, "no x here"));
        assertEquals("VAESIM_REQUIRE_X=" + value + ": set it to 1 to require the piece, or to 0 (or unset it)",
                e.getMessage());
    }
}
