package org.vaesim.kernels.gateway;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.Fees;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

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
 *
 * <p><b>Open access</b> ({@link Crossers}): a range of ordinary agents, no brokers, whose principal holds no external
 * money. Agent i's band widens by its own threshold t_i (ticks, drawn once per agent and seed), its cash target is 0
 * (no currency legs), and it settles its goods in agent currency at the anchor's price u = A x tick size:
 * <pre>
 *   export units = min(q, U)                       if A > L + b + t_i and q > 0
 *   import units = min(U, P - q, c / (u + ceil(u fee)))   if A < L - b - t_i
 * </pre>
 * An export of x units brings the agent x u - fee(x u) credits, out of the offshore agent currency: the external
 * market pays x E_m external money for the goods, the fee account takes fee(x E_m), and the rest buys the agent
 * currency from the external market. An import of m units costs it m u + ceil(m u fee) credits, which go offshore:
 * they buy m E_m + fee(m E_m) external money from the external market, which pays for the goods and the fee. The
 * flows are booked as those legs (export and buy, import and sell), so the principal's external money nets to 0.
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
    /** Then the agents that crossed: some leg filled. */
    public static final int CROSSED = REJECTS + RejectReason.COUNT;
    public static final int FLOWS = CROSSED + 1;

    /**
     * The open-access rule of a range: each agent's threshold, ticks the price gap must exceed beyond the fee's
     * worth, uniform on [thresholdMin, thresholdMax], from the gateway's key (keyLo, keyHi) at counter
     * (agent >> 2, 0, {@link Streams#STAGE_OPEN_ACCESS}, 0): drawn per agent and seed, the same every epoch.
     */
    public record Crossers(int thresholdMin, int thresholdMax, int keyLo, int keyHi) {
        /** Agent i's threshold, ticks. */
        public int threshold(int agent, int[] scratch) {
            return Philox.uniform(Philox.agentWord(agent, 0, Streams.STAGE_OPEN_ACCESS, 0, keyLo, keyHi, scratch),
                    thresholdMin, thresholdMax);
        }
    }

    private Gateway() {
    }

    /**
     * Agent i's four legs into {@code legs} (export units, import units, currency to sell, to buy), all 0 unless it
     * wants some and the one check lets them through; returns the check's reason (or {@link Eligibility#ELIGIBLE},
     * also when it wants nothing). What it wants is judged by the broker's own rule (max_units), so that a broker
     * the scope keeps from its market counts as out of scope; what crosses is capped by its largest order. With
     * {@code open} (open access) the agent's threshold widens the band and its cash caps the import at
     * {@code unitCost} credits a unit; {@code scratch} caches its Philox block.
     */
    static int legs(int i, int lastTick, int anchorTick, int band, int maxUnits, long cashTarget, long unitCost,
                    Crossers open, Eligibility.Limits limits, long[] cash, int[] inventory, int[] status,
                    int[] bucket, int[] reputation, long[] legs, int[] scratch) {
        int rep = reputation[i];
        int q = inventory[i];
        long c = cash[i];
        int maxPosition = limits.maxPosition(rep);
        long legCap = Math.min(cashTarget, limits.spendLimit(rep));
        long affordable = maxUnits; // brokers: no cap by cash
        if (open != null) { // band + threshold <= 2^17 + 2^16 ticks: no overflow
            band += open.threshold(i, scratch);
            affordable = c > 0 ? c / unitCost : 0;
        }
        legs[EXPORT] = exportUnits(q, anchorTick, lastTick, band, maxUnits);
        legs[IMPORT] = importUnits(q, anchorTick, lastTick, band, (int) Math.min(maxUnits, affordable), maxPosition);
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
            legs[IMPORT] = importUnits(q, anchorTick, lastTick, band, (int) Math.min(largest, affordable),
                    maxPosition);
        }
        return reason;
    }

    /** Agent currency, micro-credits, of one unit at the anchor: the price an open-access agent crosses at. */
    public static long unitAc(int anchorTick, long tickSize) {
        return anchorTick * tickSize; // at most 2^40: the linked market's top price is checked
    }

    /** What one unit imported under open access costs an agent at most: its price and the fee, rounded up. */
    public static long unitCost(long unitAc, int feeBps) {
        return unitAc + feeUp(unitAc, feeBps);
    }

    /**
     * Pass 1 over the agents [from, to) of one range: adds their legs' agent-currency value, the external money they
     * would pay (gross plus fee, each rounded up) and each leg's total into {@code out[offset + VALUE .. BUY_AC]}.
     * Under open access ({@code open} not null) nothing is paid in external money and the {@code BUY_AC} slot holds
     * the agent currency the exports would draw from offshore at most (units x u), for the offshore supply.
     */
    public static void request(int from, int to, int lastTick, long tickSize, int anchorTick, long externalPrice,
                               long ratePpm, int feeBps, int band, int maxUnits, long cashTarget, Crossers open,
                               Eligibility.Limits limits, long[] cash, int[] inventory, int[] status, int[] bucket,
                               int[] reputation, long[] out, int offset) {
        final long unitValue = lastTick * tickSize; // at most 2^40: the linked market's top price is checked
        final long unitAc = unitAc(anchorTick, tickSize);
        final long unitCost = unitCost(unitAc, feeBps);
        long[] legs = new long[LEGS];
        int[] scratch = Philox.agentWordScratch();
        long value = 0;
        long pay = 0;
        long exports = 0;
        long imports = 0;
        long sells = 0;
        long buys = 0;
        for (int i = from; i < to; i++) {
            legs(i, lastTick, anchorTick, band, maxUnits, cashTarget, unitCost, open, limits, cash, inventory, status,
                    bucket, reputation, legs, scratch);
            long ex = legs[EXPORT];
            long im = legs[IMPORT];
            long sell = legs[SELL];
            long b = legs[BUY];
            value += (ex + im) * unitValue + sell + b;
            if (open == null) {
                long importEm = im * externalPrice;
                long buyEm = convertUp(b, ratePpm);
                pay += importEm + feeUp(importEm, feeBps) + buyEm + feeUp(buyEm, feeBps);
                buys += b;
            } else {
                buys += ex * unitAc;
            }
            exports += ex;
            imports += im;
            sells += sell;
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
     * request. Moves cash and inventory and adds the flows into {@code out[offset + EXPORTED .. BOUGHT_FEES]}, the
     * brokers the one check stopped into {@code out[offset + REJECTS + reason]} and the agents that crossed into
     * {@code out[offset + CROSSED]}; external money for agent currency is rounded down, fees too. A rate-limited
     * agent with legs spends a token. Under open access the goods settle in agent currency (see the class).
     */
    public static void apply(int from, int to, int lastTick, long tickSize, int anchorTick, long externalPrice,
                             long ratePpm, int feeBps, int band, int maxUnits, long cashTarget, Crossers open,
                             Eligibility.Limits limits, long fillExport, long fillImport, long fillSell,
                             long fillBuy, long[] cursor, long[] cash, int[] inventory, int[] status, int[] bucket,
                             int[] reputation, long[] out, int offset) {
        final long unitAc = unitAc(anchorTick, tickSize);
        final long unitCost = unitCost(unitAc, feeBps);
        long[] legs = new long[LEGS];
        int[] scratch = Philox.agentWordScratch();
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
        long crossed = 0;
        long cx = cursor[EXPORT];
        long cm = cursor[IMPORT];
        long cs = cursor[SELL];
        long cb = cursor[BUY];
        for (int i = from; i < to; i++) {
            int reason = legs(i, lastTick, anchorTick, band, maxUnits, cashTarget, unitCost, open, limits, cash,
                    inventory, status, bucket, reputation, legs, scratch);
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
            if ((ex | im | sell | b) != 0) {
                crossed++;
            }
            long gx = ex * externalPrice;
            long fx = Fees.fee(gx, feeBps);
            long gm = im * externalPrice;
            long fm = Fees.fee(gm, feeBps);
            exported += ex;
            exportEm += gx;
            exportFees += fx;
            imported += im;
            importEm += gm;
            importFees += fm;
            if (open != null) {
                // the export's external money, less its fee, buys agent currency; the import's agent currency buys
                // the external money of the goods and their fee
                long in = ex * unitAc - Fees.fee(ex * unitAc, feeBps);
                long outAc = im * unitAc + feeUp(im * unitAc, feeBps);
                inventory[i] = (int) (inventory[i] - ex + im);
                cash[i] = cash[i] + in - outAc;
                boughtAc += in;
                boughtEm += gx - fx;
                soldAc += outAc;
                soldEm += gm + fm;
                continue;
            }
            inventory[i] = (int) (inventory[i] - ex + im);
            cash[i] = cash[i] - sell + b;
            long g = convertDown(sell, ratePpm);
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
        out[offset + CROSSED] += crossed;
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
