package org.vaesim.models.redistribution;

import java.util.List;

/**
 * The {@code wealth_tax} block (docs/capability.md#levers): every {@code every} epochs, each active agent of the
 * listed cohorts pays floor(rate x cash), and the pot goes back to them in equal parts. A flat tax with an equal
 * rebate: progressive in its net effect (an agent below the mean cash gains), the redistribution of the yard-sale
 * model with redistribution (Boghosian et al. 2017).
 *
 * @param cohorts indices into the sorted {@code Scenario.cohorts()}, ascending
 * @param rate    the share of cash taxed per collection, in [0, 1]
 * @param every   epochs between collections, at the end of every {@code every}-th epoch
 */
public record WealthTaxSpec(List<Integer> cohorts, double rate, int every) {
    public WealthTaxSpec {
        cohorts = List.copyOf(cohorts);
        if (cohorts.isEmpty() || !(rate >= 0 && rate <= 1) || every < 1) {
            throw new IllegalArgumentException("wealth tax: cohorts " + cohorts + ", rate " + rate + ", every "
                    + every);
        }
    }
}
