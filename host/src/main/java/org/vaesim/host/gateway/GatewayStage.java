package org.vaesim.host.gateway;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.epoch.Rejections;
import org.vaesim.host.io.ParquetExport;
import org.vaesim.host.safety.AuditSink;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionFields;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.gateway.GatewayKernels;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.gateway.GatewayStep;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway stage of an epoch (docs/permeability.md), run by the host after the markets have settled: the
 * brokers' requests on the backend, the fill fractions here (caps, the principals' external money, the offshore
 * agent currency), the crossings on the backend, then the ledgers, the external market's prices, the exposure,
 * the contagion figures and the gateway's own circuit breaker. Before each epoch it gives the brokers their
 * anchors: the external price in internal ticks while the gateway is open to their resource.
 *
 * <p>What is agent-parallel (each broker's legs, its cash and goods) runs in the gateway's backend half
 * ({@link GatewayKernels}); what is per principal or per link (a few numbers) runs here, in exact integer
 * arithmetic. A scenario without a gateway has the stage too, doing nothing and writing an empty section.
 */
public final class GatewayStage implements Stage {
    private static final BigInteger ONE = BigInteger.valueOf(Gateway.ONE);
    private static final long PPM = 1_000_000L;

    private final Scenario scenario;
    private final GatewaySpec spec;
    private final GatewayPlan plan;
    private final GatewayStep step;
    private final long[] requests;
    private final long[] flows;
    private final int keyLo;
    private final int keyHi;
    /** The gateway's state, its backend half; both null when the scenario has no gateway. */
    private final GatewayState state;
    private final GatewayKernels kernels;
    /** Whether anything crossed in the latest epoch. */
    private boolean crossedLastEpoch;

    private GatewayStage(StageSetup setup, GatewayPlan plan, GatewayState state) {
        this.scenario = setup.scenario();
        this.spec = scenario.gateway();
        this.state = state;
        if (state == null) {
            this.plan = null;
            this.step = null;
            this.requests = null;
            this.flows = null;
            this.kernels = null;
            this.keyLo = 0;
            this.keyHi = 0;
            return;
        }
        this.plan = plan;
        this.step = new GatewayStep(plan.ranges().size());
        this.requests = new long[plan.ranges().size() * Gateway.REQUESTS];
        this.flows = new long[plan.ranges().size() * Gateway.FLOWS];
        this.kernels = setup.backend().half(GatewayKernels.halves(plan));
        long key = Philox.key(scenario.seed(), Streams.GATEWAY);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
    }

    /** The gateway's registration: first of the epoch's stages, its section after the missions' in the state. */
    public static final class Kind extends StageKind.Ranked {
        public Kind() { // name, epoch rank, state rank, section version
            super("gateway", 100, 300, 1);
        }

        @Override
        public boolean usedBy(Scenario scenario) {
            return scenario.hasGateway();
        }

        @Override
        public Stage create(StageSetup setup, SectionIn section) throws IOException {
            Scenario s = setup.scenario();
            if (!s.hasGateway()) {
                return new GatewayStage(setup, null, null);
            }
            GatewayPlan plan = GatewayPlan.of(s, setup.layout());
            GatewayState state;
            if (section == null) {
                state = GatewayState.initial(s.gateway(), plan, setup.layout().segments());
            } else {
                state = new GatewayState(s.gateway().links().size(), plan.principals().size(),
                        s.gateway().hasOpenAccess());
                state.fields(SectionFields.reading(section));
            }
            return new GatewayStage(setup, plan, state);
        }

        @Override
        public String report(JsonNode summary, Path runDir) throws IOException {
            return summary.has("gateway") ? GatewayReport.section(summary, runDir) : "";
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    private static final StageKind KIND = new Kind();

    /** The brokers' plan, or null without a gateway. */
    public GatewayPlan plan() {
        return plan;
    }

    /** The gateway's ledgers, prices, flows and exposure, or null when the scenario has no gateway. */
    public GatewayState state() {
        return state;
    }

    // ---- events

    @Override
    public boolean event(EventSpec event, EpochContext c) {
        switch (event) {
            case EventSpec.GatewayClose x -> close(c.epoch(), state, c.audit());
            case EventSpec.GatewayOpen x -> open(c.epoch(), state, c.audit());
            case EventSpec.ExternalShock x -> shock(state, x.linkIndex(), x.percent());
            case EventSpec.RateShock x -> shock(state, -1, x.percent());
            default -> {
                return false;
            }
        }
        return true;
    }

    private void close(int e, GatewayState s, AuditSink audit) {
        if (s.switchOpen) {
            s.switchOpen = false;
            s.operatorClosures++;
        }
        audit.record(e, "gateway", fields("close", "operator", null));
    }

    private void open(int e, GatewayState s, AuditSink audit) {
        s.switchOpen = true;
        s.closedUntil = 0;
        audit.record(e, "gateway", fields("open", "operator", null));
    }

    /** Moves the external price of {@code link} (or the rate, for link -1) and its anchor by {@code percent} %. */
    public static void shock(GatewayState s, int link, double percent) {
        if (link < 0) {
            s.rate = shifted(s.rate, percent, GatewaySpec.MAX_RATE);
            s.rateAnchor = shifted(s.rateAnchor, percent, GatewaySpec.MAX_RATE);
        } else {
            s.price[link] = shifted(s.price[link], percent, GatewaySpec.MAX_PRICE);
            s.priceAnchor[link] = shifted(s.priceAnchor[link], percent, GatewaySpec.MAX_PRICE);
        }
    }

    private static long shifted(long v, double percent, long max) {
        return Math.max(1, Math.min(max, Math.round(v * (1.0 + percent / 100.0))));
    }

    // ---- before the epoch

    /** Sets each broker cohort's anchor for the epoch: the external price in its market's ticks, or 0. */
    @Override
    public void observe(EpochContext c) {
        if (state == null) {
            return;
        }
        GatewayState s = state;
        EpochInputs in = c.inputs();
        boolean open = s.open(c.epoch());
        for (GatewayPlan.Range r : plan.ranges()) {
            if (r.open() != null) {
                continue; // open-access agents decide in their market as they would without a gateway
            }
            GatewaySpec.Link link = spec.links().get(r.link());
            in.anchorTick[r.segment().index()] = open && spec.allows(link.resource())
                    ? anchorTick(s.price[r.link()], s.rate, scenario.markets().get(r.market())) : 0;
        }
    }

    /** floor(price / rate / tick size) in ticks, clamped to the market's grid. */
    static int anchorTick(long externalPrice, long ratePpm, MarketSpec market) {
        long ticks = externalPrice * PPM / ratePpm / market.tickSize(); // price <= 2^40: no overflow
        return (int) Math.max(1, Math.min(market.ticks() - 1, ticks));
    }

    /** ceil(anchor x fee / 10^4): the ticks the fee takes from a crossing at the anchor. */
    static int feeBand(int anchorTick, int feeBps) {
        return (int) (((long) anchorTick * feeBps + 9_999) / 10_000);
    }

    // ---- after the epoch's trading

    /**
     * The stage for the epoch in progress; the markets hold the epoch's clearing. The brokers the one check stopped
     * are added to the context's rejections, at their market.
     */
    @Override
    public void run(EpochContext c) {
        if (state == null) {
            return;
        }
        run(c.epoch(), state, c.markets(), c.audit(), c.rejects());
    }

    private void run(int e, GatewayState s, MarketState markets, AuditSink audit, long[] rejects) {
        long[] netUnits = new long[s.links];
        long netAc = 0;
        Arrays.fill(flows, 0L);
        Arrays.fill(requests, 0L);
        crossedLastEpoch = false;
        if (s.open(e) && !plan.isEmpty()) {
            boolean any = false;
            for (int k = 0; k < plan.ranges().size(); k++) {
                GatewayPlan.Range r = plan.ranges().get(k);
                boolean active = spec.allows(spec.links().get(r.link()).resource());
                step.active[k] = active ? 1 : 0;
                step.lastTick[k] = markets.lastTick[r.market()];
                step.anchorTick[k] = anchorTick(s.price[r.link()], s.rate, scenario.markets().get(r.market()));
                step.band[k] = feeBand(step.anchorTick[k], spec.feeBps());
                step.externalPrice[k] = s.price[r.link()];
                any |= active;
            }
            if (any) {
                step.epoch = e;
                step.ratePpm = s.rate;
                step.feeBps = spec.feeBps();
                kernels.request(step, requests);
                fractions(plan, requests, s.principalMoney, spec.capPerPrincipal(), spec.capPerEpoch(), s.offshore,
                        step);
                kernels.apply(step, flows);
                netAc = book(s, netUnits);
                for (int k = 0; k < plan.ranges().size(); k++) {
                    Rejections.add(rejects, plan.ranges().get(k).market(), flows, k * Gateway.FLOWS + Gateway.REJECTS);
                }
            }
        }
        evolve(e, s, netUnits, netAc);
        track(e, s, markets);
        breaker(e, s, markets, audit);
    }

    /**
     * The fill fractions of every range's legs (units of 2^-30), from the request sums: per principal p with value
     * V, external money to pay P (a bound) and agent currency to buy B,
     * <pre>
     *   caps   f_p = min(1, cap_per_principal / V), then all scaled by cap_per_epoch / sum_p f_p V if that binds
     *   budget h_p = min(1, M_p / (f_p P))            (M_p: the principal's external money)
     *   supply g   = min(1, offshore / sum_p f_p h_p B)
     * </pre>
     * each rounded down; export and sell cross at f, import at f h, buy at f h g (each product rounded down).
     * Open-access ranges count in V and B (their exports' agent currency, drawn from offshore) but pay no external
     * money: their imports cross at f, their exports at f g. The kernel fills each leg by cumulative rounding, so a
     * range's fill is floor(total x fraction) and no cap, budget or supply can be exceeded.
     */
    public static void fractions(GatewayPlan plan, long[] requests, long[] principalMoney, long capPerPrincipal,
                                 long capPerEpoch, long offshore, GatewayStep step) {
        int principals = plan.principals().size();
        long[] value = new long[principals];
        long[] pay = new long[principals];
        for (int k = 0; k < plan.ranges().size(); k++) {
            int p = plan.ranges().get(k).principal();
            value[p] += requests[k * Gateway.REQUESTS + Gateway.VALUE];
            pay[p] += requests[k * Gateway.REQUESTS + Gateway.PAY];
        }
        long[] f = new long[principals];
        long[] h = new long[principals];
        BigInteger total = BigInteger.ZERO;
        for (int p = 0; p < principals; p++) {
            f[p] = Gateway.ONE;
            if (capPerPrincipal != GatewaySpec.NO_CAP && value[p] > capPerPrincipal) {
                f[p] = BigInteger.valueOf(capPerPrincipal).multiply(ONE).divide(BigInteger.valueOf(value[p]))
                        .longValue();
            }
            total = total.add(BigInteger.valueOf(value[p]).multiply(BigInteger.valueOf(f[p])));
        }
        if (capPerEpoch != GatewaySpec.NO_CAP) {
            BigInteger cap = BigInteger.valueOf(capPerEpoch).multiply(ONE);
            if (total.compareTo(cap) > 0) {
                for (int p = 0; p < principals; p++) {
                    f[p] = BigInteger.valueOf(f[p]).multiply(cap).divide(total).longValue();
                }
            }
        }
        for (int p = 0; p < principals; p++) {
            h[p] = Gateway.ONE;
            BigInteger need = BigInteger.valueOf(pay[p]).multiply(BigInteger.valueOf(f[p]));
            BigInteger have = BigInteger.valueOf(principalMoney[p]).multiply(ONE);
            if (need.compareTo(have) > 0) {
                h[p] = have.multiply(ONE).divide(need).longValue();
            }
        }
        // a range's draw on the offshore supply is at its buy leg's fraction before g: f h for brokers, f for
        // open-access exports (nothing of theirs is paid in external money)
        BigInteger bought = BigInteger.ZERO;
        for (int k = 0; k < plan.ranges().size(); k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            int p = r.principal();
            long hp = r.open() == null ? h[p] : Gateway.ONE;
            bought = bought.add(BigInteger.valueOf(requests[k * Gateway.REQUESTS + Gateway.BUY_AC])
                    .multiply(BigInteger.valueOf(f[p])).multiply(BigInteger.valueOf(hp)));
        }
        long g = Gateway.ONE;
        BigInteger supply = BigInteger.valueOf(offshore).multiply(ONE).multiply(ONE);
        if (bought.compareTo(supply) > 0) {
            g = supply.multiply(ONE).divide(bought).longValue();
        }
        for (int k = 0; k < plan.ranges().size(); k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            int p = r.principal();
            int o = k * Gateway.LEGS;
            if (r.open() != null) {
                step.fill[o + Gateway.EXPORT] = Gateway.scale(f[p], g);
                step.fill[o + Gateway.IMPORT] = f[p];
                step.fill[o + Gateway.SELL] = 0;
                step.fill[o + Gateway.BUY] = 0;
                continue;
            }
            long paying = Gateway.scale(f[p], h[p]); // floor(f h / 2^30)
            step.fill[o + Gateway.EXPORT] = f[p];
            step.fill[o + Gateway.IMPORT] = paying;
            step.fill[o + Gateway.SELL] = f[p];
            step.fill[o + Gateway.BUY] = Gateway.scale(paying, g);
        }
    }

    /**
     * Books the epoch's flows into the ledgers and the external holders' positions; returns the net agent
     * currency sold out (and fills {@code netUnits}: per link, units exported less imported).
     */
    private long book(GatewayState s, long[] netUnits) {
        long netAc = 0;
        for (int k = 0; k < plan.ranges().size(); k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            int o = k * Gateway.FLOWS;
            long exported = flows[o + Gateway.EXPORTED];
            long exportEm = flows[o + Gateway.EXPORT_EM];
            long imported = flows[o + Gateway.IMPORTED];
            long importEm = flows[o + Gateway.IMPORT_EM];
            long soldAc = flows[o + Gateway.SOLD_AC];
            long soldEm = flows[o + Gateway.SOLD_EM];
            long boughtAc = flows[o + Gateway.BOUGHT_AC];
            long boughtEm = flows[o + Gateway.BOUGHT_EM];
            long fee = flows[o + Gateway.EXPORT_FEES] + flows[o + Gateway.IMPORT_FEES] + flows[o + Gateway.SOLD_FEES]
                    + flows[o + Gateway.BOUGHT_FEES];
            // the principal receives for exports and agent currency sold, pays for imports and currency bought,
            // and pays every fee; the external market is the other side of each gross amount
            s.principalMoney[r.principal()] += exportEm + soldEm - importEm - boughtEm - fee;
            s.externalMoney += importEm + boughtEm - exportEm - soldEm;
            s.fees += fee;
            s.offshore += soldAc - boughtAc;
            s.acOut += soldAc;
            s.acIn += boughtAc;
            s.exported[r.link()] += exported;
            s.imported[r.link()] += imported;
            s.emForExports += exportEm;
            s.emForAc += soldEm;
            s.emFromImports += importEm;
            s.emFromAc += boughtEm;
            netUnits[r.link()] += exported - imported;
            netAc += soldAc - boughtAc;
            if (exported + imported + soldAc + boughtAc > 0) {
                crossedLastEpoch = true;
            }
            if (r.open() != null) { // the open-access agents' share of the totals
                s.openExported[r.link()] += exported;
                s.openImported[r.link()] += imported;
                s.openAcReceived += boughtAc;
                s.openAcPaid += soldAc;
                s.openFees += fee;
                s.openCrossings += flows[o + Gateway.CROSSED];
            }
            // external holders: what they buy joins their holdings at its cost; what they sell back leaves them
            // at average cost, realising the difference (the rest of a sale comes from their own stock)
            s.goodsHeld[r.link()] += exported;
            s.goodsCost[r.link()] += exportEm;
            s.acHeld += soldAc;
            s.acCost += soldEm;
            if (imported > 0) {
                long[] held = {s.goodsHeld[r.link()], s.goodsCost[r.link()]};
                s.realized += sellBack(held, imported, importEm);
                s.goodsHeld[r.link()] = held[0];
                s.goodsCost[r.link()] = held[1];
            }
            if (boughtAc > 0) {
                long[] held = {s.acHeld, s.acCost};
                s.realized += sellBack(held, boughtAc, boughtEm);
                s.acHeld = held[0];
                s.acCost = held[1];
            }
        }
        if (crossedLastEpoch) {
            s.activeEpochs++;
        }
        return netAc;
    }

    /**
     * External holders sell {@code units} for {@code proceeds}: first from {@code held = {quantity, cost}},
     * at average cost; returns the P&L realised on that part.
     */
    static long sellBack(long[] held, long units, long proceeds) {
        long fromHeld = Math.min(held[0], units);
        if (fromHeld == 0) {
            return 0;
        }
        long cost = BigInteger.valueOf(held[1]).multiply(BigInteger.valueOf(fromHeld))
                .divide(BigInteger.valueOf(held[0])).longValue();
        long share = BigInteger.valueOf(proceeds).multiply(BigInteger.valueOf(fromHeld))
                .divide(BigInteger.valueOf(units)).longValue();
        held[0] -= fromHeld;
        held[1] -= cost;
        return share - cost;
    }

    /** One epoch of the external market's processes: the rate, then each link's price. */
    private void evolve(int e, GatewayState s, long[] netUnits, long netAc) {
        GatewaySpec.Process rp = spec.rate();
        s.rate = next(s.rate, s.rateAnchor, rp, netAc, word(0, e), GatewaySpec.MAX_RATE);
        for (int l = 0; l < s.links; l++) {
            s.price[l] = next(s.price[l], s.priceAnchor[l], spec.links().get(l).external(), netUnits[l],
                    word(1 + l, e), GatewaySpec.MAX_PRICE);
        }
    }

    /** Philox word of channel {@code c} (0 the rate, 1 + l link l) for epoch e. */
    private int word(int c, int e) {
        int[] out = new int[4];
        Philox.philox4x32_10(c, e, Streams.STAGE_GATEWAY, 0, keyLo, keyHi, out);
        return out[0];
    }

    /**
     * {@code p + p z / 10^4 + (anchor - p) reversion / 10^6 - p net / (100 depth)}, each term truncated toward
     * zero, clamped to [1, max]; z uniform on [-vol, vol] from {@code word}.
     */
    static long next(long p, long anchor, GatewaySpec.Process process, long net, int word, long max) {
        int vol = process.volatilityBps();
        long z = vol == 0 ? 0 : Integer.toUnsignedLong(word) % (2L * vol + 1) - vol;
        BigInteger q = BigInteger.valueOf(p)
                .add(BigInteger.valueOf(p * z / 10_000))
                .add(BigInteger.valueOf((anchor - p) * process.reversionPpm() / PPM));
        if (process.depth() > 0 && net != 0) {
            q = q.subtract(BigInteger.valueOf(p).multiply(BigInteger.valueOf(net))
                    .divide(BigInteger.valueOf(process.depth()).multiply(BigInteger.valueOf(100))));
        }
        return q.max(BigInteger.ONE).min(BigInteger.valueOf(max)).longValue();
    }

    /** Exposure peak, drawdowns of the external prices, and the return correlations, after epoch {@code e}. */
    private void track(int e, GatewayState s, MarketState markets) {
        long exposure = s.exposure();
        if (exposure > s.peakExposure) {
            s.peakExposure = exposure;
            s.peakExposureEpoch = e + 1;
        }
        s.ratePeak = Math.max(s.ratePeak, s.rate);
        s.rateMaxDrawdown = Math.max(s.rateMaxDrawdown, (double) (s.ratePeak - s.rate) / s.ratePeak);
        int ring = GatewayState.LAGS + 1;
        int slot = (int) (s.returnsSeen % ring);
        for (int l = 0; l < s.links; l++) {
            s.pricePeak[l] = Math.max(s.pricePeak[l], s.price[l]);
            s.priceMaxDrawdown[l] = Math.max(s.priceMaxDrawdown[l],
                    (double) (s.pricePeak[l] - s.price[l]) / s.pricePeak[l]);
            int m = spec.links().get(l).marketIndex();
            int before = markets.previousTick[m];
            double internal = before == 0 ? 0 : (double) (markets.lastTick[m] - before) / before;
            double external = (double) (s.price[l] - s.returnBase[l]) / s.returnBase[l]; // prices are >= 1
            s.internalReturns[l * ring + slot] = internal;
            s.externalReturns[l * ring + slot] = external;
            for (int k = 0; k <= GatewayState.LAGS && k <= s.returnsSeen; k++) {
                int past = (int) ((s.returnsSeen - k) % ring);
                // external k epochs after internal
                add(s, l, k, s.internalReturns[l * ring + past], external);
                if (k > 0) { // internal k epochs after external
                    add(s, l, GatewayState.LAGS + k, s.externalReturns[l * ring + past], internal);
                }
            }
            s.returnBase[l] = s.price[l];
        }
        s.returnsSeen++;
    }

    private static void add(GatewayState s, int l, int pair, double x, double y) {
        int o = (l * GatewayState.PAIRS + pair) * GatewayState.SUMS;
        s.sums[o] += 1;
        s.sums[o + 1] += x;
        s.sums[o + 2] += y;
        s.sums[o + 3] += x * y;
        s.sums[o + 4] += x * x;
        s.sums[o + 5] += y * y;
    }

    /** The gateway's circuit breaker: a linked market too far below its peak closes the gateway. */
    private void breaker(int e, GatewayState s, MarketState markets, AuditSink audit) {
        GatewaySpec.Breaker b = spec.breaker();
        if (b == null || !s.open(e + 1)) {
            return;
        }
        for (GatewaySpec.Link link : spec.links()) {
            int m = link.marketIndex();
            long fallPpm = markets.peakTick[m] == 0 ? 0
                    : (markets.peakTick[m] - (long) markets.lastTick[m]) * PPM / markets.peakTick[m];
            if (fallPpm >= b.drawdownPpm()) {
                s.closedUntil = b.closeEpochs() == 0 ? GatewayState.FOREVER : e + 1 + b.closeEpochs();
                s.breakerClosures++;
                Map<String, Object> f = fields("close", "circuit_breaker",
                        s.closedUntil == GatewayState.FOREVER ? "end" : s.closedUntil);
                f.put("market", scenario.markets().get(m).name());
                f.put("drawdown_percent", fallPpm / 10_000.0);
                audit.record(e, "gateway", f);
                return;
            }
        }
    }

    private static Map<String, Object> fields(String action, String reason, Object until) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("action", action);
        f.put("reason", reason);
        if (until != null) {
            f.put("closed_until_epoch", until);
        }
        return f;
    }

    // ---- conservation, checkpoint and outputs

    @Override
    public long moneyOffshore() {
        return state == null ? 0 : state.offshore;
    }

    @Override
    public long moneyOffshoreInitial() {
        return state == null ? 0 : state.offshoreInitial;
    }

    @Override
    public long goodsOut(int market) {
        if (state == null) {
            return 0;
        }
        int link = spec.linkOf(market);
        return link < 0 ? 0 : state.exported[link] - state.imported[link];
    }

    /** External money is conserved; neither the offshore agent currency nor a principal's external money is < 0. */
    @Override
    public void verify(int epoch) {
        if (state == null) {
            return;
        }
        if (state.externalMoneyTotal() != state.externalMoneyInitial) {
            throw new IllegalStateException("external money not conserved after epoch " + epoch + ": "
                    + state.externalMoneyTotal() + " != " + state.externalMoneyInitial);
        }
        if (state.offshore < 0) {
            throw new IllegalStateException("offshore agent currency negative after epoch " + epoch);
        }
        for (long m : state.principalMoney) {
            if (m < 0) {
                throw new IllegalStateException("a broker principal's external money is negative after epoch "
                        + epoch);
            }
        }
        // open-access agents settle in agent currency: a principal without brokers never holds external money
        for (int p = plan.brokerPrincipals(); p < state.principals; p++) {
            if (state.principalMoney[p] != 0) {
                throw new IllegalStateException("open-access principal " + plan.principals().get(p)
                        + " holds external money after epoch " + epoch + ": " + state.principalMoney[p]);
            }
        }
    }

    @Override
    public void write(SectionOut out) throws IOException {
        if (state != null) { // nothing without a gateway: the state's bytes are those of economies before gateways
            state.fields(SectionFields.writing(out));
        }
    }

    /**
     * The gateway's columns of metrics.csv (docs/outputs.md): whether it is open, the rate, the agent currency sold
     * out and bought in so far, its fees, the external holders' P&L and exposure; per link, the external price and
     * the units exported and imported so far. None without a gateway.
     */
    @Override
    public List<ParquetExport.Column> metricsColumns() {
        if (state == null) {
            return List.of();
        }
        List<ParquetExport.Column> cols = new ArrayList<>();
        cols.add(new ParquetExport.Column("gateway.open", ParquetExport.Type.INT32));
        for (String c : List.of("rate", "agent_currency_out", "agent_currency_in", "fees", "external_pnl",
                "exposure")) {
            cols.add(new ParquetExport.Column("gateway." + c, ParquetExport.Type.DOUBLE));
        }
        List<MarketSpec> markets = scenario.markets();
        for (GatewaySpec.Link link : spec.links()) {
            String market = markets.get(link.marketIndex()).name();
            cols.add(new ParquetExport.Column(market + ".external_price", ParquetExport.Type.DOUBLE));
            cols.add(new ParquetExport.Column(market + ".exported", ParquetExport.Type.INT64));
            cols.add(new ParquetExport.Column(market + ".imported", ParquetExport.Type.INT64));
        }
        return cols;
    }

    /** The row's gateway cells: money in credits (AC) or external credits (EM), units as counts. */
    @Override
    public void metricsCells(StringBuilder row, int epoch) {
        if (state == null) {
            return;
        }
        long pnl = state.externalPnl();
        row.append(',').append(state.open(epoch) ? 1 : 0);
        for (long v : new long[] {state.rate, state.acOut, state.acIn, state.fees, pnl, Math.max(0, -pnl)}) {
            row.append(',').append(Money.format(v));
        }
        for (int l = 0; l < state.links; l++) {
            row.append(',').append(Money.format(state.price[l]));
            row.append(',').append(state.exported[l]);
            row.append(',').append(state.imported[l]);
        }
    }

    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (state != null) {
            root.set("gateway", GatewaySummary.of(this, engine));
        }
    }

    @Override
    public void moneyAccounts(ObjectNode c) {
        if (state != null) { // with a gateway, agent currency also sits outside the sandbox
            c.put("offshore_initial", Money.toCredits(state.offshoreInitial));
            c.put("offshore_final", Money.toCredits(state.offshore));
        }
    }

    @Override
    public void goodsAccounts(int market, ObjectNode goods) {
        int link = state == null ? -1 : spec.linkOf(market);
        if (link >= 0) {
            goods.put("exported", state.exported[link]);
            goods.put("imported", state.imported[link]);
        }
    }

    @Override
    public boolean conservation(ObjectNode c) {
        if (state == null) {
            return true;
        }
        GatewayState gw = state;
        ObjectNode em = c.putObject("external_money");
        em.put("initial", Money.toCredits(gw.externalMoneyInitial));
        em.put("final", Money.toCredits(gw.externalMoneyTotal()));
        em.put("external_market", Money.toCredits(gw.externalMoney));
        em.put("broker_principals", Money.toCredits(gw.externalMoneyTotal() - gw.externalMoney - gw.fees));
        em.put("gateway_fees", Money.toCredits(gw.fees));
        boolean ok = gw.externalMoneyTotal() == gw.externalMoneyInitial;
        em.put("conserved", ok);
        return ok;
    }
}
