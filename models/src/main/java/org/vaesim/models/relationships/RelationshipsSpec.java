package org.vaesim.models.relationships;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;

/**
 * Trade relationships between two cohorts of one market (docs/config-reference.md, "Trade relationships"): every epoch each buyer
 * trades one unit with its partner, or meets a seller and may make it its partner, at the market's last price, off
 * the book; a pair lasts while its trades pay both sides, and after each trade with probability {@code loyalty}.
 *
 * <pre>
 * "stages": { "relationships": { "buyers": "data-buyers", "sellers": "data-sellers",
 *                                "value_min": 3.00, "value_max": 7.00, "loyalty": 0.9 } }
 * </pre>
 *
 * @param buyers       the buyers' cohort
 * @param sellers      the sellers' cohort, in the buyers' market (whose good they trade)
 * @param valueMinTick lowest private value (buyers) or cost (sellers), in the market's ticks
 * @param valueMaxTick highest
 * @param loyalty      the chance that a pair stays together after a trade, in [0, 1]
 */
public record RelationshipsSpec(int buyers, int sellers, int valueMinTick, int valueMaxTick,
                                double loyalty) {
    /** The section's name in {@code stages}, and the stage's. */
    public static final String NAME = "relationships";

    /** The section's reader, registered in META-INF/services/org.vaesim.models.scenario.StageReader. */
    public static final class Reader implements StageReader<RelationshipsSpec> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RelationshipsSpec read(StageConfig section) throws ConfigException {
            section.only("buyers", "sellers", "value_min", "value_max", "loyalty");
            int buyers = section.requiredCohort("buyers");
            MarketSpec market = section.marketOf(buyers);
            int sellers = section.requiredCohortIn("sellers", market);
            if (sellers == buyers) {
                throw section.error("sellers", "must name another cohort than buyers");
            }
            int lo = section.requiredTick("value_min", market);
            int hi = section.requiredTick("value_max", market);
            if (hi < lo) {
                throw section.error("value_max", "must be at least value_min");
            }
            return new RelationshipsSpec(buyers, sellers, lo, hi,
                    section.optionalDouble("loyalty", 0, 1, 1));
        }
    }
}
