package org.vaesim.host.stage;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stage of a {@link StageKind.Listed} mechanism (the resource auctions, the missions): the plans of the ones the
 * scenario lists, their ledger, their per-bidder columns and latest rounds; from these, the per-round CSV (NAME.csv)
 * and the summary.json key NAME, both left out when the scenario lists none.
 *
 * @param <P> one listed mechanism's plan
 * @param <L> the ledger of all of them
 * @param <C> their per-bidder columns
 * @param <M> the measures of one round
 */
public abstract class ListedStage<P, L, C, M> implements Stage {
    /** The run's scenario. */
    protected final Scenario scenario;
    /** The plans of the mechanisms the scenario lists, in its order. */
    protected final List<P> plans;
    /** Their accounts. */
    protected final L ledger;
    private final StageKind.Listed kind;
    private final String header;

    /** The stage of {@code kind} for {@code scenario}; {@code header} is its CSV's (the first column the epoch). */
    protected ListedStage(StageKind.Listed kind, Scenario scenario, List<P> plans, L ledger, String header) {
        this.kind = kind;
        this.scenario = scenario;
        this.plans = plans;
        this.ledger = ledger;
        this.header = header;
    }

    @Override
    public final StageKind kind() {
        return kind;
    }

    /** The plans (bidder ranges and principal groups), in scenario order. */
    public final List<P> plans() {
        return plans;
    }

    /** The accounts. */
    public final L ledger() {
        return ledger;
    }

    /** The per-bidder columns as of the last round (a copy from the device where there is one). */
    public abstract C columns();

    /** The rounds the latest epoch ran, with their measures (empty when none was due). */
    public abstract List<M> lastRounds();

    /** One row of the per-round CSV: the cells of {@code header}. */
    protected abstract String row(M round);

    /** The summary.json section: one object per listed mechanism, in scenario order (docs/outputs.md). */
    protected abstract ArrayNode summary(Engine engine);

    @Override
    public final void summarize(ObjectNode root, Engine engine) {
        if (!plans.isEmpty()) {
            root.set(kind.name(), summary(engine));
        }
    }

    @Override
    public final Rounds rounds() {
        if (plans.isEmpty()) {
            return null;
        }
        return Rounds.of(StageKind.Listed.file(kind.name()), header, () -> {
            List<String> rows = new ArrayList<>();
            for (M m : lastRounds()) {
                rows.add(row(m));
            }
            return rows;
        });
    }
}
