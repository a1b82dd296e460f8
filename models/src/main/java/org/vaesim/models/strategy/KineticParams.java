package org.vaesim.models.strategy;

/**
 * Kinetic wealth exchange (econophysics): each epoch the cohort's agents are paired at random and each pair
 * exchanges cash by the cohort's model; they send no market orders.
 *
 * <ul>
 * <li>{@code RANDOM} (Dragulescu and Yakovenko 2000): the pair's cash is split uniformly at random.</li>
 * <li>{@code SAVING} (Chakraborti and Chakrabarti 2000): each keeps a share {@code lambda} of its cash and
 *     the rest is split at random; with {@code distributed} each agent's own lambda is drawn once, uniform in
 *     [0, lambda) (Chatterjee, Chakrabarti and Manna 2004).</li>
 * <li>{@code YARD_SALE} (Ispolatov, Krapivsky and Redner 1998; Boghosian et al. 2017): a fair coin decides
 *     who wins {@code beta} times the poorer agent's cash.</li>
 * </ul>
 * After the exchange a {@code tax} share of every agent's cash is collected and returned in equal parts
 * (redistribution; 0 = none).
 */
public record KineticParams(Model model, double lambda, boolean distributed, double beta, double tax)
        implements StrategyParams {

    public enum Model {
        RANDOM("random"), SAVING("saving"), YARD_SALE("yard_sale");

        private final String jsonName;

        Model(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    @Override
    public int maxOrderQty() {
        return 0;
    }
}
