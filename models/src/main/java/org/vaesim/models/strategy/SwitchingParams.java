package org.vaesim.models.strategy;

/**
 * Traders who switch between a fundamentalist and a chartist forecast by the discrete choice of Brock and Hommes
 * (1998), with herding (as in Lux and Marchesi's opinion contagion) and a misalignment term, in the form Franke and
 * Westerhoff (2012) estimated. The cohort's share of fundamentalists n evolves on the host from public data:
 *
 * <pre>
 *   a = predisposition + herding (n - (1 - n)) + misalignment ln(L / F)^2 + performance (Uf - Uc)
 *   n' = 1 / (1 + exp(-intensity a))
 * </pre>
 *
 * where Uf, Uc are the two rules' recent profits (exponential memory {@code memory}). Each epoch, with probability
 * {@code activity}, an agent is a fundamentalist with probability n and expects the log return
 * {@code fundamentalReaction} ln(F / L) + {@code fundamentalNoise} e, else a chartist expecting
 * {@code chartistReaction} (ln L - ln L[t-1]) + {@code chartistNoise} e; e is standard normal, of which the share
 * {@code commonNoise} of the variance is one shock shared by the rule's followers that epoch (news, sentiment) and the
 * rest the agent's own. Both noises grow with the volatility the agents have seen: they are multiplied by
 * 1 + {@code volatilityFeedback} v, v the root mean square log return of the last {@code volatilityWindow} epochs
 * (uncertain times make forecasts disperse, as in Raberto et al. 2001). It bids {@code qty} units at its expected
 * price L e^r when r > 0, asks at it when r < 0.
 * Since chartists' forecasts are noisier, the market's volatility rises with their share: the structural stochastic
 * volatility that gives returns fat tails and volatility clustering.
 */
public record SwitchingParams(double activity, double fundamentalReaction, double chartistReaction,
                              double fundamentalNoise, double chartistNoise, double commonNoise, double intensity,
                              double predisposition, double herding, double misalignment, double performance,
                              double memory, double volatilityFeedback, int volatilityWindow, int qty,
                              int maxPosition, int maxShort) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return qty;
    }

}
