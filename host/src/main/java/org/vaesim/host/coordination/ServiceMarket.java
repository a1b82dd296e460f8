package org.vaesim.host.coordination;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.models.coordination.CoordinationSpec;
import org.vaesim.models.coordination.CoordinationSpec.Dormant;
import org.vaesim.models.coordination.CoordinationSpec.Protocol;
import org.vaesim.models.coordination.CoordinationSpec.Service;

/**
 * One service of the coordination stage (docs/mechanisms.md#coordination): each epoch its buyers draw a need and a
 * value, its sellers a cost, from Philox words that do not depend on the protocol, so every protocol allocates the
 * same task; the competitive benchmark (the most surplus these values and costs allow) is computed from the same
 * draws; then the epoch's protocol allocates, and the transaction-cost counters add up what it took. A dormant
 * market's opening rule is checked at the end of each epoch.
 */
final class ServiceMarket {
    // the counters, per epoch (last) and over the run (total)
    static final int NEED = 0;             // buyers that needed a unit
    static final int TRADES = 1;           // units traded
    static final int EFFICIENT_TRADES = 2; // the benchmark's units: the competitive quantity
    static final int GROSS = 3;            // micro-credits of value - cost over the units traded
    static final int MAX_SURPLUS = 4;      // micro-credits of value - cost the benchmark allocates
    static final int CONTACTS = 5;         // messages: bilateral contacts, auction orders, mission tasks and asks
    static final int FAILED = 6;           // costly attempts that ended without a trade
    static final int PRICED_OUT = 7;       // buyers or sellers that could not pay to take part
    static final int SEARCH = 8;           // micro-credits paid for contacts
    static final int FEES = 9;             // micro-credits paid to an institution: order fees, upkeep, task fees
    static final int ROUNDS = 10;          // rounds from need to trade, summed over the units traded
    static final int OVERPAYING = 11;      // buyers that paid more than their value (the mission serves all needs)
    static final int PAID = 12;            // micro-credits buyers paid sellers
    static final int AUCTION_EPOCHS = 13;  // epochs cleared by the call auction
    static final int COUNTERS = 14;

    /** Philox counter words that keep these draws apart from every kernel's and the lottery's ("COOR", "CSRC"). */
    private static final int DRAW = 0x434F4F52;
    private static final int CONTACT = 0x43535243;
    /** Sort keys: price tick in bits 43-62, a random tie-breaker in bits 23-42, the agent's place in bits 0-22. */
    private static final int TICK_SHIFT = 43;
    private static final int RANDOM_SHIFT = 23;
    private static final long LOW_23 = (1L << RANDOM_SHIFT) - 1;
    private static final int RANDOM_MASK = (1 << (TICK_SHIFT - RANDOM_SHIFT)) - 1;

    final Service service;
    private final int index;
    private final Segment buyers;
    private final Segment sellers;
    private final CoordinationSpec spec;
    private final int keyLo;
    private final int keyHi;
    // the epoch's draws (value or cost in ticks, -1 when the agent takes no part) and tie-breakers
    private final int[] value;
    private final int[] cost;
    private final int[] buyerRandom;
    private final int[] sellerRandom;
    private final long[] buyerKeys;
    private final long[] sellerKeys;
    // the protocols' scratch: sellers that sold and buyers that are done (bilateral), bids, asks, posted tasks
    private final boolean[] sold;
    private final boolean[] done;
    private final int[] bid;
    private final int[] ask;
    private final int[] task;
    private final int[] word = new int[4];
    // the state: what the checkpoint section holds
    final long[] total = new long[COUNTERS];
    final long[] last = new long[COUNTERS];
    /** The epoch at whose end the dormant market opened, or -1. */
    int openedEpoch = -1;
    /** The dormant market's window: participants and competitive units of its latest epochs (ring by epoch). */
    private final long[] windowParticipants;
    private final long[] windowUnits;

    ServiceMarket(CoordinationSpec spec, int index, Segment buyers, Segment sellers, int keyLo, int keyHi) {
        this.spec = spec;
        this.service = spec.services().get(index);
        this.index = index;
        this.buyers = buyers;
        this.sellers = sellers;
        this.keyLo = keyLo;
        this.keyHi = keyHi;
        if (buyers.size() > LOW_23 || sellers.size() > LOW_23) {
            throw new IllegalArgumentException("coordination service \"" + service.name() + "\": a cohort of more"
                    + " than " + LOW_23 + " agents does not fit the auction's sort keys");
        }
        value = new int[buyers.size()];
        cost = new int[sellers.size()];
        buyerRandom = new int[buyers.size()];
        sellerRandom = new int[sellers.size()];
        buyerKeys = new long[buyers.size()];
        sellerKeys = new long[sellers.size()];
        sold = new boolean[sellers.size()];
        done = new boolean[buyers.size()];
        bid = new int[buyers.size()];
        ask = new int[sellers.size()];
        task = new int[buyers.size()];
        int window = service.dormant() == null ? 0 : service.dormant().window();
        windowParticipants = new long[window];
        windowUnits = new long[window];
    }

    /** The protocol that allocates the service in epoch {@code e}: a dormant market's is bilateral until it opens. */
    Protocol protocolAt(int e) {
        if (service.dormant() == null) {
            return spec.protocol();
        }
        return openedEpoch >= 0 && e > openedEpoch ? Protocol.AUCTION : Protocol.BILATERAL;
    }

    /** The protocol that allocates the service from now on: a dormant market's, the auction once it has opened. */
    Protocol protocolNow() {
        return service.dormant() == null ? spec.protocol() : openedEpoch >= 0 ? Protocol.AUCTION : Protocol.BILATERAL;
    }

    /** One epoch: draw, benchmark, allocate with the epoch's protocol, count, and check the dormant market's rule. */
    void run(int e, int[] status, Wallets w) {
        Arrays.fill(last, 0);
        int participants = draw(e, status);
        benchmark();
        Protocol p = protocolAt(e);
        switch (p) {
            case BILATERAL -> bilateral(e, w);
            case AUCTION -> auction(participants, w);
            case MISSION -> mission(w);
        }
        for (int k = 0; k < COUNTERS; k++) {
            try { // surplus and payments accumulate over the run, unbounded by the money in the economy
                total[k] = Math.addExact(total[k], last[k]);
            } catch (ArithmeticException overflow) {
                throw new IllegalStateException("coordination in epoch " + e + ": service " + service.name()
                        + "'s counter " + k + " (" + total[k] + " + " + last[k] + ") left 64 bits");
            }
        }
        Dormant d = service.dormant();
        if (d != null && openedEpoch < 0 && d.openBelow() > 0) {
            windowParticipants[e % d.window()] = participants;
            windowUnits[e % d.window()] = last[EFFICIENT_TRADES];
            if (e + 1 >= d.window() && opens(d)) {
                openedEpoch = e;
            }
        }
    }

    /**
     * Whether a call auction would have cost less than the threshold per trade over the window: its upkeep and the
     * order fees of the window's participants, over the competitive units of the window, below {@code openBelow}
     * (in exact integers: upkeep x window + fee x participants < openBelow x units).
     */
    private boolean opens(Dormant d) {
        long participants = 0;
        long units = 0;
        for (int k = 0; k < d.window(); k++) {
            participants += windowParticipants[k];
            units += windowUnits[k];
        }
        BigInteger cost = BigInteger.valueOf(spec.upkeep()).multiply(BigInteger.valueOf(d.window()))
                .add(BigInteger.valueOf(spec.orderFee()).multiply(BigInteger.valueOf(participants)));
        return units > 0 && cost.compareTo(BigInteger.valueOf(d.openBelow()).multiply(BigInteger.valueOf(units))) < 0;
    }

    /** The epoch's needs, values and costs of the active agents; returns the buyers in need plus the sellers. */
    private int draw(int e, int[] status) {
        long threshold = Philox.probabilityThreshold(service.demandAt(e));
        int participants = 0;
        for (int k = 0; k < value.length; k++) {
            int agent = buyers.start() + k;
            Philox.philox4x32_10(agent, e, DRAW, index, keyLo, keyHi, word);
            boolean needs = status[agent] == 0 && Philox.bernoulli(word[0], threshold);
            value[k] = needs ? Philox.uniform(word[1], service.valueMin(), service.valueMax()) : -1;
            buyerRandom[k] = word[2] & RANDOM_MASK;
            if (needs) {
                participants++;
                last[NEED]++;
            }
        }
        for (int k = 0; k < cost.length; k++) {
            int agent = sellers.start() + k;
            Philox.philox4x32_10(agent, e, DRAW, index, keyLo, keyHi, word);
            boolean active = status[agent] == 0;
            cost[k] = active ? Philox.uniform(word[1], service.costMin(), service.costMax()) : -1;
            sellerRandom[k] = word[2] & RANDOM_MASK;
            participants += active ? 1 : 0;
        }
        return participants;
    }

    /**
     * The competitive benchmark: the highest values matched with the lowest costs while value >= cost (the units
     * and surplus of the Walrasian allocation, the most any protocol could get from these draws).
     */
    private void benchmark() {
        int nb = sortedKeys(value, buyerRandom, buyerKeys, true);
        int ns = sortedKeys(cost, sellerRandom, sellerKeys, false);
        for (int k = 0; k < Math.min(nb, ns); k++) {
            int v = value[place(buyerKeys[k])];
            int c = cost[place(sellerKeys[k])];
            if (v < c) {
                break;
            }
            last[EFFICIENT_TRADES]++;
            last[MAX_SURPLUS] += (v - c) * CoordinationSpec.TICK;
        }
    }

    /**
     * Bilateral search (the negotiation mechanism's rule): in each of {@code contacts} rounds each unserved buyer in
     * need, in index order, pays the search cost and contacts one seller drawn uniformly; if the seller has not sold
     * this epoch and the buyer's value covers its cost, they trade at the k-double price with equal power,
     * cost + floor((value - cost) / 2). A contact that ends without a trade is a failed attempt.
     */
    private void bilateral(int e, Wallets w) {
        Arrays.fill(sold, false);
        Arrays.fill(done, false);
        for (int round = 1; round <= spec.contacts(); round++) {
            for (int k = 0; k < value.length; k++) {
                if (value[k] < 0 || done[k]) {
                    continue;
                }
                int buyer = buyers.start() + k;
                if (w.cash(buyer) < spec.searchCost()) {
                    done[k] = true;
                    last[PRICED_OUT]++;
                    continue;
                }
                w.charge(buyer, spec.searchCost());
                last[SEARCH] += spec.searchCost();
                last[CONTACTS]++;
                Philox.philox4x32_10(buyer, e, CONTACT, index << 8 | round, keyLo, keyHi, word);
                int s = Philox.uniform(word[0], 0, cost.length - 1);
                int v = value[k];
                int c = cost[s];
                long price = c < 0 ? 0 : (c + (v - c) / 2) * CoordinationSpec.TICK;
                if (c < 0 || sold[s] || v < c || w.cash(buyer) < price) {
                    last[FAILED]++;
                    continue;
                }
                w.transfer(buyer, sellers.start() + s, price);
                sold[s] = true;
                done[k] = true;
                trade(v, c, price, round);
            }
        }
    }

    /**
     * A call auction: every buyer in need and every active seller may send one order, paying the order fee and its
     * share of the upkeep, ceil(upkeep / candidates); one that cannot pay stays out. Buyers bid their value (at most
     * what their cash pays), sellers ask their cost; q is the largest number with the q-th highest bid at least the
     * q-th lowest ask, and the price is the middle of the interval of clearing prices. Ties at a tick are broken by
     * a random draw. An order that paid and did not fill is a failed attempt.
     */
    private void auction(int candidates, Wallets w) {
        last[AUCTION_EPOCHS] = 1;
        if (candidates == 0) {
            return;
        }
        long charge = spec.orderFee() + (spec.upkeep() + candidates - 1) / candidates;
        for (int k = 0; k < value.length; k++) {
            bid[k] = -1;
            int buyer = buyers.start() + k;
            if (value[k] >= 0 && pays(w, buyer, charge)) {
                bid[k] = (int) Math.min(value[k], w.cash(buyer) / CoordinationSpec.TICK);
            }
        }
        for (int k = 0; k < cost.length; k++) {
            ask[k] = cost[k] >= 0 && pays(w, sellers.start() + k, charge) ? cost[k] : -1;
        }
        int nb = sortedKeys(bid, buyerRandom, buyerKeys, true);
        int ns = sortedKeys(ask, sellerRandom, sellerKeys, false);
        int q = 0;
        while (q < Math.min(nb, ns) && bid[place(buyerKeys[q])] >= ask[place(sellerKeys[q])]) {
            q++;
        }
        last[FAILED] += nb + ns - 2L * q;
        if (q == 0) {
            return;
        }
        int bidQ = bid[place(buyerKeys[q - 1])];
        int askQ = ask[place(sellerKeys[q - 1])];
        int low = q < nb ? Math.max(askQ, bid[place(buyerKeys[q])]) : askQ;
        int high = q < ns ? Math.min(bidQ, ask[place(sellerKeys[q])]) : bidQ;
        long price = (long) ((low + high) / 2) * CoordinationSpec.TICK;
        for (int k = 0; k < q; k++) {
            int b = place(buyerKeys[k]);
            int s = place(sellerKeys[k]);
            w.transfer(buyers.start() + b, sellers.start() + s, price);
            trade(value[b], cost[s], price, 1);
        }
    }

    /** Charges an order or task its fee if the agent can pay it; counts the message, or the agent priced out. */
    private boolean pays(Wallets w, int agent, long charge) {
        if (w.cash(agent) < charge) {
            last[PRICED_OUT]++;
            return false;
        }
        w.charge(agent, charge);
        last[FEES] += charge;
        last[CONTACTS]++;
        return true;
    }

    /**
     * A mission: the coordinator posts each buyer's need as a task, charging the task fee and holding the reserve
     * price (the highest cost) in escrow, so every award can be paid; a buyer that cannot pay both is not posted.
     * It procures the K = min(tasks, sellers) tasks from the lowest asks and pays every winner the lowest rejected
     * ask (the reserve when none is rejected), the (K+1)-th price reverse auction of the mission stage; tasks beyond
     * the sellers go unserved by a random draw and their escrow is returned. It does not ask buyers their values:
     * its objective is to meet every need, so a buyer whose value is below the price pays more than the unit is
     * worth to it (counted as overpaying).
     */
    private void mission(Wallets w) {
        int reserve = service.costMax();
        long deposit = reserve * CoordinationSpec.TICK;
        for (int k = 0; k < value.length; k++) {
            int buyer = buyers.start() + k;
            task[k] = -1;
            if (value[k] < 0) {
                continue;
            }
            if (w.cash(buyer) < deposit + spec.taskFee()) {
                last[PRICED_OUT]++;
                continue;
            }
            w.charge(buyer, spec.taskFee());
            last[FEES] += spec.taskFee();
            last[CONTACTS]++;
            task[k] = buyerRandom[k]; // who is served if the sellers run out: a random order
        }
        int tasks = sortedKeys(task, buyerRandom, buyerKeys, false);
        int ns = sortedKeys(cost, sellerRandom, sellerKeys, false);
        last[CONTACTS] += ns; // every active seller sends an ask
        int awarded = Math.min(tasks, ns);
        int price = awarded < ns ? cost[place(sellerKeys[awarded])] : reserve;
        long paid = price * CoordinationSpec.TICK;
        for (int k = 0; k < awarded; k++) {
            int b = place(buyerKeys[k]);
            int s = place(sellerKeys[k]);
            w.transfer(buyers.start() + b, sellers.start() + s, paid);
            trade(value[b], cost[s], paid, 1);
            if (value[b] < price) {
                last[OVERPAYING]++;
            }
        }
        last[FAILED] += tasks - awarded;
        // the escrow is not moved: what the award does not pay would go straight back, so the full-funding rule
        // is the check that each posted buyer holds the reserve
    }

    private void trade(int v, int c, long price, int round) {
        last[TRADES]++;
        last[GROSS] += (long) (v - c) * CoordinationSpec.TICK;
        last[PAID] += price;
        last[ROUNDS] += round;
    }

    /**
     * Fills {@code keys} with the sort keys of the entries of {@code ticks} that are at least 0, sorted: highest
     * tick first when {@code descending}, ties by the random tie-breaker, then by place; returns how many.
     */
    private static int sortedKeys(int[] ticks, int[] random, long[] keys, boolean descending) {
        int n = 0;
        for (int k = 0; k < ticks.length; k++) {
            if (ticks[k] >= 0) {
                long t = descending ? CoordinationSpec.MAX_TICK - ticks[k] : ticks[k];
                keys[n++] = t << TICK_SHIFT | (long) random[k] << RANDOM_SHIFT | k;
            }
        }
        Arrays.sort(keys, 0, n);
        return n;
    }

    /** The agent's place in its cohort, from a sort key. */
    private static int place(long key) {
        return (int) (key & LOW_23);
    }

    /** The service's share of the checkpoint section: the run's counters, the opening, the window. */
    void write(SectionOut out) throws IOException {
        out.longs(total);
        out.ints(openedEpoch);
        out.longs(windowParticipants);
        out.longs(windowUnits);
    }

    void read(SectionIn in) throws IOException {
        in.longs(total);
        openedEpoch = in.intValue();
        in.longs(windowParticipants);
        in.longs(windowUnits);
        if (openedEpoch < -1) {
            throw in.corrupt("service " + service.name() + " opened at epoch " + openedEpoch);
        }
    }
}
