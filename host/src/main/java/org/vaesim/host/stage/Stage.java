package org.vaesim.host.stage;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.io.ParquetExport;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.event.EventSpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One mechanism's part of every epoch (docs/extending.md): what the engine runs after the markets have settled, in
 * the fixed order of {@link Stages}, and everything else the run needs of it: its share of the conservation
 * checks, its checkpoint section, its summary section, its columns of metrics.csv and its per-round CSV. The engine
 * names no mechanism; a mechanism names no hub. Built by its {@link StageKind} for one run.
 *
 * <p>Hooks that are not the stage's business keep their defaults; a stage whose scenario has none of its
 * mechanism does nothing, writes the empty section it always wrote, and adds nothing to the outputs.
 */
public interface Stage {
    /** The kind that built this stage (its name is the checkpoint section's). */
    StageKind kind();

    /** Before the backend's epoch: a stage may set the epoch's inputs (a gateway broker's anchor price). */
    default void observe(EpochContext c) {
    }

    /** After the backend's epoch and the host's market bookkeeping, before the safety rules. */
    void run(EpochContext c);

    /** Takes a scheduled event the engine does not handle itself; false when it is not this stage's. */
    default boolean event(EventSpec event, EpochContext c) {
        return false;
    }

    /**
     * Agent currency (micro-credits) the stage holds on the sandbox's side but outside the agents' cash (an
     * auction's revenue, a mission's escrow and subsidy accounts).
     */
    default long moneyHeld() {
        return 0;
    }

    /** Micro-credits the stage moved out of the markets' fee sink into what it holds (a mission's tax). */
    default long feesTaken() {
        return 0;
    }

    /** Agent currency that left the sandbox through the stage (a gateway's offshore holdings), now and at the start. */
    default long moneyOffshore() {
        return 0;
    }

    /** What {@link #moneyOffshore} was when the run started. */
    default long moneyOffshoreInitial() {
        return 0;
    }

    /** Units of market {@code market}'s good that left the sandbox through the stage, net of those that came in. */
    default long goodsOut(int market) {
        return 0;
    }

    /**
     * The stage's own conservation: throws {@link IllegalStateException} naming what does not add up after epoch
     * {@code epoch} (units, escrow, external money). Run after every epoch under {@code -Dvaesim.checks=true} and at
     * every session's end.
     */
    default void verify(int epoch) {
    }

    /** Writes the stage's checkpoint section (its {@link StageKind#sectionVersion version}); read by its kind. */
    void write(SectionOut out) throws IOException;

    /**
     * At a metrics epoch, after metrics.csv's row was sampled ({@code MetricsRow.sample}: the wealth histogram and the
     * rank-mobility pass, which stores every agent's wealth decile in the population): a stage that measures the
     * distribution (entrenchment, docs/inequality.md#entrenchment) takes its figures here, before the epoch's rows
     * of its per-round CSV are written.
     */
    default void sampled(Engine engine) {
    }

    /** Adds the stage's section(s) to summary.json's top level (docs/outputs.md#summaryjson). */
    default void summarize(ObjectNode root, Engine engine) {
    }

    /**
     * Adds the stage's fields to {@code cohort}, summary.json's entry of the cohort {@code segment}, after its wealth
     * figures (negotiation's return by capability tier); nothing by default.
     */
    default void summarizeCohort(ObjectNode cohort, Segment segment, Engine engine) {
    }

    /** Adds the stage's money accounts to summary.json's {@code conservation} block. */
    default void moneyAccounts(ObjectNode conservation) {
    }

    /** Adds the stage's flows of market {@code market}'s good to that market's {@code conservation.goods} entry. */
    default void goodsAccounts(int market, ObjectNode goods) {
    }

    /** Adds the stage's conserved quantities to summary.json's {@code conservation} block; false when one is not. */
    default boolean conservation(ObjectNode conservation) {
        return true;
    }

    /**
     * The stage's columns of metrics.csv and metrics.parquet, with their Parquet types (docs/outputs.md): after the
     * markets' and the population's, stage by stage in epoch order; none by default.
     */
    default List<ParquetExport.Column> metricsColumns() {
        return List.of();
    }

    /**
     * Appends the stage's cells of the metrics row sampled after {@code epoch} epochs, each after a comma, one a
     * column of {@link #metricsColumns}.
     */
    default void metricsCells(StringBuilder row, int epoch) {
    }

    /** The stage's per-round CSV (a file in the run directory), or null when it writes none. */
    default Rounds rounds() {
        return null;
    }

    /** A per-round CSV: its file name, its header (the first column is the epoch), the rows the latest epoch made. */
    interface Rounds {
        String file();

        String header();

        List<String> lastRows();

        /** The CSV {@code file} with {@code header}, whose latest rows {@code lastRows} gives. */
        static Rounds of(String file, String header, Supplier<List<String>> lastRows) {
            return new Rounds() {
                @Override
                public String file() {
                    return file;
                }

                @Override
                public String header() {
                    return header;
                }

                @Override
                public List<String> lastRows() {
                    return lastRows.get();
                }
            };
        }
    }
}
