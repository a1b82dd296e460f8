package org.vaesim.host.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.safety.SafetyState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What each market did epoch by epoch, counted over the run for the end-of-run checks ({@link RunWarnings}): the
 * epochs it traded, was halted (or breached its band, which stops the epoch's trade too), ended with a crossed book
 * (best bid at or above best ask after clearing, which only a halt or a breach leaves), or had only bids or only
 * asks. The engine's state keeps none of this (so the state checksum is what it was); the counts are saved beside
 * each checkpoint ({@link #save}) so that a resumed run counts from the start too.
 */
public final class MarketActivity {
    private static final String SUFFIX = ".activity.json";

    /** The first epoch counted: 0, or a checkpoint's epoch when the counts before it were not kept. */
    private final int fromEpoch;
    private final long[] epochs;
    private final long[] traded;
    private final long[] halted;
    private final long[] crossed;
    private final long[] bidsOnly;
    private final long[] asksOnly;
    /** Per market, for the epoch being run: whether it started halted, and the breaker trips before it. */
    private final boolean[] haltedAtStart;
    private final long[] tripsBefore;

    /** Nothing counted yet, counting from epoch {@code fromEpoch}. */
    public MarketActivity(int markets, int fromEpoch) {
        this.fromEpoch = fromEpoch;
        epochs = new long[markets];
        traded = new long[markets];
        halted = new long[markets];
        crossed = new long[markets];
        bidsOnly = new long[markets];
        asksOnly = new long[markets];
        haltedAtStart = new boolean[markets];
        tripsBefore = new long[markets];
    }

    /** Call before {@code engine.step()}: notes which markets start the epoch halted. */
    public void beforeStep(Engine engine) {
        SafetyState safety = engine.safety();
        int e = engine.epoch();
        for (int m = 0; m < epochs.length; m++) {
            // the breakers' observe() halts exactly these markets for the epoch (CircuitBreakers)
            haltedAtStart[m] = e < safety.haltedUntil[m];
            tripsBefore[m] = safety.breakerTrips[m];
        }
    }

    /** Call after {@code engine.step()}: counts the epoch from its clearing (MarketState) and the breakers. */
    public void afterStep(Engine engine) {
        MarketState ms = engine.markets();
        long[] trips = engine.safety().breakerTrips;
        for (int m = 0; m < epochs.length; m++) {
            epochs[m]++;
            boolean trade = ms.lastVolume[m] > 0;
            traded[m] += trade ? 1 : 0;
            halted[m] += haltedAtStart[m] || trips[m] > tripsBefore[m] ? 1 : 0;
            int bid = ms.residualBid[m]; // 0 = no bid left
            int ask = ms.residualAsk[m];
            crossed[m] += bid > 0 && ask > 0 && bid >= ask ? 1 : 0;
            bidsOnly[m] += !trade && bid > 0 && ask == 0 ? 1 : 0;
            asksOnly[m] += !trade && ask > 0 && bid == 0 ? 1 : 0;
        }
    }

    public int fromEpoch() {
        return fromEpoch;
    }

    public long epochs(int m) {
        return epochs[m];
    }

    public long halted(int m) {
        return halted[m];
    }

    public long crossed(int m) {
        return crossed[m];
    }

    public long bidsOnly(int m) {
        return bidsOnly[m];
    }

    public long asksOnly(int m) {
        return asksOnly[m];
    }

    /** Market {@code m}'s counts as summary.json's {@code markets[m].activity} (docs/outputs.md). */
    public ObjectNode json(int m) {
        ObjectNode n = RunDirectory.JSON.createObjectNode();
        n.put("from_epoch", fromEpoch);
        n.put("epochs", epochs[m]);
        n.put("traded", traded[m]);
        n.put("halted", halted[m]);
        n.put("crossed", crossed[m]);
        n.put("bids_only", bidsOnly[m]);
        n.put("asks_only", asksOnly[m]);
        return n;
    }

    /** Where the counts of checkpoint {@code epoch-N.ckpt} are kept: {@code epoch-N.activity.json} beside it. */
    static Path beside(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        return checkpoint.resolveSibling(name.substring(0, name.length() - ".ckpt".length()) + SUFFIX);
    }

    /**
     * Saves the counts beside {@code checkpoint} (taken after {@code epoch} epochs), and removes those of
     * checkpoints that are gone (CheckpointStore keeps the newest few).
     */
    public void save(Path checkpoint, int epoch) throws IOException {
        ObjectNode root = RunDirectory.JSON.createObjectNode();
        root.put("epoch", epoch);
        var markets = root.putArray("markets");
        for (int m = 0; m < epochs.length; m++) {
            markets.add(json(m));
        }
        RunDirectory.writeJsonAtomically(beside(checkpoint), root);
        try (Stream<Path> files = Files.list(checkpoint.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = f.getFileName().toString();
                if (!Files.exists(f.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + ".ckpt"))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * The counts saved beside {@code checkpoint}, taken after {@code epoch} epochs of {@code markets} markets; when
     * there are none (a checkpoint written without them) or they do not fit that checkpoint, counting starts afresh
     * at {@code epoch}, which {@link #fromEpoch()} then says.
     */
    public static MarketActivity load(Path checkpoint, int markets, int epoch) {
        Path file = beside(checkpoint);
        try {
            JsonNode root = Files.isRegularFile(file) ? RunDirectory.JSON.readTree(file.toFile()) : null;
            if (root != null && root.path("epoch").asInt(-1) == epoch && root.path("markets").size() == markets) {
                int from = root.path("markets").path(0).path("from_epoch").asInt(-1);
                MarketActivity a = new MarketActivity(markets, from);
                boolean plausible = from >= 0 && from <= epoch;
                for (int m = 0; m < markets && plausible; m++) {
                    JsonNode n = root.path("markets").path(m);
                    a.epochs[m] = n.path("epochs").asLong(-1);
                    a.traded[m] = n.path("traded").asLong(-1);
                    a.halted[m] = n.path("halted").asLong(-1);
                    a.crossed[m] = n.path("crossed").asLong(-1);
                    a.bidsOnly[m] = n.path("bids_only").asLong(-1);
                    a.asksOnly[m] = n.path("asks_only").asLong(-1);
                    plausible = a.epochs[m] == epoch - from && within(a.traded[m], a.epochs[m])
                            && within(a.halted[m], a.epochs[m]) && within(a.crossed[m], a.epochs[m])
                            && within(a.bidsOnly[m], a.epochs[m]) && within(a.asksOnly[m], a.epochs[m]);
                }
                if (plausible) {
                    return a;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the counts only feed the end-of-run checks: without them the run counts from its checkpoint
        }
        return new MarketActivity(markets, epoch);
    }

    private static boolean within(long count, long epochs) {
        return count >= 0 && count <= epochs;
    }
}
