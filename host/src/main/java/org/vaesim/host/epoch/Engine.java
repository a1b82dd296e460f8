package org.vaesim.host.epoch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.safety.AuditSink;
import org.vaesim.host.safety.EpochDigest;
import org.vaesim.host.safety.SafetyRule;
import org.vaesim.host.safety.SafetyRules;
import org.vaesim.host.safety.SafetyState;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.Section;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.host.stage.Stages;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.decide.DecideFamilies;
import org.vaesim.kernels.decide.DecideFamily;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * The epoch loop: arrivals, events, observe, then decide, gate, book, clear, settle and update on the backend, then
 * the host's market bookkeeping, then the mechanisms' stages in their fixed order ({@link Stages}: the permeability
 * gateway, the resource auctions, the missions, and any other registered), the safety rules' hooks at fixed points
 * between ({@link SafetyRule}, in {@link SafetyRules}' order). One {@link #step()} is one epoch. The engine names no
 * mechanism and no safety rule (docs/extending.md).
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
    /** The epoch's rejections by the mechanisms' stages, per market and reason (RejectReason). */
    private final long[] mechanismRejects;
    private final SafetyState safety;
    /** The safety layer's rules (entry checks, breakers, rate limits, kill switches), sharing {@link #safety}. */
    private final SafetyRules rules;
    /** The mechanisms, in epoch order, and what they see of the epoch in progress. */
    private final List<Stage> stages;
    private final EpochContext context;
    /** The heterogeneous-belief families' signals and the switching cohorts' choice (docs/strategies.md). */
    private final Beliefs beliefs;
    /** Per segment, its family's observe hook (DecideFamily.Observe: the chartists' look-back price, ...). */
    private final DecideFamily.Observe[] observers;
    private AuditSink audit = AuditSink.NONE;
    /** Writes each epoch's audit record; made once, as it keeps buffers and escaped names between epochs. */
    private final EpochDigest epochDigest;
    private final PeriodSurplus periodSurplus;
    private int epoch;

    private Engine(Scenario scenario, Layout layout, Backend backend, MarketState markets, Accounting accounting,
                   SafetyState safety, List<String> recordedOrder, Map<String, Section> sections, int epoch)
            throws IOException {
        this.scenario = scenario;
        this.layout = layout;
        this.backend = backend;
        this.markets = markets;
        this.accounting = accounting;
        this.safety = safety;
        this.rules = new SafetyRules(scenario, layout, safety);
        this.epochDigest = new EpochDigest(scenario.markets());
        this.periodSurplus = new PeriodSurplus(layout, scenario.markets().size());
        this.beliefs = new Beliefs(scenario, layout);
        this.observers = new DecideFamily.Observe[layout.segments().size()];
        for (int k = 0; k < observers.length; k++) {
            observers[k] = DecideFamilies.of(layout.segments().get(k).cohort().family()).observe();
        }
        if (markets.beliefs.length != Beliefs.slots(scenario)) {
            throw new IllegalArgumentException("the scenario has " + Beliefs.slots(scenario) / Beliefs.STATE
                    + " switching cohorts, the market state holds the state of " + markets.beliefs.length / Beliefs.STATE);
        }
        this.epoch = epoch;
        int m = scenario.markets().size();
        this.inputs = new EpochInputs(m, layout.segments().size(), layout.principalLimits());
        this.result = new EpochResult(m, layout.segments().size(), layout.principalLimits());
        this.mechanismRejects = new long[result.rejects.length];
        this.context = new EpochContext(backend, markets, accounting, inputs, result, mechanismRejects);
        this.stages = Stages.create(new StageSetup(scenario, layout, backend), recordedOrder, sections);
        context.stages(stages);
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
        SafetyState safety = SafetyRules.initialState(scenario, layout);
        Backend backend = Backends.create(backendName, scenario, layout, population, threads);
        try {
            return new Engine(scenario, layout, backend, markets, accounting, safety, null, null, 0);
        } catch (IOException e) { // a stage reads no section at epoch 0
            backend.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * An economy restored from a checkpoint taken after {@code epoch} epochs: the core state, and each stage's
     * section by name as {@code recordedOrder}'s stages wrote them (checked against this build's, {@link Stages}).
     */
    public static Engine restore(Scenario scenario, String backendName, int threads, Population population,
                                 MarketState markets, Accounting accounting, SafetyState safety,
                                 List<String> recordedOrder, Map<String, Section> sections, int epoch)
            throws IOException {
        Layout layout = new Layout(scenario);
        if (population.size != layout.agents()) {
            throw new IllegalArgumentException("checkpoint holds " + population.size + " agents, scenario has "
                    + layout.agents());
        }
        SafetyRules.checkFits(safety, scenario, layout);
        Backend backend = Backends.create(backendName, scenario, layout, population, threads);
        try {
            return new Engine(scenario, layout, backend, markets, accounting, safety, recordedOrder, sections, epoch);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
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

    /** The safety rule of class {@code type} (every built-in rule is there, configured by the scenario or not). */
    public <T extends SafetyRule> T rule(Class<T> type) {
        return rules.rule(type);
    }

    /** The mechanisms' stages, in the order the epoch runs them. */
    public List<Stage> stages() {
        return stages;
    }

    /** The stage of class {@code type} (every registered stage is there, used by the scenario or not). */
    public <T extends Stage> T stage(Class<T> type) {
        for (Stage s : stages) {
            if (type.isInstance(s)) {
                return type.cast(s);
            }
        }
        throw new IllegalArgumentException("no stage " + type.getName() + " is registered");
    }

    /**
     * Money not held by agents but still in the sandbox: the fee sink less what stages took from it, and what the
     * stages hold (an auction's revenue, a mission's escrow and subsidy accounts; micro-credits). Agents' cash plus
     * this is the money the scenario put in, less what left through a gateway ({@link Stage#moneyOffshore}).
     */
    public long moneyOutsideAgents() {
        long outside = markets.feeSink();
        for (Stage s : stages) {
            outside = Math.addExact(outside - s.feesTaken(), s.moneyHeld());
        }
        return outside;
    }

    /** Where safety events and epoch digests go from now on (the run's audit log). */
    public void audit(AuditSink sink) {
        this.audit = sink;
        context.audit(sink);
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
        context.epoch(e);
        rules.run(SafetyRule::epochStart, context);
        applyEvents(e);
        periodSurplus.beforeEpoch(e, backend, markets);
        observe(e);
        rules.run(SafetyRule::beforeMarkets, context);
        backend.epoch(inputs, result);
        rules.run(SafetyRule::afterMarkets, context);
        record(e);
        Arrays.fill(mechanismRejects, 0L);
        for (Stage s : stages) {
            s.run(context);
        }
        for (int k = 0; k < mechanismRejects.length; k++) { // counted where the gate's are, in the epoch and the run
            result.rejects[k] += mechanismRejects[k];
            markets.rejects[k] += mechanismRejects[k];
        }
        rules.run(SafetyRule::afterStages, context);
        if (audit != AuditSink.NONE) { // the digest costs a SHA-256 per epoch: only when someone keeps it
            audit.record(e, "epoch", epochDigest.fields(result));
        }
        epoch = e + 1;
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
                case EventSpec.RemoveGoods g -> {
                    Segment seg = layout.segments().get(g.cohortIndex());
                    accounting.removeGoods(seg.market(), -backend.adjustGoods(seg.start(), seg.end(), -g.units()));
                }
                default -> stageEvent(ev);
            }
        }
    }

    /** An event of a safety rule or a mechanism: the first rule, else the first stage, that takes it. */
    private void stageEvent(EventSpec ev) {
        if (rules.event(ev, context)) {
            return;
        }
        for (Stage s : stages) {
            if (s.event(ev, context)) {
                return;
            }
        }
        throw new IllegalStateException("no stage takes the event " + ev);
    }

    private void observe(int e) {
        inputs.epoch = e;
        System.arraycopy(markets.lastTick, 0, inputs.lastTick, 0, markets.markets);
        System.arraycopy(markets.previousTick, 0, inputs.previousTick, 0, markets.markets);
        System.arraycopy(markets.fundamentalTick, 0, inputs.fundamentalTick, 0, markets.markets);
        System.arraycopy(markets.lastVolume, 0, inputs.previousVolume, 0, markets.markets);
        rules.run(SafetyRule::observe, context);
        for (Stage s : stages) {
            s.observe(context);
        }
        beliefs.observe(e, markets, inputs);
        for (int k = 0; k < observers.length; k++) { // what each family needs from the price history
            Segment s = layout.segments().get(k);
            observers[k].observe(s, scenario.markets().get(s.market()), markets, inputs);
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
     * Throws if money (agent currency, with what left through a gateway), any good, or anything a stage keeps
     * ({@link Stage#verify}: an auction's units, a mission's accounts, external money) is not exactly where the
     * accounting says it must be.
     */
    public void verifyConservation() {
        Population p = population(); // once: a device backend copies every column to the host for it
        long money;
        long expected;
        try {
            long offshore = 0;
            long offshoreInitial = 0;
            for (Stage s : stages) {
                offshore = Math.addExact(offshore, s.moneyOffshore());
                offshoreInitial = Math.addExact(offshoreInitial, s.moneyOffshoreInitial());
            }
            money = Totals.money(p, Math.addExact(moneyOutsideAgents(), offshore));
            expected = Math.addExact(accounting.moneyExpected(), offshoreInitial);
        } catch (ArithmeticException overflow) {
            throw new IllegalStateException("money overflowed 64 bits by epoch " + epoch + " (" + overflow.getMessage()
                    + "); the scenario's totals exceed what vaesim can count exactly (docs/config-reference.md"
                    + "#numeric-limits)", overflow);
        }
        if (money != expected) {
            throw new IllegalStateException("money not conserved after epoch " + epoch + ": holdings " + money
                    + " != expected " + expected);
        }
        // per good: a good's units move between its venues with the holders that order routing moves
        int[] goodOf = MarketSpec.goodIndices(scenario.markets());
        long[] goods = Totals.perGood(Totals.goods(p, layout.segments(), markets.markets), goodOf);
        long[] wants = new long[goods.length];
        for (int m = 0; m < goods.length; m++) {
            wants[m] = accounting.goodsExpected(m) - goodsOut(m);
        }
        wants = Totals.perGood(wants, goodOf);
        for (int m = 0; m < goods.length; m++) {
            if (goods[m] != wants[m]) {
                MarketSpec market = scenario.markets().get(m);
                String what = market.good().equals(market.name()) ? "goods of market " + market.name()
                        : "good " + market.good() + " (over its venues)";
                throw new IllegalStateException(what + " not conserved after epoch " + epoch + ": " + goods[m]
                        + " != " + wants[m]);
            }
        }
        for (Stage s : stages) {
            s.verify(epoch);
        }
    }

    /** Units of market {@code m} that left the sandbox through the stages (a gateway), net of those that came in. */
    public long goodsOut(int m) {
        long out = 0;
        for (Stage s : stages) {
            out += s.goodsOut(m);
        }
        return out;
    }

    @Override
    public void close() {
        backend.close();
    }
}
