package org.vaesim.host.safety;

import java.util.List;
import java.util.function.BiConsumer;

import org.vaesim.host.stage.EpochContext;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * The safety layer's built-in rules of a run in their fixed order, which the engine runs hook by hook ({@link #run},
 * {@link #event}). The order is part of the results: the kill switch comes after the circuit breakers, since its
 * breaker-trips rule reads the trips of the same epoch. Every rule exists in every run; one the scenario does not
 * configure does nothing. The rules share the run's {@link SafetyState}, which this class also makes and checks.
 */
public final class SafetyRules {
    private final List<SafetyRule> rules;

    /** The rules of a run of {@code scenario} over {@code layout}, keeping their state in {@code state}. */
    public SafetyRules(Scenario scenario, Layout layout, SafetyState state) {
        this.rules = List.of(new EntryChecks(layout, scenario, state), new CircuitBreakers(scenario, state),
                new PrincipalRateLimits(scenario.safety(), state), new KillSwitch(layout, scenario, state));
    }

    /** The safety state of a fresh run: nothing halted, fired or refused, the principals' buckets full. */
    public static SafetyState initialState(Scenario scenario, Layout layout) {
        SafetyState state = new SafetyState(scenario.markets().size(), layout.segments().size(),
                KillSwitch.principalRuleSlots(scenario), layout.principalLimits());
        PrincipalRateLimits.fill(scenario.safety(), state);
        return state;
    }

    /** Throws unless a checkpoint's {@code state} has the shape a run of {@code scenario} on {@code layout} needs. */
    public static void checkFits(SafetyState state, Scenario scenario, Layout layout) {
        if (state.flows.length != layout.segments().size() * Settle.FLOWS
                || state.principalRules.length != KillSwitch.principalRuleSlots(scenario)
                || state.principalTokens.length != layout.principalLimits()) {
            throw new IllegalArgumentException("checkpoint was taken with other cohorts, principals or kill rules "
                    + "than the scenario has");
        }
    }

    /** The rules, in the order each hook runs them. */
    public List<SafetyRule> all() {
        return rules;
    }

    /** The rule of class {@code type}. */
    public <T extends SafetyRule> T rule(Class<T> type) {
        for (SafetyRule r : rules) {
            if (type.isInstance(r)) {
                return type.cast(r);
            }
        }
        throw new IllegalArgumentException("no safety rule " + type.getName());
    }

    /** Runs {@code hook} (one of {@link SafetyRule}'s, as {@code SafetyRule::observe}) of every rule, in order. */
    public void run(BiConsumer<SafetyRule, EpochContext> hook, EpochContext c) {
        for (SafetyRule r : rules) {
            hook.accept(r, c);
        }
    }

    /** Offers a scheduled event to the rules in order; true when one took it. */
    public boolean event(EventSpec event, EpochContext c) {
        for (SafetyRule r : rules) {
            if (r.event(event, c)) {
                return true;
            }
        }
        return false;
    }
}
