package org.vaesim.models.strategy;

/**
 * Order-driven traders with heterogeneous beliefs (Chiarella and Iori 2002). Each agent mixes a fundamental, a
 * chartist and a noise component with its own weights, drawn once: g1 uniform in (0, {@code fundamentalWeight}],
 * g2 in (0, {@code chartistWeight}], n in (0, {@code noiseWeight}] (on a grid of 256 steps), and looks back over its
 * own horizon, 2^h epochs with h uniform in 0 .. {@code horizons} - 1. Each epoch, with probability
 * {@code activity}, it expects the log return
 *
 * <pre>
 *   r = (g1 ln(F / L) / reversionEpochs + g2 (ln L - ln L[t - 2^h]) / 2^h + n noiseSigma eps) / (g1 + g2 + n)
 * </pre>
 *
 * with eps standard normal, and the price L e^r: above the last price it bids {@code qty} units at
 * L e^r (1 - k), below it asks at L e^r (1 + k), with k uniform in [0, {@code spread}).
 */
public record OrderDrivenParams(double activity, double fundamentalWeight, double chartistWeight,
                                double noiseWeight, double noiseSigma, int reversionEpochs, int horizons,
                                double spread, int qty, int maxPosition, int maxShort) implements StrategyParams {
    /** The most horizon classes: the longest look-back is 2^7 = 128 epochs. */
    public static final int MAX_HORIZONS = 8;

    @Override
    public int maxOrderQty() {
        return qty;
    }
}
