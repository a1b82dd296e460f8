package org.vaesim.models.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.models.event.EventSpec;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.SafetySpec;

/**
 * A whole economy to run: validated, immutable, with the seed as part of it.
 *
 * @param cohorts        in the order the population lays them out: grouped by family in
 *                       {@link org.vaesim.models.strategy.StrategyFamily} order, file order within a family
 * @param metricsEvery   metrics (and the metrics.csv row) every this many epochs
 * @param checkpointEvery checkpoint every this many epochs; 0 = only at the end
 * @param safety         circuit breakers and kill rules ({@link SafetySpec#NONE} for none)
 * @param auctions       recurring resource auctions, in file order (none when the file has none)
 * @param missions       missions procuring tasks from bidder cohorts, in file order (none when the file has none)
 * @param gateway        the permeability gateway to an external economy, or null for a closed sandbox
 * @param stages         the specs of registered stages' sections ({@link StageReader}), by stage name, in file order
 */
public record Scenario(String name, long seed, int epochs, int metricsEvery, int checkpointEvery,
                       List<MarketSpec> markets, List<CohortSpec> cohorts, List<EventSpec> events,
                       SafetySpec safety, List<AuctionSpec> auctions, List<MissionSpec> missions,
                       GatewaySpec gateway, Map<String, Object> stages) {
    /**
     * The most epochs a run may have, from a file or the command line: checkpoint file names hold the epoch in
     * nine digits (docs/outputs.md#checkpoints).
     */
    public static final int MAX_EPOCHS = 1_000_000_000;

    public Scenario {
        markets = List.copyOf(markets);
        cohorts = List.copyOf(cohorts);
        events = List.copyOf(events);
        auctions = List.copyOf(auctions);
        missions = List.copyOf(missions);
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** A scenario without the sections of registered stages ({@link StageReader}). */
    public Scenario(String name, long seed, int epochs, int metricsEvery, int checkpointEvery,
                    List<MarketSpec> markets, List<CohortSpec> cohorts, List<EventSpec> events, SafetySpec safety,
                    List<AuctionSpec> auctions, List<MissionSpec> missions, GatewaySpec gateway) {
        this(name, seed, epochs, metricsEvery, checkpointEvery, markets, cohorts, events, safety, auctions, missions,
                gateway, Map.of());
    }

    /** A scenario without missions or a gateway. */
    public Scenario(String name, long seed, int epochs, int metricsEvery, int checkpointEvery,
                    List<MarketSpec> markets, List<CohortSpec> cohorts, List<EventSpec> events, SafetySpec safety,
                    List<AuctionSpec> auctions) {
        this(name, seed, epochs, metricsEvery, checkpointEvery, markets, cohorts, events, safety, auctions,
                List.of(), null);
    }

    /** A scenario without resource auctions, missions or a gateway. */
    public Scenario(String name, long seed, int epochs, int metricsEvery, int checkpointEvery,
                    List<MarketSpec> markets, List<CohortSpec> cohorts, List<EventSpec> events, SafetySpec safety) {
        this(name, seed, epochs, metricsEvery, checkpointEvery, markets, cohorts, events, safety, List.of());
    }

    /** Whether the scenario has a permeability gateway. */
    public boolean hasGateway() {
        return gateway != null;
    }

    public long agentCount() {
        long n = 0;
        for (CohortSpec c : cohorts) {
            n += c.count();
        }
        return n;
    }

    /** The distinct principals behind the cohorts, in cohort order; a principal's index is its place here. */
    public List<String> principals() {
        return cohorts.stream().map(c -> c.identity().principal()).distinct().toList();
    }

    /**
     * The spec its {@link StageReader} read from the section {@code stages.<name>}, or null when the scenario has
     * none.
     */
    public <T> T stage(String name, Class<T> type) {
        return type.cast(stages.get(name));
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, epochs, metricsEvery, checkpointEvery, markets, cohorts, events, safety,
                auctions, missions, gateway, stages);
    }

    public Scenario withEpochs(int newEpochs) {
        return new Scenario(name, seed, newEpochs, metricsEvery, checkpointEvery, markets, cohorts, events, safety,
                auctions, missions, gateway, stages);
    }
}
