package org.vaesim.models.strategy;

/**
 * Noise traders with heavy-tailed order sizes. Each epoch, with probability {@code activity}, an agent buys or sells
 * (a fair coin) with a limit up to {@code reachTicks} through the last price (uniform on 0..reach), for a Pareto
 * quantity: {@code floor(sizeMin x u^(-1/tail))}, u uniform in (0, 1], at most {@code maxQty}, so that
 * P(size > x) falls as x^-tail. Order sizes in real markets have tails of this kind (tail exponent about 1.5 for
 * volumes, Gopikrishnan et al. 2000); through the book's depth they give the price fat-tailed jumps.
 */
public record NoiseParams(double activity, int sizeMin, double tail, int maxQty, int reachTicks, int maxPosition,
                          int maxShort) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return maxQty;
    }
}
