package org.vaesim.host.stage;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

import org.vaesim.kernels.memory.ParticipantPlan;

/**
 * The host's running accounts of a listed mechanism (auctions, missions), one account per mechanism of the
 * scenario in its order, each with per-principal sums for the groups of its plan; checkpointed by the stage.
 *
 * @param <A> one mechanism's account
 */
public abstract class Ledger<A> {
    private final List<A> accounts;

    /** One account per plan of {@code plans}, made by {@code account} from the plan's number of principal groups. */
    protected Ledger(List<? extends ParticipantPlan<?, ?, ?>> plans, IntFunction<A> account) {
        this.accounts = plans.stream().map(p -> account.apply(p.groups().size())).toList();
    }

    /** How many mechanisms the scenario lists (and so accounts). */
    public final int size() {
        return accounts.size();
    }

    /** The account of the mechanism at {@code index} in the scenario. */
    public final A get(int index) {
        return accounts.get(index);
    }

    /** One account's part of a checkpoint section ({@link #fields}). */
    public interface AccountFields<A> {
        /** Writes or reads account {@code index} ({@code account}) through {@code f}. */
        void fields(SectionFields f, int index, A account) throws IOException;
    }

    /**
     * The accounts as a checkpoint section (written or read, {@link SectionFields}): their count, which must be the
     * scenario's ({@code what}: "auctions"), then each account in scenario order by {@code account}.
     */
    public final void fields(SectionFields f, String what, AccountFields<A> account) throws IOException {
        f.count(size(), what);
        for (int k = 0; k < size(); k++) {
            account.fields(f, k, get(k));
        }
    }

    /** {@code value} summed over every account. */
    protected final long sum(ToLongFunction<A> value) {
        long sum = 0;
        for (A a : accounts) {
            sum += value.applyAsLong(a);
        }
        return sum;
    }
}
