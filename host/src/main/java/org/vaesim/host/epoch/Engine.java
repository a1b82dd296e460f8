package org.vaesim.host.epoch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.capability.CapabilityStage;
import org.vaesim.host.capability.Compounding;
import org.vaesim.host.capability.Entrenchment;
import org.vaesim.host.gateway.GatewayStage;
import org.vaesim.host.redistribution.WealthTaxStage;
import org.vaesim.host.gateway.GatewayState;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.host.safety.AuditSink;
import org.vaesim.host.safety.CircuitBreakers;
import org.vaesim.host.safety.EntryChecks;
import org.vaesim.host.safety.EpochDigest;
import org.vaesim.host.safety.KillSwitch;
import org.vaesim.host.safety.PrincipalRateLimits;
import org.vaesim.host.safety.SafetyState;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.capability.CapabilityPlan;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.ChartistParams;

/**
 * The epoch loop: arrivals and their entry checks, events, observe, then decide, gate, book, clear, settle and
 * update on the backend, then the host's market bookkeeping, the permeability gateway (docs/permeability.md), the
 * resource auctions due at the end of the epoch (docs/mechanisms.md), the safety rules, then the missions (their
 * funding, tax, rounds and closing: docs/mechanisms.md#missions). One {@link #step()} is one epoch.
 */
public final class Engine implements AutoCloseable {
    /** Debug switch (CONVENTIONS: seatbelts): verifies conservation after every epoch. On in tests. */
    public static final boolean CHECKS = Boolean.getBoolean("vaesim.checks");

    private final Scenario scenario;
    private final Layout layout;
    private final Backend backend;
    private final MarketState markets;
    private final Accounting accounting;
    /** Events by the epoch they fire at; only epochs that have events have an entry. */
    private final Map<Integer, List<EventSpec>> eventsByEpoch;
    private final EpochInputs inputs;
    private final EpochResult result;
    /** The epoch's rejections by the gateway, auctions and missions, per market and reason (RejectReason). */
    private final long[] mechanismRejects;
    private final SafetyState safety;
    private final CircuitBreakers breakers;
    private final KillSwitch killSwitch;
    private final EntryChecks entryChecks;
    private final PrincipalRateLimits principalLimits;
    private final List<AuctionPlan> auctionPlans;
    private final AuctionLedger auctions;
    private final AuctionRounds auctionRounds;
    private final List<MissionPlan> missionPlans;
    private final MissionLedger missions;
    private final MissionRounds missionRounds;
    /** The gateway's state and stage; null when the scenario has no gateway. */
    private final GatewayState gateway;
    private final GatewayStage gatewayStage;
    /** The heterogeneous-belief families' signals and the switching cohorts' choice (docs/strategies.md). */
    private final Beliefs beliefs;
    private AuditSink audit = AuditSink.NONE;
    /** Writes each epoch's audit record; made once, as it keeps buffers and escaped names between epochs. */
    private final EpochDigest epochDigest;
    private final PeriodSurplus periodSurplus;
    /** The entrenchment metrics' state (docs/inequality.md#entrenchment); null when the scenario asks for none. */
    private final Entrenchment entrenchment;
    /** Capability as evolving state (docs/capability.md); null when the scenario has none. */
    private final CapabilityStage capability;
    /** The wealth tax (docs/capability.md#levers); null when the scenario has none. */
    private final WealthTaxStage wealthTax;
    private int epoch;

    private Engine(Scenario scenario, Layout layout, Backend backend, MarketState markets, Accounting accounting,
                   SafetyState safety, AuctionLedger auctions, MissionLedger missions, GatewayState gateway,
                   int epoch) {
        this(scenario, layout, backend, markets, accounting, safety, auctions, missions, gateway, null, epoch);
    }

    /** {@code compounding}: a checkpoint's capability and entrenchment state, or null for a fresh start. */
    private Engine(Scenario scenario, Layout layout, Backend backend, MarketState markets, Accounting accounting,
                   SafetyState safety, AuctionLedger auctions, MissionLedger missions, GatewayState gateway,
                   Compounding compounding, int epoch) {
        this.scenario = scenario;
        this.layout = layout;
        this.backend = backend;
        this.markets = markets;
        this.accounting = accounting;
        this.safety = safety;
        this.breakers = new CircuitBreakers(scenario.safety(), scenario.markets());
        this.killSwitch = new KillSwitch(layout, scenario);
        this.epochDigest = new EpochDigest(scenario.markets());
        this.periodSurplus = new PeriodSurplus(layout, scenario.markets().size());
        this.entryChecks = new EntryChecks(layout, scenario);
        this.principalLimits = new PrincipalRateLimits(scenario.safety());
        this.auctionPlans = AuctionPlan.of(scenario, layout);
        this.auctions = auctions;
        this.auctionRounds = new AuctionRounds(scenario, auctionPlans);
        this.missionPlans = MissionPlan.of(scenario, layout);
        this.missions = missions;
        this.missionRounds = new MissionRounds(scenario, layout, missionPlans);
        this.gatewayStage = scenario.hasGateway() ? new GatewayStage(scenario, layout) : null;
        if (scenario.hasGateway() != (gateway != null)) {
            throw new IllegalArgumentException("the scenario " + (scenario.hasGateway() ? "has" : "has no")
                    + " gateway, the state " + (gateway != null ? "has" : "has none"));
        }
        this.gateway = gateway;
        this.beliefs = new Beliefs(scenario, layout);
        if (markets.beliefs.length != Beliefs.slots(scenario)) {
            throw new IllegalArgumentException("the scenario has " + Beliefs.slots(scenario) / Beliefs.STATE
                    + " switching cohorts, the market state holds the state of " + markets.beliefs.length / Beliefs.STATE);
        }
        this.entrenchment = scenario.entrenchment() == null ? null
                : new Entrenchment(scenario.entrenchment(), auctionPlans, layout.agents());
        CapabilityPlan capabilityPlan = CapabilityPlan.of(scenario, layout);
        this.capability = capabilityPlan == null ? null : new CapabilityStage(capabilityPlan, auctionPlans.size(),
                compounding == null ? 0 : compounding.invested());
        this.wealthTax = scenario.wealthTax() == null ? null : new WealthTaxStage(scenario.wealthTax(), layout);
        if (wealthTax != null && compounding != null) {
            wealthTax.counts(compounding.taxCounts()[0], compounding.taxCounts()[1]);
        }
        if (compounding == null && epoch != 0 && (capability != null || entrenchment != null || wealthTax != null)) {
            throw new IllegalArgumentException("restoring a scenario with capability, entrenchment or a wealth tax "
                    + "needs their state from the checkpoint");
        }
        if (capability != null) {
            if (compounding == null) {
                capability.start(backend, backend.population().cash);
            } else {
                capability.restore(backend, compounding.capability());
            }
        }
        if (entrenchment != null && compounding != null) {
            entrenchment.restore(compounding.entrenchment());
        }
        this.epoch = epoch;
        int m = scenario.markets().size();
        this.inputs = new EpochInputs(m, layout.segments().size(), layout.principalLimits());
        this.result = new EpochResult(m, layout.segments().size(), layout.principalLimits());
        this.mechanismRejects = new long[result.rejects.length];
        this.eventsByEpoch = new HashMap<>();
        for (EventSpec ev : scenario.events()) {
            eventsByEpoch.computeIfAbsent(ev.epoch(), k -> new ArrayList<>()).add(ev);
        }
    }

    /** A fresh economy at epoch 0 on the java backend. */
    public static Engine start(Scenario scenario, int threads) {
        return start(scenario, Backends.JAVA, threads);
    }

    /** A fresh economy at epoch 0 on the named backend (see {@link Backends}). */
    public static Engine start(Scenario scenario, String backendName, int threads) {
        Layout layout = new Layout(scenario);
        Population population = layout.initialPopulation(scenario.seed());
        MarketState markets = MarketState.of(scenario);
        Accounting accounting = new Accounting(scenario.markets().size());
        accounting.moneyInitial = Totals.money(population, 0);
        long[] goods = Totals.goods(population, layout.segments(), scenario.markets().size());
        System.arraycopy(goods, 0, accounting.goodsInitial, 0, goods.length);
        SafetyState safety = new SafetyState(scenario.markets().size(), layout.segments().size(),
                KillSwitch.principalRuleSlots(scenario), layout.principalLimits());
        new PrincipalRateLimits(scenario.safety()).fill(safety);
        List<AuctionPlan> plans = AuctionPlan.of(scenario, layout);
        List<MissionPlan> missionPlans = MissionPlan.of(scenario, layout);
        GatewayState gateway = scenario.hasGateway() ? GatewayState.initial(scenario.gateway(),
                GatewayPlan.of(scenario, layout), layout.segments()) : null;
        return new Engine(scenario, layout, Backends.create(backendName, scenario, layout, population,
                AuctionColumns.of(plans), MissionColumns.of(missionPlans), threads), markets, accounting, safety,
                new AuctionLedger(plans), new MissionLedger(missionPlans), gateway, 0);
    }

    /**
     * An economy restored from a checkpoint taken after {@code epoch} epochs, for a scenario without auctions or
     * missions (or one whose auctions and missions have not started yet).
     */
    public static Engine restore(Scenario scenario, String backendName, int threads, Population population,
                                 MarketState markets, Accounting accounting, SafetyState safety, int epoch) {
        List<AuctionPlan> plans = AuctionPlan.of(scenario, new Layout(scenario));
        return restore(scenario, backendName, threads, population, markets, accounting, safety,
                new AuctionLedger(plans), AuctionColumns.of(plans), epoch);
    }

    /**
     * An economy restored from a checkpoint taken after {@code epoch} epochs, for a scenario without missions (or
     * one whose missions have not started yet) and without a gateway.
     */
    public static Engine restore(Scenario scenario, String backendName, int threads, Population population,
                                 MarketState markets, Accounting accounting, SafetyState safety,
                                 AuctionLedger auctions, AuctionColumns auctionColumns, int epoch) {
        List<MissionPlan> plans = MissionPlan.of(scenario, new Layout(scenario));
        return restore(scenario, backendName, threads, population, markets, accounting, safety, auctions,
                auctionColumns, new MissionLedger(plans), MissionColumns.of(plans), null, epoch);
    }

    /** As above, with the missions' state, for a scenario without a gateway. */
    public static Engine restore(Scenario scenario, String backendName, int threads, Population population,
                                 MarketState markets, Accounting accounting, SafetyState safety,
                                 AuctionLedger auctions, AuctionColumns auctionColumns, MissionLedger missions,
                                 MissionColumns missionColumns, int epoch) {
        return restore(scenario, backendName, threads, population, markets, accounting, safety, auctions,
                auctionColumns, missions, missionColumns, null, epoch);
    }

    /** As above, with the gateway's state, for a scenario without missions (or whose missions have not started). */
    public static Engine restore(Scenario scenario, String backendName, int threads, Population population,
                                 MarketState markets, Accounting accounting, SafetyState safety,
                                 AuctionLedger auctions, AuctionColumns auctionColumns, GatewayState gateway,
                                 int epoch) {
        List<MissionPlan> plans = MissionPlan.of(scenario, new Layout(scenario));
        return restore(scenario, backendName, threads, population, markets, accounting, safety, auctions,
                auctionColumns, new MissionLedger(plans), MissionColumns.of(plans), gateway, epoch);
    }

    /**
     * An economy restored from a checkpoint taken after {@code epoch} epochs; {@code gateway} is null exactly when
     * the scenario has no gateway.
     */
    public static Engine restore(Scenario scenario, String backendName, int threads, Population population,
                                 MarketState markets, Accounting accounting, SafetyState safety,
                                 AuctionLedger auctions, AuctionColumns auctionColumns, MissionLedger missions,
                                 MissionColumns missionColumns, GatewayState gateway, int epoch) {
        Layout layout = new Layout(scenario);
        checkRestorable(scenario, layout, population, safety);
        return new Engine(scenario, layout, Backends.create(backendName, scenario, layout, population,
                auctionColumns, missionColumns, threads), markets, accounting, safety, auctions, missions, gateway,
                epoch);
    }

    private static void checkRestorable(Scenario scenario, Layout layout, Population population, SafetyState safety) {
        if (population.size != layout.agents()) {
            throw new IllegalArgumentException("checkpoint holds " + population.size + " agents, scenario has "
                    + layout.agents());
        }
        if (safety.flows.length != layout.segments().size() * Settle.FLOWS
                || safety.principalRules.length != KillSwitch.principalRuleSlots(scenario)
                || safety.principalTokens.length != layout.principalLimits()) {
            throw new IllegalArgumentException("checkpoint was taken with other cohorts, principals or kill rules "
                    + "than the scenario has");
        }
    }

    /**
     * As above, with the state of capability, entrenchment and the wealth tax ({@code compounding}; null exactly when
     * the scenario has none of these blocks).
     */
    public static Engine restore(Scenario scenario, String backendName, int threads, Population population,
                                 MarketState markets, Accounting accounting, SafetyState safety,
                                 AuctionLedger auctions, AuctionColumns auctionColumns, MissionLedger missions,
                                 MissionColumns missionColumns, GatewayState gateway, Compounding compounding,
                                 int epoch) {
        Layout layout = new Layout(scenario);
        checkRestorable(scenario, layout, population, safety);
        return new Engine(scenario, layout, Backends.create(backendName, scenario, layout, population,
                auctionColumns, missionColumns, threads), markets, accounting, safety, auctions, missions, gateway,
                compounding, epoch);
    }

    public Scenario scenario() {
        return scenario;
    }

    public Layout layout() {
        return layout;
    }

    public Backend backend() {
        return backend;
    }

    public Population population() {
        return backend.population();
    }

    public MarketState markets() {
        return markets;
    }

    public Accounting accounting() {
        return accounting;
    }

    public SafetyState safety() {
        return safety;
    }

    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /** The resource auctions' accounts. */
    public AuctionLedger auctions() {
        return auctions;
    }

    /** The gateway's state (ledgers, prices, flows, exposure), or null when the scenario has none. */
    public GatewayState gateway() {
        return gateway;
    }

    /** The gateway stage (its plan and the latest epoch's sums), or null when the scenario has no gateway. */
    public GatewayStage gatewayStage() {
        return gatewayStage;
    }

    /** The resource auctions' plans (bidder ranges and principal groups), in scenario order. */
    public List<AuctionPlan> auctionPlans() {
        return auctionPlans;
    }

    /** The auction rounds the latest epoch ran, with their metrics (empty when none was due). */
    public List<AuctionMetrics> lastAuctionRounds() {
        return auctionRounds.last();
    }

    /** The entrenchment metrics' state, or null when the scenario has no {@code entrenchment} block. */
    public Entrenchment entrenchment() {
        return entrenchment;
    }

    /** The capability stage, or null when the scenario has no {@code capability} block. */
    public CapabilityStage capability() {
        return capability;
    }

    /** The wealth tax, or null when the scenario has no {@code wealth_tax} block. */
    public WealthTaxStage wealthTax() {
        return wealthTax;
    }

    /** The missions' accounts. */
    public MissionLedger missions() {
        return missions;
    }

    /** The missions' plans (bidder ranges and principal groups), in scenario order. */
    public List<MissionPlan> missionPlans() {
        return missionPlans;
    }

    /** The mission rounds the latest epoch ran, with their measures (empty when none was due). */
    public List<MissionMetrics> lastMissionRounds() {
        return missionRounds.last();
    }

    /**
     * Money not held by agents: the fee sink less the fees taxes moved into missions, the cash auctions' revenue,
     * and the missions' escrow and subsidy accounts (micro-credits). Agents' cash plus this is the money the
     * scenario put in.
     */
    public long moneyOutsideAgents() {
        return Math.addExact(Math.addExact(Math.addExact(markets.feeSink() - missions.feesDiverted(),
                auctions.revenue()), missions.held()), capability == null ? 0 : capability.invested());
    }

    /** Where safety events and epoch digests go from now on (the run's audit log). */
    public void audit(AuditSink sink) {
        this.audit = sink;
    }

    /** Epochs completed so far. */
    public int epoch() {
        return epoch;
    }

    public boolean finished() {
        return epoch >= scenario.epochs();
    }

    /** Runs one epoch. */
    public void step() {
        int e = epoch;
        entryChecks.apply(e, backend, safety, audit);
        applyEvents(e);
        periodSurplus.beforeEpoch(e, backend, markets);
        observe(e);
        principalLimits.beforeEpoch(safety, inputs);
        backend.epoch(inputs, result);
        principalLimits.afterEpoch(safety, inputs, result);
        record(e);
        Arrays.fill(mechanismRejects, 0L);
        if (gateway != null) {
            gatewayStage.run(e, backend, gateway, markets, audit, mechanismRejects);
        }
        auctionRounds.run(e, backend, auctions, mechanismRejects);
        missionRounds.run(e, backend, missions, accounting, result.totals, mechanismRejects);
        if (wealthTax != null) {
            wealthTax.afterEpoch(e, backend);
        }
        if (capability != null) { // after every mechanism: what they paid and awarded this epoch is known
            capability.run(backend, auctionRounds.last());
        }
        for (int k = 0; k < mechanismRejects.length; k++) { // counted where the gate's are, in the epoch and the run
            result.rejects[k] += mechanismRejects[k];
            markets.rejects[k] += mechanismRejects[k];
        }
        breakers.afterEpoch(e, result.clearing, markets, safety, audit, inputs);
        killSwitch.applyRules(e, backend, safety, audit, result, markets);
        if (audit != AuditSink.NONE) { // the digest costs a SHA-256 per epoch: only when someone keeps it
            audit.record(e, "epoch", epochDigest.fields(result));
        }
        epoch = e + 1;
        if (entrenchment != null) {
            entrenchment.afterEpoch(epoch, backend::auctionColumns);
        }
        if (CHECKS) {
            verifyConservation();
        }
    }

    private void applyEvents(int e) {
        for (EventSpec ev : eventsByEpoch.getOrDefault(e, List.of())) {
            switch (ev) {
                case EventSpec.ShiftFundamental s -> {
                    int maxTick = scenario.markets().get(s.marketIndex()).ticks() - 1;
                    long shifted = Math.round(markets.fundamentalTick[s.marketIndex()] * (1.0 + s.percent() / 100.0));
                    markets.fundamentalTick[s.marketIndex()] = (int) Math.max(1, Math.min(maxTick, shifted));
                }
                case EventSpec.InjectCash c -> {
                    Segment seg = layout.segments().get(c.cohortIndex());
                    accounting.injectMoney(backend.adjustCash(seg.start(), seg.end(), c.amount()));
                }
                case EventSpec.RemoveCash c -> {
                    Segment seg = layout.segments().get(c.cohortIndex());
                    accounting.removeMoney(-backend.adjustCash(seg.start(), seg.end(), -c.amount()));
                }
                case EventSpec.InjectGoods g -> {
                    Segment seg = layout.segments().get(g.cohortIndex());
                    accounting.injectGoods(seg.market(), backend.adjustGoods(seg.start(), seg.end(), g.units()));
                }
                case EventSpec.Kill k -> killSwitch.kill(k.target(), "operator", e, backend, safety, audit);
                case EventSpec.RemoveGoods g -> {
                    Segment seg = layout.segments().get(g.cohortIndex());
                    accounting.removeGoods(seg.market(), -backend.adjustGoods(seg.start(), seg.end(), -g.units()));
                }
                case EventSpec.GatewayClose c -> gatewayStage.close(e, gateway, audit);
                case EventSpec.GatewayOpen o -> gatewayStage.open(e, gateway, audit);
                case EventSpec.ExternalShock x -> GatewayStage.shock(gateway, x.linkIndex(), x.percent());
                case EventSpec.RateShock x -> GatewayStage.shock(gateway, -1, x.percent());
            }
        }
    }

    private void observe(int e) {
        inputs.epoch = e;
        System.arraycopy(markets.lastTick, 0, inputs.lastTick, 0, markets.markets);
        System.arraycopy(markets.previousTick, 0, inputs.previousTick, 0, markets.markets);
        System.arraycopy(markets.fundamentalTick, 0, inputs.fundamentalTick, 0, markets.markets);
        System.arraycopy(markets.lastVolume, 0, inputs.previousVolume, 0, markets.markets);
        breakers.observe(e, markets, safety, inputs);
        if (gateway != null) {
            gatewayStage.observe(e, gateway, inputs);
        }
        beliefs.observe(e, markets, inputs);
        for (Segment s : layout.segments()) {
            if (s.cohort().params() instanceof ChartistParams c) {
                int m = s.market();
                inputs.lookbackTick[s.index()] = markets.tickAfter(m, e - 1 - c.lookback(),
                        scenario.markets().get(m).initialTick());
            }
        }
    }

    private void record(int e) {
        ClearingResult clearing = result.clearing;
        long[] totals = result.totals;
        for (int m = 0; m < markets.markets; m++) {
            markets.previousTick[m] = markets.lastTick[m];
            if (clearing.price[m] > 0) {
                markets.lastTick[m] = clearing.price[m];
            }
            markets.lastVolume[m] = clearing.volume[m];
            markets.totalVolume[m] += clearing.volume[m];
            markets.residualBid[m] = clearing.residualBid[m];
            markets.residualAsk[m] = clearing.residualAsk[m];
            markets.fees[m] += totals[m * Settle.TOTALS + Settle.FEES];
            markets.surplus[m] += totals[m * Settle.TOTALS + Settle.SURPLUS];
            markets.peakTick[m] = Math.max(markets.peakTick[m], markets.lastTick[m]);
            markets.maxDrawdown[m] = Math.max(markets.maxDrawdown[m], markets.drawdown(m));
            markets.history[m * MarketState.HISTORY + e % MarketState.HISTORY] = markets.lastTick[m];
        }
        for (int i = 0; i < result.rejects.length; i++) {
            markets.rejects[i] += result.rejects[i];
        }
        safety.addFlows(result.segmentFlows);
        periodSurplus.afterEpoch(result.segmentSurplus, markets);
    }

    /**
     * Throws if money (agent currency and, with a gateway, external money), any good, any auction's units or any
     * mission's accounts and tasks are not exactly where the accounting says they must be.
     */
    public void verifyConservation() {
        Population p = population(); // once: a device backend copies every column to the host for it
        long money;
        long expected;
        try {
            money = Totals.money(p, Math.addExact(moneyOutsideAgents(),
                    gateway == null ? 0 : gateway.offshore));
            expected = Math.addExact(accounting.moneyExpected(), gateway == null ? 0 : gateway.offshoreInitial);
        } catch (ArithmeticException overflow) {
            throw new IllegalStateException("money overflowed 64 bits by epoch " + epoch + " (" + overflow.getMessage()
                    + "); the scenario's totals exceed what vaesim can count exactly (docs/config-reference.md"
                    + "#numeric-limits)", overflow);
        }
        if (money != expected) {
            throw new IllegalStateException("money not conserved after epoch " + epoch + ": holdings " + money
                    + " != expected " + expected);
        }
        long[] goods = Totals.goods(p, layout.segments(), markets.markets);
        for (int m = 0; m < goods.length; m++) {
            long want = accounting.goodsExpected(m) - gatewayNetExports(m);
            if (goods[m] != want) {
                throw new IllegalStateException("goods of market " + scenario.markets().get(m).name()
                        + " not conserved after epoch " + epoch + ": " + goods[m] + " != " + want);
            }
        }
        if (gateway != null) {
            if (gateway.externalMoneyTotal() != gateway.externalMoneyInitial) {
                throw new IllegalStateException("external money not conserved after epoch " + epoch + ": "
                        + gateway.externalMoneyTotal() + " != " + gateway.externalMoneyInitial);
            }
            if (gateway.offshore < 0) {
                throw new IllegalStateException("offshore agent currency negative after epoch " + epoch);
            }
            for (long m : gateway.principalMoney) {
                if (m < 0) {
                    throw new IllegalStateException("a broker principal's external money is negative after epoch "
                            + epoch);
                }
            }
        }
        if (auctions.auctions() > 0) {
            AuctionColumns columns = backend.auctionColumns();
            for (int a = 0; a < auctions.auctions(); a++) {
                AuctionLedger.Account acc = auctions.get(a);
                long won = 0;
                for (long w : columns.totalWon[a]) {
                    won += w;
                }
                if (acc.supplied != acc.allocated + acc.unsold || won != acc.allocated) {
                    throw new IllegalStateException("units of auction " + scenario.auctions().get(a).name()
                            + " not conserved after epoch " + epoch + ": supplied " + acc.supplied + ", allocated "
                            + acc.allocated + " (bidders hold " + won + "), unsold " + acc.unsold);
                }
            }
        }
        if (missions.missions() > 0) {
            MissionColumns columns = backend.missionColumns();
            for (int m = 0; m < missions.missions(); m++) {
                String problem = missionProblem(m, missions.get(m), columns);
                if (problem != null) {
                    throw new IllegalStateException("mission " + scenario.missions().get(m).name()
                            + " not conserved after epoch " + epoch + ": " + problem);
                }
            }
        }
    }

    /**
     * What is wrong with mission m's accounts, or null: escrow = funded + tax - paid - returned and the subsidy
     * account = funded - paid - returned, neither negative; awarded = delivered + failed, at most the tasks posted;
     * delivered at most the mission's tasks; the per-bidder columns add up to the ledger's awards, deliveries and
     * payments (escrow and subsidy).
     */
    public String missionProblem(int m, MissionLedger.Account a, MissionColumns columns) {
        long awarded = 0;
        long delivered = 0;
        long paid = 0;
        for (int i = 0; i < columns.awarded[m].length; i++) {
            awarded += columns.awarded[m][i];
            delivered += columns.delivered[m][i];
            paid += columns.paid[m][i];
        }
        if (a.escrow != a.funded + a.taxCollected - a.paid - a.escrowReturned || a.escrow < 0) {
            return "escrow " + a.escrow + " != funded " + a.funded + " + tax " + a.taxCollected + " - paid " + a.paid
                    + " - returned " + a.escrowReturned;
        }
        if (a.subsidy != a.subsidyFunded - a.subsidyPaid - a.subsidyReturned || a.subsidy < 0) {
            return "subsidy account " + a.subsidy + " != funded " + a.subsidyFunded + " - paid " + a.subsidyPaid
                    + " - returned " + a.subsidyReturned;
        }
        if (a.awarded > a.posted || a.delivered > a.awarded || a.delivered > scenario.missions().get(m).tasks()) {
            return "tasks posted " + a.posted + ", awarded " + a.awarded + ", delivered " + a.delivered;
        }
        if (awarded != a.awarded || delivered != a.delivered || paid != a.paid + a.subsidyPaid) {
            return "bidders hold " + awarded + " awards, " + delivered + " deliveries and " + paid
                    + " micro-credits; the ledger " + a.awarded + ", " + a.delivered + " and " + (a.paid + a.subsidyPaid);
        }
        return null;
    }

    /** Units of market {@code m} that left the sandbox through the gateway, net of those that came in. */
    public long gatewayNetExports(int m) {
        if (gateway == null) {
            return 0;
        }
        int link = scenario.gateway().linkOf(m);
        return link < 0 ? 0 : gateway.exported[link] - gateway.imported[link];
    }

    @Override
    public void close() {
        backend.close();
    }
}
