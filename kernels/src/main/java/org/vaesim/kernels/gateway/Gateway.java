package org.vaesim.kernels.gateway;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.Fees;
import org.vaesim.kernels.gate.RejectReason;

/**
 * The gateway stage's agent-parallel part (docs/permeability.md), twin of {@code gateway.cl}: each broker agent's
 * crossings of the sandbox boundary in one epoch, in two passes over the same state.
 *
 * <ol>
 *   <li>{@link #request}: each agent's wish, its four legs, summed per range: the agent-currency value it would
 *   move (the caps count it), an upper bound of the external money its principal would pay, and each leg's
 *   total (the offshore supply of agent currency limits the buy leg);</li>
 *   <li>the host turns the sums into fill fractions of each leg (caps, the principal's external money, the
 *   offshore supply), in units of 2^-30;</li>
 *   <li>{@link #apply}: each agent recomputes its legs (nothing it reads changed in between) and gets its share of
 *   each by cumulative rounding in index order (the queue positions come from block sums and a prefix, as in
 *   settlement), then moves its cash and goods; the range's flows in both currencies come back.</li>
 * </ol>
 *
 * <p>An agent's four legs, from its cash c and inventory q, the market's last tick L, the external price in
 * internal ticks A (the anchor), the band b (the fee's worth in ticks: what the price gap must exceed), and its
 * units cap U (the broker's max_units and its largest order), position cap P, cash target T and currency-leg cap K
 * (min of T and its spend limit), the limits being the scope's or, on probation, the smaller probation's:
 * <pre>
 *   export units  = min(q, U)            if A > L + b and q > 0          (the good is dearer outside)
 *   import units  = min(U, P - q)        if A < L - b and q < P          (the good is cheaper outside)
 *   sell currency = min(c - T, K)        if T > 0 and c > 2T             (repatriate the excess)
 *   buy currency  = min(T - c, K)        if T > 0 and c < T / 2          (refill the working balance)
 * </pre>
 * An agent with any leg crosses only if the check every mechanism shares lets it ({@link Eligibility#check}, its
 * crossings of the epoch as one order of a unit or more): a killed, pending or refused broker, one whose scope does
 * not authorize its market (name or resource type) and one whose token bucket is empty do not cross, and the apply
 * pass counts the killed, out-of-scope and rate-limited ones by reason; one that crosses spends a token when
 * rate-limited. Every amount is an integer, conversions and fees are rounded down, and each amount leaves one
 * account and enters another, so both currencies are conserved exactly.
 */
public final class Gateway {
    /** Fill fractions are fixed point: {@link #ONE} is a fraction of 1. */
    public static final int SHIFT = 30;
    public static final long ONE = 1L << SHIFT;
    private static final long MASK = ONE - 1;
    /** The rate's unit: external-money micro-units per credit are in millionths. */
    public static final long PPM = 1_000_000L;

    /**
     * Request sums per range: the agent-currency value of every leg (micro-credits), the external money the paying
     * legs would cost (an upper bound: gross and fee rounded up), and each leg's total: units to export and to
     * import, agent currency to sell and to buy.
     */
    public static final int VALUE = 0;
    public static final int PAY = 1;
    public static final int EXPORT_UNITS = 2;
    public static final int IMPORT_UNITS = 3;
    public static final int SELL_AC = 4;
    public static final int BUY_AC = 5;
    public static final int REQUESTS = 6;
    /** The legs, in the order of their request sums and fill fractions. */
    public static final int EXPORT = 0;
    public static final int IMPORT = 1;
    public static final int SELL = 2;
    public static final int BUY = 3;
    public static final int LEGS = 4;

    /** Flow sums per range: units and external money (gross, then fee) of each leg, and its agent currency. */
    public static final int EXPORTED = 0;
    public static final int EXPORT_EM = 1;
    public static final int EXPORT_FEES = 2;
    public static final int IMPORTED = 3;
    public static final int IMPORT_EM = 4;
    public static final int IMPORT_FEES = 5;
    public static final int SOLD_AC = 6;
    public static final int SOLD_EM = 7;
    public static final int SOLD_FEES = 8;
    public static final int BOUGHT_AC = 9;
    public static final int BOUGHT_EM = 10;
    public static final int BOUGHT_FEES = 11;
    /** Then the brokers the one check stopped, by {@link RejectReason} (killed, scope, rate_limit). */
    public static final int REJECTS = 12;
    public static final int FLOWS = REJECTS + RejectReason.COUNT;

    private Gateway() {
    }

    /**
     * Agent i's four legs into {@code legs} (export units, import units, currency to sell, to buy), all 0 unless it
     * wants some and the one check lets them through; returns the check's reason (or {@link Eligibility#ELIGIBLE},
     * also when it wants nothing). What it wants is judged by the broker's own rule (max_units), so that a broker
     * the scope keeps from its market counts as out of scope; what crosses is capped by its largest order.
     */
    static int legs(int i, int lastTick, int anchorTick, int band, int maxUnits, long cashTarget,
                    Eligibility.Limits limits, long[] cash, int[] inventory, int[] status, int[] bucket,
                    int[] reputation, long[] legs) {
        int rep = reputation[i];
        int q = inventory[i];
        long c = cash[i];
        int maxPosition = limits.maxPosition(rep);
        long legCap = Math.min(cashTarget, limits.spendLimit(rep));
        legs[EXPORT] = exportUnits(q, anchorTick, lastTick, band, maxUnits);
        legs[IMPORT] = importUnits(q, anchorTick, lastTick, band, maxUnits, maxPosition);
        legs[SELL] = sellCurrency(c, cashTarget, legCap);
        legs[BUY] = buyCurrency(c, cashTarget, legCap);
        if ((legs[EXPORT] | legs[IMPORT] | legs[SELL] | legs[BUY]) == 0) {
            return Eligibility.ELIGIBLE;
        }
        // the legs stay within the largest order (capped below) and the spend limit (legCap): 1 unit, 0 credits
        int largest = limits.largest(rep);
        int reason = Eligibility.check(status[i], 1, largest, -1, 0, limits.spendLimit(), limits.capacity(),
                bucket[i]);
        if (reason != Eligibility.ELIGIBLE) {
            legs[EXPORT] = 0;
            legs[IMPORT] = 0;
            legs[SELL] = 0;
            legs[BUY] = 0;
        } else if (largest < maxUnits) {
            legs[EXPORT] = exportUnits(q, anchorTick, lastTick, band, largest);
            legs[IMPORT] = importUnits(q, anchorTick, lastTick, band, largest, maxPosition);
        }
        return reason;
    }

    /**
     * Pass 1 over the broker agents [from, to) of one range: adds their legs' agent-currency value, the external
     * money they would pay (gross plus fee, each rounded up) and each leg's total into
     * {@code out[offset + VALUE .. BUY_AC]}.
     */
    public static void request(int from, int to, int lastTick, long tickSize, int anchorTick, long externalPrice,
                               long ratePpm, int feeBps, int band, int maxUnits, long cashTarget,
                               Eligibility.Limits limits, long[] cash, int[] inventory, int[] status, int[] bucket,
                               int[] reputation, long[] out, int offset) {
        final long unitValue = lastTick * tickSize; // at most 2^40: the linked market's top price is checked
        long[] legs = new long[LEGS];
        long value = 0;
        long pay = 0;
        long exports = 0;
        long imports = 0;
        long sells = 0;
        long buys = 0;
        for (int i = from; i < to; i++) {
            legs(i, lastTick, anchorTick, band, maxUnits, cashTarget, limits, cash, inventory, status, bucket,
                    reputation, legs);
            long ex = legs[EXPORT];
            long im = legs[IMPORT];
            long sell = legs[SELL];
            long b = legs[BUY];
            value += (ex + im) * unitValue + sell + b;
            long importEm = im * externalPrice;
            long buyEm = convertUp(b, ratePpm);
            pay += importEm + feeUp(importEm, feeBps) + buyEm + feeUp(buyEm, feeBps);
            exports += ex;
            imports += im;
            sells += sell;
            buys += b;
        }
        out[offset + VALUE] += value;
        out[offset + PAY] += pay;
        out[offset + EXPORT_UNITS] += exports;
        out[offset + IMPORT_UNITS] += imports;
        out[offset + SELL_AC] += sells;
        out[offset + BUY_AC] += buys;
    }

    /**
     * Pass 2 over agents [from, to) of one range, in index order: each leg of quantity q is filled by cumulative
     * rounding, {@code floor((C + q) F / 2^30) - floor(C F / 2^30)}, where C is the leg's quantity of the range's
     * agents before this one ({@code cursor[leg]} on entry, advanced on exit) and F the leg's fraction
     * ({@code fill[leg]}); the fills of a range add up to floor(total x F / 2^30) exactly, and none exceeds its
     * request. Moves cash and inventory and adds the flows into {@code out[offset + EXPORTED .. BOUGHT_FEES]} and
     * the brokers the one check stopped into {@code out[offset + REJECTS + reason]}; external money for agent
     * currency is rounded down, fees too. A rate-limited broker with legs spends a token.
     */
    public static void apply(int from, int to, int lastTick, int anchorTick, long externalPrice, long ratePpm,
                             int feeBps, int band, int maxUnits, long cashTarget, Eligibility.Limits limits,
                             long fillExport, long fillImport, long fillSell, long fillBuy, long[] cursor,
                             long[] cash, int[] inventory, int[] status, int[] bucket, int[] reputation, long[] out,
                             int offset) {
        long[] legs = new long[LEGS];
        long exported = 0;
        long exportEm = 0;
        long exportFees = 0;
        long imported = 0;
        long importEm = 0;
        long importFees = 0;
        long soldAc = 0;
        long soldEm = 0;
        long soldFees = 0;
        long boughtAc = 0;
        long boughtEm = 0;
        long boughtFees = 0;
        long cx = cursor[EXPORT];
        long cm = cursor[IMPORT];
        long cs = cursor[SELL];
        long cb = cursor[BUY];
        for (int i = from; i < to; i++) {
            int reason = legs(i, lastTick, anchorTick, band, maxUnits, cashTarget, limits, cash, inventory, status,
                    bucket, reputation, legs);
            long qx = legs[EXPORT];
            long qm = legs[IMPORT];
            long qs = legs[SELL];
            long qb = legs[BUY];
            if (reason >= 0) {
                out[offset + REJECTS + reason]++;
            }
            if ((qx | qm | qs | qb) == 0) {
                continue;
            }
            if (limits.capacity() > 0) {
                bucket[i] -= Eligibility.TOKEN;
            }
            long ex = share(cx, qx, fillExport);
            long im = share(cm, qm, fillImport);
            long sell = share(cs, qs, fillSell);
            long b = share(cb, qb, fillBuy);
            cx += qx;
            cm += qm;
            cs += qs;
            cb += qb;
            inventory[i] = (int) (inventory[i] - ex + im);
            cash[i] = cash[i] - sell + b;
            long g = ex * externalPrice;
            exported += ex;
            exportEm += g;
            exportFees += Fees.fee(g, feeBps);
            g = im * externalPrice;
            imported += im;
            importEm += g;
            importFees += Fees.fee(g, feeBps);
            g = convertDown(sell, ratePpm);
            soldAc += sell;
            soldEm += g;
            soldFees += Fees.fee(g, feeBps);
            g = convertDown(b, ratePpm);
            boughtAc += b;
            boughtEm += g;
            boughtFees += Fees.fee(g, feeBps);
        }
        cursor[EXPORT] = cx;
        cursor[IMPORT] = cm;
        cursor[SELL] = cs;
        cursor[BUY] = cb;
        out[offset + EXPORTED] += exported;
        out[offset + EXPORT_EM] += exportEm;
        out[offset + EXPORT_FEES] += exportFees;
        out[offset + IMPORTED] += imported;
        out[offset + IMPORT_EM] += importEm;
        out[offset + IMPORT_FEES] += importFees;
        out[offset + SOLD_AC] += soldAc;
        out[offset + SOLD_EM] += soldEm;
        out[offset + SOLD_FEES] += soldFees;
        out[offset + BOUGHT_AC] += boughtAc;
        out[offset + BOUGHT_EM] += boughtEm;
        out[offset + BOUGHT_FEES] += boughtFees;
    }

    /** The fill of a leg of {@code q} after {@code cursor}: floor((C + q) F / 2^30) - floor(C F / 2^30). */
    public static long share(long cursor, long q, long fill) {
        return scale(cursor + q, fill) - scale(cursor, fill);
    }

    static int exportUnits(int q, int anchor, int last, int band, int maxUnits) {
        return anchor > last + band && q > 0 ? Math.min(q, maxUnits) : 0;
    }

    static int importUnits(int q, int anchor, int last, int band, int maxUnits, int maxPosition) {
        long room = (long) maxPosition - q;
        return anchor < last - band && room > 0 ? (int) Math.min(maxUnits, room) : 0;
    }

    static long sellCurrency(long c, long target, long legCap) {
        return target > 0 && c > 2 * target ? Math.min(c - target, legCap) : 0;
    }

    static long buyCurrency(long c, long target, long legCap) {
        return target > 0 && c < target / 2 ? Math.min(target - c, legCap) : 0;
    }

    /** floor(x * f / 2^30) for 0 <= x < 2^61 and 0 <= f <= 2^30, split so that it cannot overflow. */
    public static long scale(long x, long f) {
        return (x >> SHIFT) * f + (((x & MASK) * f) >> SHIFT);
    }

    /** floor(ac * rate / 10^6): external money for agent currency, for amounts up to 2^40 and rates up to 10^9. */
    public static long convertDown(long ac, long ratePpm) {
        return ac / PPM * ratePpm + ac % PPM * ratePpm / PPM;
    }

    /** ceil(ac * rate / 10^6). */
    public static long convertUp(long ac, long ratePpm) {
        return convertDown(ac, ratePpm) + (ac % PPM * ratePpm % PPM != 0 ? 1 : 0);
    }

    /** ceil(g * bps / 10^4): the fee rounded up, an upper bound of {@link Fees#fee} on any smaller amount. */
    public static long feeUp(long g, int bps) {
        return Fees.fee(g, bps) + (g % 10_000 * bps % 10_000 != 0 ? 1 : 0);
    }
}
