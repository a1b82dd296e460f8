package org.vaesim.models.safety;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;

/**
 * Linking principals from behaviour (docs/safety.md#linking-principals-from-behaviour): a control that a platform
 * can run without trusting the names principals give themselves. Every epoch the linking scan fingerprints each
 * principal's orders (aggression against the reference price, in bins of {@code widthTicks}; size, in powers of
 * two). Two principals that each sent at least {@code minOrders} orders, whose fingerprints overlap by at least
 * {@code minSimilarity} in {@code linkEpochs} consecutive epochs in which both sent that many, and which pass the
 * optional checks of common timing (their first orders at most {@code timingEpochs} apart; -1: not checked) and
 * common funding (the same deposit per agent, cash and units), are linked: from then on they are one group. The
 * links feed the per-principal controls:
 * <ul>
 *   <li>a group of linked principals with more than {@code maxAgents} arrived agents in the economy (active or
 *       killed, as under the entry cap, which does not count founding agents) is stopped, every principal in it (0:
 *       never);</li>
 *   <li>a group (or a single principal) whose orders are at least {@code washShare} two-sided aggressive (twice the
 *       smaller of its bids and asks priced at least {@code aggressiveTicks} through the reference, over all its
 *       orders) in {@code washEpochs} consecutive epochs in which it sent {@code minOrders} orders is stopped as a
 *       wash trader (0 epochs: never). With {@code washConcentration} c &gt; 0 an epoch counts only if, on each side
 *       too, the most used aggression bin holds at least c of that side's aggressive orders: orders priced by one
 *       rule at one distance from the price, as a bot washing through it prices them, rather than spread the way
 *       honest traders' differing valuations spread them (0: not checked, the rule as it was);</li>
 *   <li>a group (or a single principal) that traded with itself at least {@code selfTradeShare} of a market's
 *       volume over the last {@code selfTradeEpochs} epochs is stopped as a <b>self-trader</b> (0: never). What it
 *       traded with itself in an epoch is the smaller of the units it bought and sold whole at that market's one
 *       clearing price: units whose owner did not change, which is what a wash trade is, whatever the prices its
 *       orders named. Judged once the group has sent orders for a whole window.</li>
 * </ul>
 * With {@code enforce} false the control only flags (links and wash flags are recorded, nobody is stopped), which
 * measures what it would catch. With {@code recordFingerprints} each principal's fingerprint of each epoch is an
 * audit record, so that the rules can be replayed at other thresholds.
 */
public record LinkingSpec(int widthTicks, int minOrders, double minSimilarity, int linkEpochs, int timingEpochs,
                          boolean funding, int maxAgents, int aggressiveTicks, double washShare, int washEpochs,
                          boolean enforce, double washConcentration, boolean recordFingerprints,
                          double selfTradeShare, int selfTradeEpochs) {
    /** The section's name under {@code stages}. */
    public static final String NAME = "linking";

    /** The section's reader, registered in META-INF/services/org.vaesim.models.scenario.StageReader. */
    public static final class Reader implements StageReader<LinkingSpec> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public LinkingSpec read(StageConfig s) throws ConfigException {
            s.only("width_ticks", "min_orders", "min_similarity", "link_epochs", "timing_epochs", "funding",
                    "max_agents", "aggressive_ticks", "wash_share", "wash_epochs", "enforce",
                    "wash_concentration", "record_fingerprints", "self_trade_share", "self_trade_epochs");
            int width = s.optionalInt("width_ticks", 1, 1_000_000, 4);
            int aggressive = s.optionalInt("aggressive_ticks", -1_000_000, 1_000_000, 0);
            if (Math.floorMod(aggressive, width) != 0) {
                throw s.error("aggressive_ticks", "must be a multiple of width_ticks (" + width
                        + "), so that the aggressive orders are whole aggression bins");
            }
            if (Math.abs(aggressive / width) > 8) { // 8 = Linkage.BINS / 2: the bins reach 8 widths each way
                throw s.error("aggressive_ticks", "must lie within 8 x width_ticks (" + 8L * width
                        + ") of 0, the reach of the aggression bins");
            }
            return new LinkingSpec(width, s.optionalInt("min_orders", 1, Integer.MAX_VALUE, 20),
                    s.optionalDouble("min_similarity", 0, 1, 0.9), s.optionalInt("link_epochs", 1, 1_000_000, 3),
                    s.optionalInt("timing_epochs", -1, Integer.MAX_VALUE, -1), s.optionalBoolean("funding", false),
                    s.optionalInt("max_agents", 0, Integer.MAX_VALUE, 0), aggressive,
                    s.optionalDouble("wash_share", 0, 1, 0.5), s.optionalInt("wash_epochs", 0, 1_000_000, 0),
                    s.optionalBoolean("enforce", true), s.optionalDouble("wash_concentration", 0, 1, 0),
                    s.optionalBoolean("record_fingerprints", false), s.optionalDouble("self_trade_share", 0, 1, 0),
                    s.optionalInt("self_trade_epochs", 1, 10_000, 10));
        }
    }
}
