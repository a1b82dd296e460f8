package org.vaesim.kernels.example;

import org.vaesim.kernels.decide.DecideFamily;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * The contrarian family whole: its name and params, its Java twin, its C source and its device launch. Registered by
 * one line in META-INF/services/org.vaesim.models.strategy.FamilyPlugin (in src/test/plugin, on the class path of
 * the plugin-family test run): the generic parity test runs it on opencl (and cuda) without naming it.
 */
public final class ContrarianFamily implements DecideFamily.Plugin {
    /** The family as scenarios name it: {@code "strategy": "contrarian"}. */
    public static final StrategyFamily FAMILY = new StrategyFamily("contrarian", ContrarianParams.PARAMS);

    static final DecideFamily RECORD = new DecideFamily(FAMILY, "decide_contrarian.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                ContrarianParams c = (ContrarianParams) s.cohort().params();
                DecideContrarian.decideContrarian(from, to, in.lastTick[s.market()], in.previousTick[s.market()],
                        market.ticks() - 1, c.thresholdTicks(), c.offsetTicks(), c.qty(),
                        Philox.probabilityThreshold(c.activity()), c.maxPosition(), p.inventory, p.bidTick,
                        p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            },
            (d, kernel, s, market, in) -> {
                ContrarianParams c = (ContrarianParams) s.cohort().params();
                d.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], in.previousTick[s.market()],
                        market.ticks() - 1, c.thresholdTicks(), c.offsetTicks(), c.qty(),
                        Philox.probabilityThreshold(c.activity()), c.maxPosition(), d.inventory(), d.bidTick(),
                        d.bidQty(), d.askTick(), d.askQty(), d.keyLo(), d.keyHi(), in.epoch);
            });

    @Override
    public DecideFamily decide() {
        return RECORD;
    }
}
