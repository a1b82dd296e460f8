package org.vaesim.models.redistribution;

import java.util.List;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Node;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;

/**
 * The {@code stages.wealth_tax} section (docs/capability.md#levers): every {@code every} epochs, each active agent of the
 * listed cohorts pays floor(rate x cash), and the pot goes back to them in equal parts. A flat tax with an equal
 * rebate: progressive in its net effect (an agent below the mean cash gains), the redistribution of the yard-sale
 * model with redistribution (Boghosian et al. 2017).
 *
 * @param cohorts indices into the sorted {@code Scenario.cohorts()}, ascending
 * @param rate    the share of cash taxed per collection, in [0, 1]
 * @param every   epochs between collections, at the end of every {@code every}-th epoch
 */
public record WealthTaxSpec(List<Integer> cohorts, double rate, int every) {
    /** The stage's name: its section under {@code stages} and its checkpoint section. */
    public static final String NAME = "wealth_tax";

    /** The section's reader (docs/config-reference.md#stageswealth_tax). */
    public static final class Reader implements StageReader<WealthTaxSpec> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public WealthTaxSpec read(StageConfig t) throws ConfigException {
            t.only("cohorts", "rate", "every");
            List<Integer> cohorts = t.requiredCohorts("cohorts");
            double rate = t.requiredDouble("rate", Node.Interval.atLeast(0).withMax(1));
            int every = t.optionalInt("every", 1, t.epochs(), 1);
            return new WealthTaxSpec(cohorts, rate, every);
        }
    }

    public WealthTaxSpec {
        cohorts = List.copyOf(cohorts);
        if (cohorts.isEmpty() || !(rate >= 0 && rate <= 1) || every < 1) {
            throw new IllegalArgumentException("wealth tax: cohorts " + cohorts + ", rate " + rate + ", every "
                    + every);
        }
    }
}
