package org.vaesim.host.gateway;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

import org.vaesim.host.stage.SectionFields;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.gateway.GatewaySpec;

/**
 * The gateway's state between epochs, checkpointed with the rest (docs/permeability.md): its switch, the external
 * market's prices, the ledgers of both currencies outside the population, the flows so far, the external holders'
 * positions for the exposure, and the running figures of contagion. Money is in micro-units: agent currency (AC)
 * in micro-credits, external money (EM) in micro-units of external credits.
 */
public final class GatewayState {
    /** Lags of the return correlations: the other side's response 0 .. LAGS epochs later. */
    public static final int LAGS = 3;
    /** Correlation pairs per link: external after internal at lags 0..LAGS, internal after external at 1..LAGS. */
    public static final int PAIRS = 2 * LAGS + 1;
    /** Running sums per pair: count, sum x, sum y, sum xy, sum xx, sum yy. */
    public static final int SUMS = 6;
    /** {@link #closedUntil} of a breaker closure for the rest of the run. */
    public static final int FOREVER = Integer.MAX_VALUE;

    public final int links;
    public final int principals;
    /** Whether ordinary agents cross on their own (open access): then the fields below are kept. */
    public final boolean openAccess;

    /** The operator's switch (the scenario's {@code open}, then gateway_close / gateway_open events). */
    public boolean switchOpen;
    /** The gateway's circuit breaker keeps it closed while the epoch is below this. */
    public int closedUntil;
    /** Closures by the gateway's circuit breaker, and by the operator. */
    public long breakerClosures;
    public long operatorClosures;

    /** The exchange rate (EM micro-units per credit, in millionths) and the level it reverts to. */
    public long rate;
    public long rateAnchor;
    /** Per link: the external price (EM micro-units per unit) and its reversion level. */
    public final long[] price;
    public final long[] priceAnchor;

    /** EM of the external market (the external holders), of the fee account, and of each broker principal. */
    public long externalMoney;
    public long fees;
    public final long[] principalMoney;
    /** AC held outside the sandbox (by the external market). */
    public long offshore;
    /** The totals at the start, for the conservation check. */
    public long externalMoneyInitial;
    public long offshoreInitial;

    /** Cumulative flows: AC the brokers sold out and bought in; per link, units exported and imported. */
    public long acOut;
    public long acIn;
    public final long[] exported;
    public final long[] imported;
    /** Cumulative EM moved: external market paid for exports and AC, and received for imports and AC. */
    public long emForExports;
    public long emForAc;
    public long emFromImports;
    public long emFromAc;
    /** Epochs in which anything crossed. */
    public long activeEpochs;

    /**
     * What external holders bought from the sandbox through the gateway and still hold, with its cost (EM),
     * average-cost accounting: AC, and per link the goods; plus the P&L they realised selling it back.
     */
    public long acHeld;
    public long acCost;
    public final long[] goodsHeld;
    public final long[] goodsCost;
    public long realized;
    /** The largest exposure seen after any epoch, and that epoch (completed epochs; 0 = none yet). */
    public long peakExposure;
    public int peakExposureEpoch;

    /** Running peaks and largest drawdowns (fractions) of the rate and of each external price. */
    public long ratePeak;
    public double rateMaxDrawdown;
    public final long[] pricePeak;
    public final double[] priceMaxDrawdown;

    /** Per link: the external price after the previous epoch, the base of the next external return. */
    public final long[] returnBase;
    /** Returns seen per link, the latest LAGS + 1 internal and external returns (ring), and the pair sums. */
    public long returnsSeen;
    public final double[] internalReturns;
    public final double[] externalReturns;
    public final double[] sums;

    /**
     * Open access, cumulative: per link the units its agents exported and imported, the agent currency they received
     * for exports and paid for imports (fees included), the fees (EM) charged on their crossings, and their crossings
     * (an agent that crossed in an epoch counts once). Part of every total above too.
     */
    public final long[] openExported;
    public final long[] openImported;
    public long openAcReceived;
    public long openAcPaid;
    public long openFees;
    public long openCrossings;

    public GatewayState(int links, int principals, boolean openAccess) {
        this.links = links;
        this.principals = principals;
        this.openAccess = openAccess;
        openExported = new long[openAccess ? links : 0];
        openImported = new long[openAccess ? links : 0];
        price = new long[links];
        priceAnchor = new long[links];
        principalMoney = new long[principals];
        exported = new long[links];
        imported = new long[links];
        goodsHeld = new long[links];
        goodsCost = new long[links];
        pricePeak = new long[links];
        returnBase = new long[links];
        priceMaxDrawdown = new double[links];
        internalReturns = new double[links * (LAGS + 1)];
        externalReturns = new double[links * (LAGS + 1)];
        sums = new double[links * PAIRS * SUMS];
    }

    /** The state at epoch 0 of {@code spec}'s gateway, whose brokers are laid out by {@code plan}. */
    public static GatewayState initial(GatewaySpec spec, GatewayPlan plan, List<Segment> segments) {
        GatewayState s = new GatewayState(spec.links().size(), plan.principals().size(), spec.hasOpenAccess());
        s.switchOpen = spec.open();
        s.rate = spec.rate().initial();
        s.rateAnchor = s.rate;
        s.ratePeak = s.rate;
        for (int l = 0; l < s.links; l++) {
            s.price[l] = spec.links().get(l).external().initial();
            s.priceAnchor[l] = s.price[l];
            s.pricePeak[l] = s.price[l];
            s.returnBase[l] = s.price[l];
        }
        s.externalMoney = spec.externalMoney();
        for (GatewaySpec.Broker b : spec.brokers()) {
            String principal = segments.get(b.cohortIndex()).cohort().identity().principal();
            s.principalMoney[plan.principals().indexOf(principal)] += b.externalCash()
                    * segments.get(b.cohortIndex()).size();
        }
        s.externalMoneyInitial = s.externalMoneyTotal();
        s.offshore = spec.offshoreCurrency();
        s.offshoreInitial = s.offshore;
        return s;
    }

    /** Whether the gateway lets anything cross in epoch {@code e}. */
    public boolean open(int e) {
        return switchOpen && e >= closedUntil;
    }

    /** EM outside the population: the external market's, the fee account's and every broker principal's. */
    public long externalMoneyTotal() {
        long sum = externalMoney + fees;
        for (long m : principalMoney) {
            sum += m;
        }
        return sum;
    }

    /**
     * The external holders' profit and loss on what they bought from the sandbox through the gateway (EM),
     * marked to market: what they still hold at the rate and the external prices, less its cost, plus what they
     * realised selling some back.
     */
    public long externalPnl() {
        BigInteger pnl = BigInteger.valueOf(realized - acCost)
                .add(BigInteger.valueOf(acHeld).multiply(BigInteger.valueOf(rate)).divide(BigInteger.valueOf(1_000_000)));
        for (int l = 0; l < links; l++) {
            pnl = pnl.add(BigInteger.valueOf(goodsHeld[l]).multiply(BigInteger.valueOf(price[l])))
                    .subtract(BigInteger.valueOf(goodsCost[l]));
        }
        return clamp(pnl);
    }

    /** The losses that leaked out: the external holders' loss, 0 when they are up. */
    public long exposure() {
        return Math.max(0, -externalPnl());
    }

    static long clamp(BigInteger v) {
        return v.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    /**
     * Pearson correlation of pair {@code pair} of link {@code l}: pairs 0..LAGS are (internal return at t,
     * external return at t + k), pairs LAGS+1..2 LAGS (external at t, internal at t + k), k = 1..LAGS; NaN when
     * either series has no variance.
     */
    public double correlation(int l, int pair) {
        int o = (l * PAIRS + pair) * SUMS;
        double n = sums[o];
        if (n < 2) {
            return Double.NaN;
        }
        double sx = sums[o + 1];
        double sy = sums[o + 2];
        double cov = sums[o + 3] - sx * sy / n;
        double vx = sums[o + 4] - sx * sx / n;
        double vy = sums[o + 5] - sy * sy / n;
        return vx <= 0 || vy <= 0 ? Double.NaN : cov / Math.sqrt(vx * vy);
    }

    /**
     * The gateway's checkpoint section (version 1), written or read by the one list of fields below: the shape
     * (links, broker principals), which must be the scenario's, then every field in the order they are declared;
     * the open-access fields last, only with open access (so the bytes of other gateways are what they were).
     */
    public void fields(SectionFields f) throws IOException {
        f.count(links, "links");
        f.count(principals, "broker principals");
        switchOpen = f.flag(switchOpen);
        closedUntil = f.intValue(closedUntil);
        breakerClosures = f.longValue(breakerClosures);
        operatorClosures = f.longValue(operatorClosures);
        rate = f.longValue(rate);
        rateAnchor = f.longValue(rateAnchor);
        f.longs(price);
        f.longs(priceAnchor);
        externalMoney = f.longValue(externalMoney);
        fees = f.longValue(fees);
        f.longs(principalMoney);
        offshore = f.longValue(offshore);
        externalMoneyInitial = f.longValue(externalMoneyInitial);
        offshoreInitial = f.longValue(offshoreInitial);
        acOut = f.longValue(acOut);
        acIn = f.longValue(acIn);
        f.longs(exported);
        f.longs(imported);
        emForExports = f.longValue(emForExports);
        emForAc = f.longValue(emForAc);
        emFromImports = f.longValue(emFromImports);
        emFromAc = f.longValue(emFromAc);
        activeEpochs = f.longValue(activeEpochs);
        acHeld = f.longValue(acHeld);
        acCost = f.longValue(acCost);
        f.longs(goodsHeld);
        f.longs(goodsCost);
        realized = f.longValue(realized);
        peakExposure = f.longValue(peakExposure);
        peakExposureEpoch = f.intValue(peakExposureEpoch);
        ratePeak = f.longValue(ratePeak);
        rateMaxDrawdown = f.doubleValue(rateMaxDrawdown);
        f.longs(pricePeak);
        f.doubles(priceMaxDrawdown);
        f.longs(returnBase);
        returnsSeen = f.longValue(returnsSeen);
        f.doubles(internalReturns);
        f.doubles(externalReturns);
        f.doubles(sums);
        if (openAccess) {
            f.longs(openExported);
            f.longs(openImported);
            openAcReceived = f.longValue(openAcReceived);
            openAcPaid = f.longValue(openAcPaid);
            openFees = f.longValue(openFees);
            openCrossings = f.longValue(openCrossings);
        }
    }
}
