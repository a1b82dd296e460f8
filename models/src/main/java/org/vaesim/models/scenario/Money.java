package org.vaesim.models.scenario;

import java.math.BigDecimal;

/**
 * Money is a {@code long} count of micro-credits: 1 credit = 1 000 000 micro-credits. Config files write
 * amounts in credits with at most 6 decimals, which converts exactly.
 */
public final class Money {
    public static final long MICROS_PER_CREDIT = 1_000_000L;

    /** Largest amount a config value or initial total may reach: 2^62 micro-credits. */
    public static final long MAX_AMOUNT = 1L << 62;

    private Money() {
    }

    /**
     * Micro-credits of a decimal amount of credits, e.g. {@code credits("0.01") == 10_000}.
     *
     * @throws NumberFormatException if {@code decimal} is not a decimal number
     * @throws ArithmeticException   if it has more than 6 decimals or does not fit a {@code long}
     */
    public static long credits(String decimal) {
        return new BigDecimal(decimal).movePointRight(6).longValueExact();
    }

    /** The amount in credits, without trailing zeros, e.g. {@code toCredits(10_000)} is {@code 0.01}. */
    public static BigDecimal toCredits(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    /** The amount in credits as plain text, e.g. {@code format(12_500_000)} is {@code "12.5"}. */
    public static String format(long micros) {
        return toCredits(micros).toPlainString();
    }
}
