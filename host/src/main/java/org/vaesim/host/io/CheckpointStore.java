package org.vaesim.host.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.AuctionLedger;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.epoch.MissionLedger;
import org.vaesim.host.gateway.GatewayState;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.models.scenario.Scenario;

/**
 * Checkpoints in {@code RUN_DIR/checkpoints/epoch-NNNNNNNNN.ckpt}: written to a temporary file, forced to
 * disk and renamed, so a checkpoint either exists whole or not at all. The newest {@link #KEEP} are kept.
 */
public final class CheckpointStore {
    public static final int KEEP = 2;
    private final Path dir;

    public CheckpointStore(Path runDir) {
        this.dir = runDir.resolve("checkpoints");
    }

    public Path save(Engine engine) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format("epoch-%09d.ckpt", engine.epoch()));
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = Channels.newOutputStream(ch)) {
            StateCodec.write(out, engine);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune();
        return target;
    }

    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** Reads a checkpoint of {@code scenario}'s economy. */
    public static StateCodec.State load(Path file, Scenario scenario) throws IOException {
        Layout layout = new Layout(scenario);
        List<AuctionPlan> plans = AuctionPlan.of(scenario, layout);
        List<MissionPlan> missions = MissionPlan.of(scenario, layout);
        GatewayState gateway = null;
        if (scenario.hasGateway()) {
            GatewayPlan plan = GatewayPlan.of(scenario, layout);
            gateway = new GatewayState(scenario.gateway().links().size(), plan.principals().size());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return StateCodec.read(in, MarketState.of(scenario), new AuctionLedger(plans),
                    plans.stream().mapToInt(AuctionPlan::bidders).toArray(), new MissionLedger(missions),
                    missions.stream().mapToInt(MissionPlan::bidders).toArray(), gateway);
        }
    }

    private List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("epoch-\\d{9}\\.ckpt"))
                    .sorted().toList());
            return all;
        }
    }

    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
