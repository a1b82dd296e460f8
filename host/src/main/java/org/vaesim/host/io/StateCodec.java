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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.epoch.Accounting;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.safety.SafetyState;
import org.vaesim.host.stage.Section;
import org.vaesim.host.stage.Stages;
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
    private static final int BUFFER = 1 << 16;

    private StateCodec() {
    }

    /**
     * Decoded checkpoint contents: the core state, the stage order the checkpoint's run had, and the stages'
     * sections by name (each read by its stage, {@link Stages#create}).
     */
    public record State(int epoch, Population population, MarketState markets, Accounting accounting,
                        SafetyState safety, List<String> stageOrder, Map<String, Section> sections) {
    }

    /** The engine's complete state. */
    public static void write(OutputStream out, Engine engine) throws IOException {
        write(out, engine, sections(engine));
    }

    /** The engine's complete state with its stages' {@code sections} ({@link #sections}). */
    public static void write(OutputStream out, Engine engine, List<Section> sections) throws IOException {
        write(out, engine.epoch(), engine.population(), engine.markets(), engine.accounting(), engine.safety(),
                sections);
    }

    /** The engine's stages' checkpoint sections, in state order. */
    public static List<Section> sections(Engine engine) {
        return Stages.sections(engine.stages());
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
     * The state in its fixed order: the core (markets, accounts, safety, population), then the stages' sections in
     * {@link Stages#stateOrder} order (each stage writes the bytes it wrote before sections had names, so the
     * checksums of every earlier economy are unchanged).
     */
    public static void write(OutputStream out, int epoch, Population p, MarketState ms, Accounting a,
                             SafetyState safety, List<Section> sections) throws IOException {
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
        w.flush();
        for (Section section : sections) {
            out.write(section.bytes());
        }
        if (ms.beliefs.length > 0) { // only with switching cohorts, so other economies' bytes are unchanged
            Writer tail = new Writer(out); // after the sections: where the beliefs were before sections had names
            tail.doubles(ms.beliefs);
            tail.flush();
        }
        out.flush();
    }

    /**
     * Reads what {@link #write} wrote, for a scenario whose markets are {@code fresh} (only the shape is used; every
     * value is overwritten), with the sections {@code table} lists after the core.
     */
    public static State read(InputStream in, MarketState fresh, SectionTable table) throws IOException {
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
        Map<String, Section> sections = new LinkedHashMap<>();
        for (SectionTable.Entry e : table.sections()) {
            if (e.length() > Integer.MAX_VALUE - 8) {
                throw new IOException("checkpoint's " + e.name() + " section is too long: " + e.length() + " bytes");
            }
            byte[] bytes = new byte[(int) e.length()];
            d.readFully(bytes);
            sections.put(e.name(), new Section(e.name(), e.version(), bytes));
        }
        if (ms.beliefs.length > 0) {
            r.doubles(ms.beliefs);
        }
        if (d.read() != -1) {
            throw new IOException("checkpoint has trailing bytes");
        }
        return new State(epoch, p, ms, a, safety, table.epochOrder(), sections);
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
