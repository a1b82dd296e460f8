package org.vaesim.kernels.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.capability.CapabilitySpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.scenario.Scenario;

/**
 * Where capability lives and what feeds it, built from the scenario's {@code stages.capability} section by the
 * capability stage and run by its backend half ({@link CapabilityKernels}): the capability cohorts' index ranges,
 * and each bidder range of a compute or data auction whose cohort has capability (the units it wins there become
 * stock), with the section's parameters as the kernels take them.
 */
public final class CapabilityPlan {
    /** A bidder range of auction {@code auction} whose agents [from, to) have columns from {@code column} on. */
    public record Gain(int auction, int from, int to, int column) {
    }

    private final CapabilitySpec spec;
    private final List<Segment> cohorts;
    private final List<Gain> gains;

    private CapabilityPlan(CapabilitySpec spec, List<Segment> cohorts, List<Gain> gains) {
        this.spec = spec;
        this.cohorts = List.copyOf(cohorts);
        this.gains = List.copyOf(gains);
    }

    /** The plan of {@code spec}, the scenario's {@code stages.capability} section, or null when it has none. */
    public static CapabilityPlan of(CapabilitySpec spec, Scenario scenario, Layout layout) {
        if (spec == null) {
            return null;
        }
        List<Segment> cohorts = new ArrayList<>();
        for (int c : spec.cohorts()) {
            cohorts.add(layout.segments().get(c));
        }
        List<Gain> gains = new ArrayList<>();
        for (AuctionPlan plan : AuctionPlan.of(scenario, layout)) {
            ResourceType r = plan.spec().resource();
            if (r != ResourceType.COMPUTE && r != ResourceType.DATA) {
                continue;
            }
            for (AuctionPlan.Range range : plan.ranges()) {
                if (spec.covers(range.segment().index())) {
                    gains.add(new Gain(plan.index(), range.from(), range.to(), range.column()));
                }
            }
        }
        return new CapabilityPlan(spec, cohorts, gains);
    }

    public CapabilitySpec spec() {
        return spec;
    }

    /** The capability cohorts' segments, in index order. */
    public List<Segment> cohorts() {
        return cohorts;
    }

    /** The bidder ranges of compute and data auctions whose agents have capability. */
    public List<Gain> gains() {
        return gains;
    }

    /** Whether capability feeds back at all (feedback strength above 0): only then does anyone read the boosts. */
    public boolean feedsBack() {
        return spec.feedback() > 0;
    }

    /**
     * Hands the boost column {@code column} (an {@code int[]} on the java backend, a device buffer on a device one) to
     * every channel its section's {@code feeds} switch on, through the backend's primitive {@code boost}
     * ({@link AgentBoost}; negotiation and the yard sale read {@link AgentBoost#POWER}); nothing at feedback 0, where
     * every boost is 0 and the economy must be exactly the one without capability.
     */
    public <C> void publish(C column, BiConsumer<AgentBoost, C> boost) {
        if (!feedsBack()) {
            return;
        }
        CapabilitySpec.Feeds feeds = spec.feeds();
        if (feeds.negotiation()) {
            boost.accept(AgentBoost.POWER, column);
        }
        if (feeds.auctions()) {
            boost.accept(AgentBoost.VALUE, column);
        }
        if (feeds.missions()) {
            boost.accept(AgentBoost.TASK, column);
        }
        if (feeds.entry()) {
            boost.accept(AgentBoost.ENTRY, column);
        }
    }

    /** The feedback strength in millionths, as the update kernel takes it. */
    public double feedback() {
        return spec.feedback();
    }

    /** The half stock in micro-units, as the update kernel takes it. */
    public double half() {
        return spec.halfStock();
    }
}
