package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void convertsDecimalCreditsExactly() {
        assertEquals(10_000, Money.credits("0.01"));
        assertEquals(1_000_000, Money.credits("1"));
        assertEquals(-2_500_000, Money.credits("-2.50"));
        assertEquals(1, Money.credits("0.000001"));
    }

    @Test
    void rejectsSubMicroAmountsAndOverflow() {
        assertThrows(ArithmeticException.class, () -> Money.credits("0.0000001"));
        assertThrows(ArithmeticException.class, () -> Money.credits("1e13"));
    }

    @Test
    void formatsWithoutTrailingZeros() {
        assertEquals("12.5", Money.format(12_500_000));
        assertEquals("0.01", Money.format(10_000));
        assertEquals("10", Money.format(10_000_000));
        assertEquals("4611686018427.387904", Money.format(Money.MAX_AMOUNT));
    }
}
