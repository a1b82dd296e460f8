package org.vaesim.kernels;

import java.util.List;

import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.opencl.OpenClBackend;
import org.vaesim.kernels.opencl.OpenClDevice;
import org.vaesim.models.scenario.Scenario;

/** The backends by name, whether each can run here, and what {@code auto} picks. */
public final class Backends {
    public static final String JAVA = "java";
    public static final String OPENCL = "opencl";
    public static final String CUDA = "cuda";
    public static final String AUTO = "auto";
    public static final List<String> NAMES = List.of(AUTO, JAVA, OPENCL, CUDA);

    private Backends() {
    }

    /** One backend's availability on this machine. */
    public record Availability(String name, boolean usable, String detail) {
    }

    public static List<Availability> survey() {
        OpenClDevice.Search cl = OpenClDevice.find(false);
        return List.of(
                new Availability(JAVA, true, "Java twins of every kernel on "
                        + Runtime.getRuntime().availableProcessors() + " CPU cores"),
                new Availability(OPENCL, cl.found(), cl.found() ? cl.device().toString() : cl.reason()),
                new Availability(CUDA, false, "not in this build yet: the CUDA backend is still to come"));
    }

    /**
     * The backend a request resolves to here: {@code auto} is opencl on a GPU, else java; a named backend that
     * cannot run here is an {@link IllegalArgumentException} saying why.
     */
    public static String resolve(String requested) {
        switch (requested) {
            case JAVA:
                return JAVA;
            case AUTO:
                return OpenClDevice.find(true).found() ? OPENCL : JAVA;
            case OPENCL: {
                OpenClDevice.Search cl = OpenClDevice.find(false);
                if (!cl.found()) {
                    throw new IllegalArgumentException("the opencl backend cannot run here: " + cl.reason());
                }
                return OPENCL;
            }
            case CUDA:
                throw new IllegalArgumentException("the cuda backend is not in this build yet; use opencl or java");
            default:
                throw new IllegalArgumentException("unknown backend '" + requested + "'; one of " + NAMES);
        }
    }

    /** Creates the backend {@code name} (after {@link #resolve}) over {@code population}, auctions not yet run. */
    public static Backend create(String name, Scenario scenario, Layout layout, Population population, int threads) {
        return create(name, scenario, layout, population,
                AuctionColumns.of(AuctionPlan.of(scenario, layout)), threads);
    }

    /** Creates the backend {@code name} over {@code population} and the auctions' per-bidder {@code columns}. */
    public static Backend create(String name, Scenario scenario, Layout layout, Population population,
                                 AuctionColumns columns, int threads) {
        return create(name, scenario, layout, population, columns,
                MissionColumns.of(MissionPlan.of(scenario, layout)), threads);
    }

    /**
     * Creates the backend {@code name} over {@code population}, the auctions' per-bidder {@code columns} and the
     * missions' per-bidder {@code missionColumns}.
     */
    public static Backend create(String name, Scenario scenario, Layout layout, Population population,
                                 AuctionColumns columns, MissionColumns missionColumns, int threads) {
        return switch (resolve(name)) {
            case OPENCL -> {
                OpenClDevice.Search s = OpenClDevice.find(false);
                yield new OpenClBackend(scenario, layout, population, columns, missionColumns, s.device());
            }
            default -> new JavaBackend(scenario, layout, population, columns, missionColumns, threads);
        };
    }
}
