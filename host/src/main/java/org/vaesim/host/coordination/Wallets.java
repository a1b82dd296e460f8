package org.vaesim.host.coordination;

import org.vaesim.kernels.Backend;

/**
 * The cash of the agents the coordination stage touches, [from, to), as the stage sees it within one epoch: read
 * from the backend once, changed by the protocols on the host, written back as one exact adjustment per agent
 * whose cash changed. Every charge is checked against the cash left, so no adjustment can hit the backend's floor
 * at zero; one that did would mean money was lost, and {@link #apply} throws.
 */
final class Wallets {
    private final int from;
    private final long[] before;
    private final long[] cash;
    /** Micro-credits paid to the stage's account this epoch (search costs, fees): what the account gains. */
    private long collected;

    Wallets(int from, int to) {
        this.from = from;
        this.before = new long[to - from];
        this.cash = new long[to - from];
    }

    /** Reads the agents' cash as it is after the backend's epoch and the earlier stages. */
    void load(long[] populationCash) {
        System.arraycopy(populationCash, from, before, 0, before.length);
        System.arraycopy(before, 0, cash, 0, cash.length);
        collected = 0;
    }

    /** Agent {@code agent}'s cash left this epoch. */
    long cash(int agent) {
        return cash[agent - from];
    }

    /** Agent {@code agent} pays {@code micros} to the stage's account; the caller has checked it can. */
    void charge(int agent, long micros) {
        cash[agent - from] -= micros;
        collected += micros;
    }

    /** Moves {@code micros} from agent {@code payer} to agent {@code payee}; the caller has checked the payer can. */
    void transfer(int payer, int payee, long micros) {
        cash[payer - from] -= micros;
        cash[payee - from] += micros;
    }

    /** What the agents paid the stage's account this epoch. */
    long collected() {
        return collected;
    }

    /**
     * Writes the epoch's changes to the backend, one {@code adjustCash} per agent whose cash changed, and checks
     * that each moved exactly what was asked: the total the agents lost is then what the account gained.
     */
    void apply(Backend backend, int epoch) {
        for (int k = 0; k < cash.length; k++) {
            long delta = cash[k] - before[k];
            if (delta != 0) {
                long moved = backend.adjustCash(from + k, from + k + 1, delta);
                if (moved != delta) {
                    throw new IllegalStateException("coordination in epoch " + epoch + ": agent " + (from + k)
                            + " was to change by " + delta + " micro-credits, the backend moved " + moved);
                }
            }
        }
    }
}
