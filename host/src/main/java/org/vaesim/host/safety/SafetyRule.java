package org.vaesim.host.safety;

import org.vaesim.host.stage.EpochContext;
import org.vaesim.models.event.EventSpec;

/**
 * One of the safety layer's built-in rules (docs/safety.md): entry checks, circuit breakers, the principals' rate
 * limits, kill switches. The engine runs them, in the fixed order of {@link SafetyRules}, at the points of the epoch
 * the hooks name, and names none of them. A rule keeps what it carries between epochs in the run's
 * {@link SafetyState}, the core checkpoint section the rules share (so the state's bytes are those of every earlier
 * checkpoint); a control with a state of its own is a {@link org.vaesim.host.stage.Stage} instead (linking).
 *
 * <p>Every hook does nothing by default; a rule takes the points it acts at. In an epoch the engine calls them in
 * this order: {@link #epochStart}, {@link #event} (per scheduled event, in file order), {@link #observe},
 * {@link #beforeMarkets}, the backend's epoch, {@link #afterMarkets}, the host's bookkeeping and the stages, then
 * {@link #afterStages}; within one hook, rule by rule in {@link SafetyRules}' order.
 */
public interface SafetyRule {
    /** At the start of the epoch, before its events: who arrives (entry checks). */
    default void epochStart(EpochContext c) {
    }

    /** Takes a scheduled event the engine does not handle itself (an operator's kill); false when not the rule's. */
    default boolean event(EventSpec event, EpochContext c) {
        return false;
    }

    /** After the markets' last prices are in the epoch's inputs, before the stages observe (bands and halts). */
    default void observe(EpochContext c) {
    }

    /** Just before the backend's epoch, after everything that observes (the budgets of the principals' orders). */
    default void beforeMarkets(EpochContext c) {
    }

    /** Just after the backend's epoch, before the host's market bookkeeping (charging those budgets). */
    default void afterMarkets(EpochContext c) {
    }

    /**
     * After the stages have run and their rejections are counted with the gate's, before the epoch's audit digest:
     * breaches and index drops start halts, kill rules fire.
     */
    default void afterStages(EpochContext c) {
    }
}
