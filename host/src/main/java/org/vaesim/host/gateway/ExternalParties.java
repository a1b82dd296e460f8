package org.vaesim.host.gateway;

import java.math.BigInteger;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.memory.Endowments;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;

/**
 * Every party outside the sandbox and its profit and loss at the end of the run, in external money (EM
 * micro-units), each marked to market against where it started (docs/permeability.md#every-external-party):
 * <ul>
 * <li>the <b>external market</b>: its EM, the agent currency it holds (the opening offshore stock included) at
 * the rate, and its net position in each linked good (exported less imported: it starts with none of the
 * sandbox's goods, and what it supplies it gives up at today's external price);</li>
 * <li>each <b>broker principal</b> (an offshore fund): its EM, and its brokers' cash and goods inside the sandbox
 * at the rate (goods at their market's last price);</li>
 * <li>the gateway's <b>fee account</b>: the fees, a gain.</li>
 * </ul>
 * EM is conserved, so the parties' P&amp;Ls add up to what outsiders gained or lost on sandbox assets. The
 * exposure of every party is the sum of their losses: a fund's loss is not netted against the fees.
 *
 * @param marketPnl    the external market's P&amp;L
 * @param principalPnl each broker principal's P&amp;L, in the plan's order of principals
 * @param fees         the fee account's EM (its P&amp;L)
 */
public record ExternalParties(long marketPnl, long[] principalPnl, long fees) {
    private static final BigInteger PPM = BigInteger.valueOf(1_000_000);

    /** The parties of {@code engine}'s run now; its gateway stage is {@code stage}. */
    public static ExternalParties of(GatewayStage stage, Engine engine) {
        GatewaySpec spec = engine.scenario().gateway();
        GatewayState s = stage.state();
        long rate0 = spec.rate().initial();
        BigInteger market = BigInteger.valueOf(s.externalMoney - spec.externalMoney())
                .add(em(s.offshore, s.rate)).subtract(em(s.offshoreInitial, rate0));
        for (int l = 0; l < s.links; l++) {
            market = market.add(BigInteger.valueOf(s.exported[l] - s.imported[l])
                    .multiply(BigInteger.valueOf(s.price[l])));
        }
        GatewayPlan plan = stage.plan();
        BigInteger[] principals = new BigInteger[plan.principals().size()];
        for (int p = 0; p < principals.length; p++) {
            principals[p] = BigInteger.valueOf(s.principalMoney[p]);
        }
        Population pop = engine.population();
        List<MarketSpec> markets = engine.scenario().markets();
        for (GatewaySpec.Broker b : spec.brokers()) {
            Segment seg = engine.layout().segments().get(b.cohortIndex());
            int p = plan.principals().indexOf(seg.cohort().identity().principal());
            MarketSpec m = markets.get(seg.market());
            long[] endowed = Endowments.totals(seg.cohort(), seg.start(), seg.end(), engine.scenario().seed());
            long cash = 0;
            long units = 0;
            for (int i = seg.start(); i < seg.end(); i++) {
                cash += pop.cash[i];
                units += pop.inventory[i];
            }
            BigInteger now = BigInteger.valueOf(cash).add(BigInteger.valueOf(units)
                    .multiply(BigInteger.valueOf(m.priceOf(engine.markets().lastTick[seg.market()]))));
            BigInteger then = BigInteger.valueOf(endowed[0]).add(BigInteger.valueOf(endowed[1])
                    .multiply(BigInteger.valueOf(m.priceOf(m.initialTick()))));
            // each principal's EM at the start is its cohorts' count x external_cash
            principals[p] = principals[p].subtract(BigInteger.valueOf(b.externalCash() * seg.size()))
                    .add(now.multiply(BigInteger.valueOf(s.rate)).divide(PPM))
                    .subtract(then.multiply(BigInteger.valueOf(rate0)).divide(PPM));
        }
        long[] pnl = new long[principals.length];
        for (int p = 0; p < pnl.length; p++) {
            pnl[p] = GatewayState.clamp(principals[p]);
        }
        return new ExternalParties(GatewayState.clamp(market), pnl, s.fees);
    }

    /** AC micro-credits at a rate in millionths: EM micro-units, rounded down. */
    private static BigInteger em(long ac, long ratePpm) {
        return BigInteger.valueOf(ac).multiply(BigInteger.valueOf(ratePpm)).divide(PPM);
    }

    /** The sum of every party's loss (a party that gained adds nothing). */
    public long exposure() {
        long sum = Math.max(0, -marketPnl);
        for (long p : principalPnl) {
            sum = Math.addExact(sum, Math.max(0, -p));
        }
        return sum;
    }

    /** The P&amp;L of the external side as a whole: every party's, the fee account's included. */
    public long total() {
        long sum = Math.addExact(marketPnl, fees);
        for (long p : principalPnl) {
            sum = Math.addExact(sum, p);
        }
        return sum;
    }
}
