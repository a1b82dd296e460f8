package org.vaesim.kernels.capability;

/**
 * Capability as evolving state (twin of capability.cl; model in docs/capability.md). Each agent of a capability
 * cohort has a stock (micro-units) and the boost it gives (millionths), which negotiation reads as extra bargaining
 * power. After the epoch's mechanisms, {@link #gain} adds the units each bidder won in the latest round of a compute
 * or data auction, times a weight, and {@link #update} reinvests a share of the epoch's earnings (cash into the
 * capability account), depreciates the stock, and sets the boost feedback x stock / (stock + half): diminishing
 * returns, never more than the feedback strength. With feedback 0 every boost is 0.
 */
public final class Capability {
    /** Micro-units per unit (of stock) and millionths per whole (of shares and boosts). */
    public static final long MICRO = 1_000_000L;
    /** Stocks saturate at 10^18 micro-units, so that no gain or purchase overflows (see the limits it allows). */
    public static final long MAX_STOCK = 1_000_000_000_000_000_000L;

    private Capability() {
    }

    /** floor(x m / 10^6) for x >= 0 and 0 <= m <= 10^6, exactly and without overflow. */
    static long scale(long x, long m) {
        return x / MICRO * m + x % MICRO * m / MICRO;
    }

    static long add(long stock, long gain) {
        return Math.min(stock + gain, MAX_STOCK);
    }

    /**
     * Agents [from, to) of an auction's bidder range whose per-bidder columns start at {@code column}: each adds
     * {@code weight} micro-units of stock per unit it won in the latest round ({@code won}; -1, absent, adds none).
     */
    public static void gain(int from, int to, int column, long weight, int[] won, long[] stock) {
        for (int i = from; i < to; i++) {
            int w = won[column + (i - from)];
            if (w > 0) {
                stock[i] = add(stock[i], w * weight);
            }
        }
    }

    /**
     * Agents [from, to): an active agent (status 0) that earned something since the last update (cash above
     * {@code lastCash}) spends floor(earned x reinvest / 10^6) of it on capability at {@code unitCost} micro-credits
     * a unit; then the stock loses floor(stock x depreciation / 10^6), and the boost becomes floor(feedback x stock /
     * (stock + half)) (feedback in millionths, half in micro-units); {@code lastCash} becomes the cash. Returns the
     * micro-credits spent, which leave the agents for the capability account.
     */
    public static long update(int from, int to, long reinvest, long unitCost, long depreciation, double feedback,
                              double half, int[] status, long[] cash, long[] lastCash, long[] stock, int[] boost) {
        long invested = 0;
        for (int i = from; i < to; i++) {
            long c = cash[i];
            long s = stock[i];
            long earned = c - lastCash[i];
            if (status[i] == 0 && earned > 0 && reinvest > 0) {
                long spent = scale(earned, reinvest);
                c -= spent;
                cash[i] = c;
                // micro-units bought: spent x 10^6 / unitCost, split so that it cannot overflow
                s = add(s, spent / unitCost * MICRO + spent % unitCost * MICRO / unitCost);
                invested += spent;
            }
            s -= scale(s, depreciation);
            stock[i] = s;
            boost[i] = (int) Math.floor(feedback * (double) s / ((double) s + half));
            lastCash[i] = c;
        }
        return invested;
    }
}
