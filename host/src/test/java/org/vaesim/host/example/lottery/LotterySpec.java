package org.vaesim.host.example.lottery;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;

/**
 * The worked example of docs/extending.md, "A new mechanism": a lottery. Every {@code every} epochs each agent of
 * cohort {@code cohort} buys a ticket of {@code ticket} micro-credits (an agent with less pays what it has), and one
 * of them, drawn uniformly, wins the whole pot. Money only moves between agents, so it is conserved exactly.
 *
 * <pre>
 * "stages": { "lottery": { "cohort": "zi-buyers", "ticket": 0.5, "every": 10 } }
 * </pre>
 */
public record LotterySpec(int cohort, long ticket, int every) {
    /** The section's reader, registered in META-INF/services/org.vaesim.models.scenario.StageReader. */
    public static final class Reader implements StageReader<LotterySpec> {
        @Override
        public String name() {
            return LotteryStage.NAME;
        }

        @Override
        public LotterySpec read(StageConfig section) throws ConfigException {
            section.only("cohort", "ticket", "every");
            return new LotterySpec(section.requiredCohort("cohort"), section.requiredCredits("ticket"),
                    section.optionalInt("every", 1, section.epochs(), 1));
        }
    }

    /** Whether a draw closes epoch {@code e} (0-based): the epochs every, 2 every, ... */
    public boolean drawsAt(int e) {
        return (e + 1) % every == 0;
    }
}
