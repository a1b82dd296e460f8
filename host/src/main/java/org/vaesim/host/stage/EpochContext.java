package org.vaesim.host.stage;

import java.util.List;

import org.vaesim.host.epoch.Accounting;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.safety.AuditSink;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;

/**
 * What a stage sees of the epoch in progress: its number, the backend, the markets' state after this epoch's
 * clearing, the money and goods accounts, the backend's inputs and result, the audit log, and the mechanisms'
 * rejection counters (markets x RejectReason.COUNT), which the engine adds to the gate's after every stage has run.
 * One per engine, updated in place each epoch.
 */
public final class EpochContext {
    private final Backend backend;
    private final MarketState markets;
    private final Accounting accounting;
    private final EpochInputs inputs;
    private final EpochResult result;
    private final long[] rejects;
    private int epoch;
    private AuditSink audit = AuditSink.NONE;
    private List<Stage> stages = List.of();

    public EpochContext(Backend backend, MarketState markets, Accounting accounting, EpochInputs inputs,
                        EpochResult result, long[] rejects) {
        this.backend = backend;
        this.markets = markets;
        this.accounting = accounting;
        this.inputs = inputs;
        this.result = result;
        this.rejects = rejects;
    }

    /** The epoch in progress (0-based). */
    public int epoch() {
        return epoch;
    }

    public Backend backend() {
        return backend;
    }

    public MarketState markets() {
        return markets;
    }

    /** The money and goods put in and taken out by events and mechanisms. */
    public Accounting accounting() {
        return accounting;
    }

    /** The backend's inputs for the epoch: what {@link Stage#observe} may set. */
    public EpochInputs inputs() {
        return inputs;
    }

    /** The backend's result for the epoch: clearing, rejections, fees (after the backend's epoch). */
    public EpochResult result() {
        return result;
    }

    /** Where safety events go. */
    public AuditSink audit() {
        return audit;
    }

    /** The mechanisms' rejections this epoch, per market and reason: a stage adds its own. */
    public long[] rejects() {
        return rejects;
    }

    /**
     * The run's stage of class {@code type}: for a stage that builds on another's results (capability on the units
     * the auctions awarded). Every registered stage is there, used by the scenario or not.
     */
    public <T extends Stage> T stage(Class<T> type) {
        for (Stage s : stages) {
            if (type.isInstance(s)) {
                return type.cast(s);
            }
        }
        throw new IllegalArgumentException("no stage " + type.getName() + " is registered");
    }

    /** The engine's: the run's stages, once they are built. */
    public void stages(List<Stage> all) {
        this.stages = List.copyOf(all);
    }

    /** The engine's: the epoch that starts. */
    public void epoch(int e) {
        this.epoch = e;
    }

    /** The engine's: where audit records go from now on. */
    public void audit(AuditSink sink) {
        this.audit = sink;
    }
}
