package org.vaesim.host.metrics;

import org.vaesim.kernels.auction.Auction;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.auction.AuctionStep;
import org.vaesim.kernels.gate.RejectReason;

/**
 * One auction round's efficiency and fairness (docs/mechanisms.md#metrics), from the round's histograms and
 * per-range totals: exact, and linear in ticks and ranges rather than in bidders.
 *
 * @param epoch             epochs completed when the round ran (the round runs at the end of epoch - 1)
 * @param price             the open price (ticks); tokens per unit in an equal-endowment auction
 * @param smallPrice        what small principals paid per unit: the open price unless a reserve bound
 * @param payment           revenue (micro-credits), or tokens spent (micro-tokens) in a token auction
 * @param value             value of the units won (ticks)
 * @param maxValue          the most {@code supply} units could be worth to these bidders: the sum of the
 *                          {@code supply} highest unit values (ticks)
 * @param efficiency        value / maxValue (1 when maxValue is 0)
 * @param allocationGini    Gini of the units won over all bidders (zeros included)
 * @param envyShare         share of bidders who value another bidder's bundle, net of its price, above their own
 * @param envyShareUpToOne  share who still do after one unit (and its price) is taken out of the envied bundle
 * @param smallShare        units won by small principals over supply (NaN without a small-principal threshold)
 * @param maxPrincipalShare the largest units won by one principal over supply
 * @param bidders           bidders that took part in the round (the one check let their bid through)
 * @param rejectedBids      bids the one check rejected (killed, out of scope, rate-limited bidders)
 * @param envious           bidders who envy (the numerator of envyShare)
 * @param groupUnits        units won per principal (group of the plan)
 * @param groupEnvious      bidders of each principal who envy (and who still do with one unit removed)
 */
public record AuctionMetrics(int epoch, int auction, String name, int price, int smallPrice, boolean reserveBinding,
                             long supply, long allocated, long unsold, long payment, long value, long maxValue,
                             double efficiency, double allocationGini, double envyShare, double envyShareUpToOne,
                             double smallShare, double maxPrincipalShare, long bidders, long rejectedBids,
                             long envious,
                             long enviousUpToOne, long[] groupUnits, long[] groupEnvious, long[] groupEnviousUpToOne,
                             long[] groupValue, long[] groupPayment) {

    /** The metrics of a round that ran at the end of epoch {@code epoch - 1}. */
    public static AuctionMetrics of(AuctionPlan plan, int epoch, AuctionStep.Outcome o) {
        var round = o.round();
        int ranges = plan.ranges().size();
        long[] groupUnits = new long[plan.groups().size()];
        long[] groupEnvious = new long[groupUnits.length];
        long[] groupEnvious1 = new long[groupUnits.length];
        long[] groupValue = new long[groupUnits.length];
        long[] groupPayment = new long[groupUnits.length];
        long payment = 0;
        long value = 0;
        long envious = 0;
        long envious1 = 0;
        long rejected = 0;
        long[] counts = new long[round.span];
        for (int r = 0; r < ranges; r++) {
            int g = plan.ranges().get(r).group();
            groupUnits[g] += round.totals[r * Auction.TOTALS + Auction.UNITS];
            groupEnvious[g] += round.envy[r * Auction.ENVY + Auction.ENVIOUS];
            groupEnvious1[g] += round.envy[r * Auction.ENVY + Auction.ENVIOUS_UP_TO_ONE];
            groupValue[g] += round.totals[r * Auction.TOTALS + Auction.VALUE];
            groupPayment[g] += round.totals[r * Auction.TOTALS + Auction.PAYMENT];
            payment += round.totals[r * Auction.TOTALS + Auction.PAYMENT];
            value += round.totals[r * Auction.TOTALS + Auction.VALUE];
            envious += round.envy[r * Auction.ENVY + Auction.ENVIOUS];
            envious1 += round.envy[r * Auction.ENVY + Auction.ENVIOUS_UP_TO_ONE];
            for (int k = 0; k < RejectReason.COUNT; k++) {
                rejected += round.totals[r * Auction.TOTALS + Auction.REJECTS + k];
            }
            for (int x = 0; x < round.span; x++) {
                counts[x] += round.quantities[r * round.span + x];
            }
        }
        long supply = plan.spec().supply();
        long small = 0;
        long largest = 0;
        for (int g = 0; g < groupUnits.length; g++) {
            small += plan.small(g) ? groupUnits[g] : 0;
            largest = Math.max(largest, groupUnits[g]);
        }
        long maxValue = maxValue(round.values, supply);
        long bidders = 0; // the quantity histogram counts the bidders that took part
        for (long n : counts) {
            bidders += n;
        }
        double shareOf = Math.max(1, bidders); // no envy where nobody took part
        var c = o.clearing();
        return new AuctionMetrics(epoch, plan.index(), plan.spec().name(), c.openPrice, c.smallPrice, c.reserveBinding,
                supply, c.allocatedTotal, c.unsold, payment, value, maxValue,
                maxValue == 0 ? 1.0 : (double) value / maxValue, giniOfCounts(counts), envious / shareOf,
                envious1 / shareOf, plan.spec().smallPrincipalAgents() > 0 ? (double) small / supply : Double.NaN,
                (double) largest / supply, bidders, rejected, envious, envious1, groupUnits, groupEnvious,
                groupEnvious1, groupValue, groupPayment);
    }

    /** The sum of the {@code supply} highest values of a histogram of unit values (count per tick). */
    public static long maxValue(long[] values, long supply) {
        long left = supply;
        long best = 0;
        for (int t = values.length - 1; t > 0 && left > 0; t--) {
            long n = Math.min(left, values[t]);
            best += n * t;
            left -= n;
        }
        return best;
    }

    /**
     * The Gini coefficient of a population in which {@code counts[x]} members hold x units: with members sorted
     * ascending, G = sum_i (2i - n - 1) x_i / (n sum x), and a run of c equal values x after r smaller ones
     * contributes x c (2r + c - n). 0 when nobody holds anything.
     */
    public static double giniOfCounts(long[] counts) {
        double n = 0;
        double total = 0;
        for (int x = 0; x < counts.length; x++) {
            n += counts[x];
            total += (double) x * counts[x];
        }
        if (total == 0) {
            return 0;
        }
        double sum = 0;
        double below = 0;
        for (int x = 0; x < counts.length; x++) {
            double c = counts[x];
            sum += x * c * (2 * below + c - n);
            below += c;
        }
        return sum / (n * total);
    }
}
