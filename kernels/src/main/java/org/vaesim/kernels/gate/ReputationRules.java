package org.vaesim.kernels.gate;

import org.vaesim.models.safety.SafetySpec;

/**
 * What the gate needs of a scenario's reputation and probation, as the kernel's integer arguments: the
 * probation line and limits, and the reputation gain and loss, all reputations in millionths.
 */
public record ReputationRules(int probationBelow, int probationMaxPosition, int probationMaxOrderQty,
                              long probationSpendLimit, int gain, int loss) {
    /** No reputation updates and no probation. */
    public static final ReputationRules NONE =
            new ReputationRules(0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0);

    public static ReputationRules of(SafetySpec safety) {
        if (!safety.tracksReputation()) {
            return NONE;
        }
        SafetySpec.ReputationSpec r = safety.reputation();
        SafetySpec.ProbationSpec p = safety.probation();
        return p == null ? new ReputationRules(0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
                r.gainMillionths(), r.lossMillionths())
                : new ReputationRules(p.belowMillionths(), p.maxPosition(), p.maxOrderQty(), p.spendLimit(),
                r.gainMillionths(), r.lossMillionths());
    }
}
