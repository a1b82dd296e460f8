package org.vaesim.host.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.vaesim.host.epoch.Accounting;
import org.vaesim.host.epoch.AuctionLedger;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.epoch.MissionLedger;
import org.vaesim.host.gateway.GatewayState;
import org.vaesim.host.capability.CapabilityStage;
import org.vaesim.host.capability.Compounding;
import org.vaesim.host.capability.Entrenchment;
import org.vaesim.host.safety.SafetyState;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.settle.Settle;

/**
 * The complete simulation state as bytes, in one fixed order: the checkpoint format and the input of the
 * state checksum are the same bytes, so a resumed run and an uninterrupted one can only agree on the
 * checksum if they agree on every field. A checkpoint also carries the run's measurement accounts (allocative
 * efficiency per trading period, {@link #measures}) in its header: derived from the state, they are kept out of the
 * checksum, so that measuring the economy differently does not change what the economy is. Layout
 * (little-endian): docs/outputs.md.
 */
public final class StateCodec {
    static final long MAGIC = 0x56414553494D434BL; // "VAESIMCK"
    static final int VERSION = 5;
    /** Opens the measurement accounts after the state: "VAESIMMS". */
    static final long MEASURES_MAGIC = 0x56414553494D4D53L;
    /** Opens the entrenchment metrics' section, only in scenarios that have one: "VAESIMEN". */
    static final long ENTRENCHMENT_MAGIC = 0x56414553494D454EL;
    /** Opens the capability section, only in scenarios that have capability: "VAESIMCA". */
    static final long CAPABILITY_MAGIC = 0x56414553494D4341L;
    /** Opens the wealth tax's section, only in scenarios that have one: "VAESIMWT". */
    static final long WEALTH_TAX_MAGIC = 0x56414553494D5754L;
    private static final int BUFFER = 1 << 16;

    private StateCodec() {
    }

    /** Decoded checkpoint contents. */
    public record State(int epoch, Population population, MarketState markets, Accounting accounting,
                        SafetyState safety, AuctionLedger auctions, AuctionColumns auctionColumns,
                        MissionLedger missions, MissionColumns missionColumns, GatewayState gateway,
                        Compounding compounding) {
    }

    /** The engine's complete state. */
    public static void write(OutputStream out, Engine engine) throws IOException {
        write(out, engine.epoch(), engine.population(), engine.markets(), engine.accounting(), engine.safety(),
                engine.auctions(), engine.backend().auctionColumns(), engine.missions(),
                engine.missions().missions() == 0 ? new MissionColumns(new int[0])
                        : engine.backend().missionColumns(), engine.gateway());
        // after the rest, and only where the scenario has them, so that other scenarios keep their bytes
        Writer w = new Writer(out);
        if (engine.entrenchment() != null) {
            writeEntrenchment(w, engine.entrenchment());
        }
        if (engine.capability() != null) {
            writeCapability(w, engine.backend().capabilityColumns(), engine.capability());
        }
        if (engine.wealthTax() != null) {
            w.longs(WEALTH_TAX_MAGIC, engine.wealthTax().collections(), engine.wealthTax().collected());
        }
        w.flush();
    }

    private static void writeCapability(Writer w, CapabilityColumns c, CapabilityStage stage) throws IOException {
        w.longs(CAPABILITY_MAGIC);
        w.ints(c.agents());
        w.longs(c.stock);
        w.longs(c.lastCash);
        w.ints(c.boost);
        w.longs(stage.invested());
    }

    private static long readCapability(Reader r, CapabilityColumns c) throws IOException {
        if (r.longValue() != CAPABILITY_MAGIC || r.intValue() != c.agents()) {
            throw new IOException("checkpoint has no capability section for the scenario's agents");
        }
        r.longs(c.stock);
        r.longs(c.lastCash);
        r.ints(c.boost);
        long invested = r.longValue();
        if (invested < 0) {
            throw new IOException("checkpoint's capability account is negative: " + invested);
        }
        return invested;
    }

    private static void writeEntrenchment(Writer w, Entrenchment e) throws IOException {
        w.longs(ENTRENCHMENT_MAGIC);
        w.ints(e.history().length);
        w.bytes(e.history());
        w.bytes(e.early());
        w.longs(e.samples(), e.earlyTaken() ? 1 : 0, e.earlyWinners(), e.persistenceSamples(),
                Double.doubleToLongBits(e.persistenceSum()));
    }

    private static void readEntrenchment(Reader r, DataInputStream d, Entrenchment e) throws IOException {
        if (r.longValue() != ENTRENCHMENT_MAGIC || r.intValue() != e.history().length) {
            throw new IOException("checkpoint has no entrenchment section for the scenario's agents");
        }
        d.readFully(e.history());
        d.readFully(e.early());
        long samples = r.longValue();
        long taken = r.longValue();
        long winners = r.longValue();
        long persisted = r.longValue();
        double sum = Double.longBitsToDouble(r.longValue());
        try {
            e.counters(samples, taken == 1, winners, persisted, sum);
        } catch (IllegalArgumentException bad) {
            throw new IOException("checkpoint's " + bad.getMessage(), bad);
        }
    }

    /**
     * The run's measurement accounts (allocative efficiency per trading period) as the bytes a checkpoint carries
     * beside the state: the magic "VAESIMMS", then the accounts.
     */
    public static byte[] measures(Engine engine) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer w = new Writer(bytes);
        w.longs(MEASURES_MAGIC);
        w.longs(engine.markets().efficiency);
        w.flush();
        return bytes.toByteArray();
    }

    /** Reads {@link #measures}' bytes into {@code ms}, whose markets they must be of. */
    public static void readMeasures(byte[] bytes, MarketState ms) throws IOException {
        Reader r = new Reader(new DataInputStream(new ByteArrayInputStream(bytes)));
        if (bytes.length != Long.BYTES * (1L + ms.efficiency.length) || r.longValue() != MEASURES_MAGIC) {
            throw new IOException("checkpoint's measurement accounts (" + bytes.length + " bytes) are not those of "
                    + "the scenario's " + ms.markets + " markets");
        }
        r.longs(ms.efficiency);
    }

    /**
     * The state in its fixed order; the gateway's section only when there is a gateway (so the bytes, and the
     * checksums, of economies without one are what they were before gateways existed).
     */
    public static void write(OutputStream out, int epoch, Population p, MarketState ms, Accounting a,
                             SafetyState safety, AuctionLedger auctions, AuctionColumns columns,
                             MissionLedger missions, MissionColumns missionColumns, GatewayState gateway)
            throws IOException {
        Writer w = new Writer(out);
        w.longs(MAGIC);
        w.ints(VERSION, epoch, p.size, ms.markets);
        w.ints(ms.lastTick);
        w.ints(ms.previousTick);
        w.ints(ms.fundamentalTick);
        w.longs(ms.lastVolume);
        w.longs(ms.totalVolume);
        w.ints(ms.peakTick);
        for (double d : ms.maxDrawdown) {
            w.longs(Double.doubleToLongBits(d));
        }
        w.longs(ms.surplus);
        w.longs(ms.fees);
        w.longs(ms.rejects);
        w.ints(ms.residualBid);
        w.ints(ms.residualAsk);
        w.ints(ms.history);
        w.longs(a.moneyInitial, a.moneyInjected, a.moneyRemoved);
        w.longs(a.goodsInitial);
        w.longs(a.goodsInjected);
        w.longs(a.goodsRemoved);
        w.ints(safety.haltedUntil);
        w.longs(safety.breakerTrips);
        w.longs(safety.pauses);
        w.ints(safety.marketWideFired);
        w.longs(safety.killRulesFired, safety.killed);
        w.ints(safety.flows.length / Settle.FLOWS, safety.principalRules.length, safety.principalTokens.length);
        w.longs(safety.flows);
        w.ints(safety.principalRules);
        w.longs(safety.principalTokens);
        w.longs(safety.admitted);
        w.longs(safety.refused);
        w.longs(p.cash);
        w.ints(p.inventory);
        w.ints(p.trait);
        w.ints(p.quota);
        w.ints(p.status);
        w.ints(p.tokens);
        w.ints(p.reputation);
        w.ints(p.bidTick);
        w.ints(p.bidQty);
        w.ints(p.askTick);
        w.ints(p.askQty);
        w.bytes(p.decile);
        w.ints(auctions.auctions());
        for (int k = 0; k < auctions.auctions(); k++) {
            AuctionLedger.Account x = auctions.get(k);
            w.longs(x.rounds, x.supplied, x.allocated, x.unsold, x.revenue, x.tokensIssued, x.tokensSpent,
                    x.valueRealized, x.valueMax, x.envious, x.enviousUpToOne, x.bidderRounds, x.smallUnits,
                    x.reserveBindingRounds, Double.doubleToLongBits(x.giniSum));
            w.ints(x.lastPrice, x.lastSmallPrice, x.principalUnits.length);
            w.longs(x.principalUnits);
            w.longs(x.principalEnvious);
            w.longs(x.principalEnviousUpToOne);
            w.ints(columns.won[k].length);
            w.ints(columns.won[k]);
            w.longs(columns.totalWon[k]);
        }
        w.ints(missions.missions());
        for (int k = 0; k < missions.missions(); k++) {
            MissionLedger.Account x = missions.get(k);
            w.ints(x.state, x.closedEpoch, x.completedEpoch);
            w.longs(x.funded, x.taxCollected, x.paid, x.escrowReturned, x.escrow, x.advanceLost, x.subsidyFunded,
                    x.subsidyPaid, x.subsidyReturned, x.subsidy, x.rounds, x.posted, x.bids, x.awarded, x.delivered,
                    x.capabilitySum, x.reputationSum, x.lastPayScore);
            w.ints(x.principalPaid.length);
            w.longs(x.principalAwarded);
            w.longs(x.principalDelivered);
            w.longs(x.principalPaid);
            w.ints(missionColumns.awarded[k].length);
            w.ints(missionColumns.awarded[k]);
            w.ints(missionColumns.delivered[k]);
            w.longs(missionColumns.paid[k]);
        }
        if (gateway != null) {
            writeGateway(w, gateway);
        }
        if (ms.beliefs.length > 0) { // only with switching cohorts, so other economies' bytes are unchanged
            w.doubles(ms.beliefs);
        }
        w.flush();
    }

    private static void writeGateway(Writer w, GatewayState g) throws IOException {
        w.ints(g.links, g.principals, g.switchOpen ? 1 : 0, g.closedUntil);
        w.longs(g.breakerClosures, g.operatorClosures, g.rate, g.rateAnchor);
        w.longs(g.price);
        w.longs(g.priceAnchor);
        w.longs(g.externalMoney, g.fees);
        w.longs(g.principalMoney);
        w.longs(g.offshore, g.externalMoneyInitial, g.offshoreInitial, g.acOut, g.acIn);
        w.longs(g.exported);
        w.longs(g.imported);
        w.longs(g.emForExports, g.emForAc, g.emFromImports, g.emFromAc, g.activeEpochs, g.acHeld, g.acCost);
        w.longs(g.goodsHeld);
        w.longs(g.goodsCost);
        w.longs(g.realized, g.peakExposure);
        w.ints(g.peakExposureEpoch);
        w.longs(g.ratePeak, Double.doubleToLongBits(g.rateMaxDrawdown));
        w.longs(g.pricePeak);
        w.doubles(g.priceMaxDrawdown);
        w.longs(g.returnBase);
        w.longs(g.returnsSeen);
        w.doubles(g.internalReturns);
        w.doubles(g.externalReturns);
        w.doubles(g.sums);
    }

    private static void readGateway(Reader r, GatewayState g) throws IOException {
        int links = r.intValue();
        int principals = r.intValue();
        if (links != g.links || principals != g.principals) {
            throw new IOException("checkpoint's gateway has " + links + " links and " + principals
                    + " broker principals, the scenario's " + g.links + " and " + g.principals);
        }
        g.switchOpen = r.intValue() != 0;
        g.closedUntil = r.intValue();
        g.breakerClosures = r.longValue();
        g.operatorClosures = r.longValue();
        g.rate = r.longValue();
        g.rateAnchor = r.longValue();
        r.longs(g.price);
        r.longs(g.priceAnchor);
        g.externalMoney = r.longValue();
        g.fees = r.longValue();
        r.longs(g.principalMoney);
        g.offshore = r.longValue();
        g.externalMoneyInitial = r.longValue();
        g.offshoreInitial = r.longValue();
        g.acOut = r.longValue();
        g.acIn = r.longValue();
        r.longs(g.exported);
        r.longs(g.imported);
        g.emForExports = r.longValue();
        g.emForAc = r.longValue();
        g.emFromImports = r.longValue();
        g.emFromAc = r.longValue();
        g.activeEpochs = r.longValue();
        g.acHeld = r.longValue();
        g.acCost = r.longValue();
        r.longs(g.goodsHeld);
        r.longs(g.goodsCost);
        g.realized = r.longValue();
        g.peakExposure = r.longValue();
        g.peakExposureEpoch = r.intValue();
        g.ratePeak = r.longValue();
        g.rateMaxDrawdown = Double.longBitsToDouble(r.longValue());
        r.longs(g.pricePeak);
        r.doubles(g.priceMaxDrawdown);
        r.longs(g.returnBase);
        g.returnsSeen = r.longValue();
        r.doubles(g.internalReturns);
        r.doubles(g.externalReturns);
        r.doubles(g.sums);
    }

    /**
     * Reads what {@link #write} wrote, for a scenario whose markets are {@code fresh}, whose auctions have
     * the accounts {@code freshAuctions} and the bidder counts {@code bidders}, and whose missions have the
     * accounts {@code freshMissions} and the bidder counts {@code missionBidders} (only the shapes are used;
     * every value is overwritten).
     */
    public static State read(InputStream in, MarketState fresh, AuctionLedger freshAuctions, int[] bidders)
            throws IOException {
        return read(in, fresh, freshAuctions, bidders, new MissionLedger(List.of()), new int[0], null);
    }

    /** As above, for a scenario with missions and without a gateway. */
    public static State read(InputStream in, MarketState fresh, AuctionLedger freshAuctions, int[] bidders,
                             MissionLedger freshMissions, int[] missionBidders) throws IOException {
        return read(in, fresh, freshAuctions, bidders, freshMissions, missionBidders, null);
    }

    /**
     * As above, for a scenario with a gateway whose state has the shape of {@code freshGateway} (null for a
     * scenario without one; every value is overwritten).
     */
    public static State read(InputStream in, MarketState fresh, AuctionLedger freshAuctions, int[] bidders,
                             MissionLedger freshMissions, int[] missionBidders, GatewayState freshGateway)
            throws IOException {
        return read(in, fresh, freshAuctions, bidders, freshMissions, missionBidders, freshGateway, null, null, false);
    }

    /**
     * As above, for a scenario with entrenchment metrics, capability or a wealth tax, whose state has the shape of
     * {@code freshEntrenchment} and {@code freshCapability} (each null for a scenario without it; every value is
     * overwritten).
     */
    public static State read(InputStream in, MarketState fresh, AuctionLedger freshAuctions, int[] bidders,
                             MissionLedger freshMissions, int[] missionBidders, GatewayState freshGateway,
                             Entrenchment freshEntrenchment, CapabilityColumns freshCapability, boolean wealthTax)
            throws IOException {
        DataInputStream d = new DataInputStream(in);
        Reader r = new Reader(d);
        if (r.longValue() != MAGIC) {
            throw new IOException("not a vaesim checkpoint (bad magic number)");
        }
        int version = r.intValue();
        if (version != VERSION) {
            throw new IOException("checkpoint format version " + version + ", this vaesim reads " + VERSION);
        }
        int epoch = r.intValue();
        int agents = r.intValue();
        int markets = r.intValue();
        if (markets != fresh.markets) {
            throw new IOException("checkpoint has " + markets + " markets, the scenario " + fresh.markets);
        }
        MarketState ms = fresh;
        r.ints(ms.lastTick);
        r.ints(ms.previousTick);
        r.ints(ms.fundamentalTick);
        r.longs(ms.lastVolume);
        r.longs(ms.totalVolume);
        r.ints(ms.peakTick);
        for (int m = 0; m < markets; m++) {
            ms.maxDrawdown[m] = Double.longBitsToDouble(r.longValue());
        }
        r.longs(ms.surplus);
        r.longs(ms.fees);
        r.longs(ms.rejects);
        r.ints(ms.residualBid);
        r.ints(ms.residualAsk);
        r.ints(ms.history);
        Accounting a = new Accounting(markets);
        a.moneyInitial = r.longValue();
        a.moneyInjected = r.longValue();
        a.moneyRemoved = r.longValue();
        r.longs(a.goodsInitial);
        r.longs(a.goodsInjected);
        r.longs(a.goodsRemoved);
        int[] haltedUntil = new int[markets];
        long[] breakerTrips = new long[markets];
        long[] pauses = new long[markets];
        int[] marketWideFired = new int[markets];
        r.ints(haltedUntil);
        r.longs(breakerTrips);
        r.longs(pauses);
        r.ints(marketWideFired);
        long killRulesFired = r.longValue();
        long killed = r.longValue();
        int segments = r.intValue();
        int principalRuleSlots = r.intValue();
        int principalLimits = r.intValue();
        if (segments < 0 || principalRuleSlots < 0 || principalLimits < 0) {
            throw new IOException("checkpoint is corrupt: " + segments + " cohorts, " + principalRuleSlots
                    + " principal rule slots, " + principalLimits + " principal limits");
        }
        SafetyState safety = new SafetyState(markets, segments, principalRuleSlots, principalLimits);
        System.arraycopy(haltedUntil, 0, safety.haltedUntil, 0, markets);
        System.arraycopy(breakerTrips, 0, safety.breakerTrips, 0, markets);
        System.arraycopy(pauses, 0, safety.pauses, 0, markets);
        System.arraycopy(marketWideFired, 0, safety.marketWideFired, 0, markets);
        safety.killRulesFired = killRulesFired;
        safety.killed = killed;
        r.longs(safety.flows);
        r.ints(safety.principalRules);
        r.longs(safety.principalTokens);
        safety.admitted = r.longValue();
        r.longs(safety.refused);
        Population p = new Population(agents);
        r.longs(p.cash);
        r.ints(p.inventory);
        r.ints(p.trait);
        r.ints(p.quota);
        r.ints(p.status);
        r.ints(p.tokens);
        r.ints(p.reputation);
        r.ints(p.bidTick);
        r.ints(p.bidQty);
        r.ints(p.askTick);
        r.ints(p.askQty);
        d.readFully(p.decile);
        int auctions = r.intValue();
        if (auctions != freshAuctions.auctions()) {
            throw new IOException("checkpoint has " + auctions + " auctions, the scenario " + freshAuctions.auctions());
        }
        AuctionColumns columns = new AuctionColumns(bidders);
        for (int k = 0; k < auctions; k++) {
            AuctionLedger.Account x = freshAuctions.get(k);
            x.rounds = r.longValue();
            x.supplied = r.longValue();
            x.allocated = r.longValue();
            x.unsold = r.longValue();
            x.revenue = r.longValue();
            x.tokensIssued = r.longValue();
            x.tokensSpent = r.longValue();
            x.valueRealized = r.longValue();
            x.valueMax = r.longValue();
            x.envious = r.longValue();
            x.enviousUpToOne = r.longValue();
            x.bidderRounds = r.longValue();
            x.smallUnits = r.longValue();
            x.reserveBindingRounds = r.longValue();
            x.giniSum = Double.longBitsToDouble(r.longValue());
            x.lastPrice = r.intValue();
            x.lastSmallPrice = r.intValue();
            int groups = r.intValue();
            int n = 0;
            if (groups == x.principalUnits.length) {
                r.longs(x.principalUnits);
                r.longs(x.principalEnvious);
                r.longs(x.principalEnviousUpToOne);
                n = r.intValue();
            }
            if (groups != x.principalUnits.length || n != bidders[k]) {
                throw new IOException("checkpoint's auction " + k + " has other bidders than the scenario's");
            }
            r.ints(columns.won[k]);
            r.longs(columns.totalWon[k]);
        }
        int missions = r.intValue();
        if (missions != freshMissions.missions()) {
            throw new IOException("checkpoint has " + missions + " missions, the scenario " + freshMissions.missions());
        }
        MissionColumns missionColumns = new MissionColumns(missionBidders);
        for (int k = 0; k < missions; k++) {
            MissionLedger.Account x = freshMissions.get(k);
            x.state = r.intValue();
            x.closedEpoch = r.intValue();
            x.completedEpoch = r.intValue();
            x.funded = r.longValue();
            x.taxCollected = r.longValue();
            x.paid = r.longValue();
            x.escrowReturned = r.longValue();
            x.escrow = r.longValue();
            x.advanceLost = r.longValue();
            x.subsidyFunded = r.longValue();
            x.subsidyPaid = r.longValue();
            x.subsidyReturned = r.longValue();
            x.subsidy = r.longValue();
            x.rounds = r.longValue();
            x.posted = r.longValue();
            x.bids = r.longValue();
            x.awarded = r.longValue();
            x.delivered = r.longValue();
            x.capabilitySum = r.longValue();
            x.reputationSum = r.longValue();
            x.lastPayScore = r.longValue();
            int groups = r.intValue();
            int n = -1;
            if (groups == x.principalPaid.length) {
                r.longs(x.principalAwarded);
                r.longs(x.principalDelivered);
                r.longs(x.principalPaid);
                n = r.intValue();
            }
            if (groups != x.principalPaid.length || n != missionBidders[k]) {
                throw new IOException("checkpoint's mission " + k + " has other bidders than the scenario's");
            }
            r.ints(missionColumns.awarded[k]);
            r.ints(missionColumns.delivered[k]);
            r.longs(missionColumns.paid[k]);
        }
        if (freshGateway != null) {
            readGateway(r, freshGateway);
        }
        if (ms.beliefs.length > 0) {
            r.doubles(ms.beliefs);
        }
        if (freshEntrenchment != null) {
            readEntrenchment(r, d, freshEntrenchment);
        }
        long invested = freshCapability == null ? 0 : readCapability(r, freshCapability);
        long[] taxCounts = null;
        if (wealthTax) {
            if (r.longValue() != WEALTH_TAX_MAGIC) {
                throw new IOException("checkpoint has no wealth tax section");
            }
            taxCounts = new long[] {r.longValue(), r.longValue()};
        }
        if (d.read() != -1) {
            throw new IOException("checkpoint has trailing bytes");
        }
        return new State(epoch, p, ms, a, safety, freshAuctions, columns, freshMissions, missionColumns,
                freshGateway, freshEntrenchment == null && freshCapability == null && !wealthTax ? null
                        : new Compounding(freshEntrenchment, freshCapability, invested, taxCounts));
    }

    /** Bulk little-endian column writer through one reusable buffer. */
    private static final class Writer {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);

        Writer(OutputStream out) {
            this.out = out;
        }

        void ints(int... values) throws IOException {
            for (int v : values) {
                if (buf.remaining() < Integer.BYTES) {
                    drain();
                }
                buf.putInt(v);
            }
        }

        void longs(long... values) throws IOException {
            for (long v : values) {
                if (buf.remaining() < Long.BYTES) {
                    drain();
                }
                buf.putLong(v);
            }
        }

        void doubles(double[] values) throws IOException {
            for (double v : values) {
                longs(Double.doubleToLongBits(v));
            }
        }

        void bytes(byte[] values) throws IOException {
            drain();
            out.write(values);
        }

        void flush() throws IOException {
            drain();
            out.flush();
        }

        private void drain() throws IOException {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final byte[] eight = new byte[8];
        private final ByteBuffer wrap = ByteBuffer.wrap(eight).order(ByteOrder.LITTLE_ENDIAN);

        Reader(DataInputStream in) {
            this.in = in;
        }

        int intValue() throws IOException {
            in.readFully(eight, 0, 4);
            return wrap.getInt(0);
        }

        long longValue() throws IOException {
            in.readFully(eight, 0, 8);
            return wrap.getLong(0);
        }

        void ints(int[] into) throws IOException {
            byte[] bytes = new byte[BUFFER];
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < into.length; ) {
                int n = Math.min(BUFFER / 4, into.length - i);
                in.readFully(bytes, 0, n * 4);
                bb.clear();
                bb.asIntBuffer().get(into, i, n);
                i += n;
            }
        }

        void doubles(double[] into) throws IOException {
            for (int i = 0; i < into.length; i++) {
                into[i] = Double.longBitsToDouble(longValue());
            }
        }

        void longs(long[] into) throws IOException {
            byte[] bytes = new byte[BUFFER];
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < into.length; ) {
                int n = Math.min(BUFFER / 8, into.length - i);
                in.readFully(bytes, 0, n * 8);
                bb.clear();
                bb.asLongBuffer().get(into, i, n);
                i += n;
            }
        }
    }
}
