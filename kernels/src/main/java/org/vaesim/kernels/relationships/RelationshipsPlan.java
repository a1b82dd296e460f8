package org.vaesim.kernels.relationships;

/**
 * What the relationship passes need of one run: the buyers' and sellers' ranges of the population, the market's
 * tick size (micro-credits), the range of private values in ticks, the loyalty as a Bernoulli threshold of 2^32,
 * and the Philox key of the run's relationship stream.
 *
 * @param buyersStart first agent of the buyers' cohort
 * @param buyers      how many buyers
 * @param sellersStart first agent of the sellers' cohort
 * @param sellers     how many sellers
 * @param market      the market whose good they trade and whose last price they trade at
 * @param tickSize    that market's tick in micro-credits
 * @param valueMinTick lowest private value or cost, in ticks
 * @param valueMaxTick highest, in ticks
 * @param loyalty     the chance that a pair stays together after a trade, as a threshold of 2^32
 * @param k0          the key's low word
 * @param k1          its high word
 */
public record RelationshipsPlan(int buyersStart, int buyers, int sellersStart, int sellers, int market,
                                long tickSize, int valueMinTick, int valueMaxTick, long loyalty, int k0, int k1) {
    /** Items of the release pass: one per index of the longer side. */
    public int sides() {
        return Math.max(buyers, sellers);
    }
}
