package org.vaesim.models.coordination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;

/**
 * The coordination stage's section (docs/mechanisms.md#coordination), read here and run by the host's
 * {@code org.vaesim.host.coordination.CoordinationStage}: services that buyer agents need and seller
 * agents provide, one unit per agent and epoch, allocated by one {@link Protocol}, with the costs each protocol
 * charges. A service may carry a dormant market that opens when trading through it would cost less than a threshold.
 *
 * <pre>
 * "stages": { "coordination": { "protocol": "bilateral", "search_cost": 0.05, "contacts": 4,
 *     "services": [ { "name": "agent-time", "buyers": "clients", "sellers": "providers", "demand": 0.5,
 *                     "value_min": 5, "value_max": 15, "cost_min": 5, "cost_max": 15 } ] } }
 * </pre>
 *
 * @param protocol   how every service is allocated (a dormant market's service: bilateral until it opens)
 * @param searchCost micro-credits a buyer pays per bilateral contact
 * @param contacts   bilateral search rounds per epoch: each unserved buyer contacts one seller per round
 * @param orderFee   micro-credits each order pays the call auction (buyers' bids and sellers' asks alike)
 * @param upkeep     micro-credits an open call auction costs per epoch, shared by its orders
 * @param taskFee    micro-credits the mission's coordinator charges per task posted
 * @param services   the services, in file order
 */
public record CoordinationSpec(Protocol protocol, long searchCost, int contacts, long orderFee, long upkeep,
                               long taskFee, List<Service> services) {
    /** The stage's name: its section under {@code stages} and in checkpoints. */
    public static final String STAGE = "coordination";
    /** Micro-credits per price tick of every service: 0.01 credits. */
    public static final long TICK = 10_000L;
    /** The most ticks a value or cost may have (10,000 credits): tick numbers fit the auction's 20-bit sort keys. */
    public static final int MAX_TICK = 1_000_000;
    /** The most any single charge (a contact, an order, a task, a day's upkeep, a threshold) may be: 1,000 credits. */
    public static final long MAX_CHARGE = 1_000_000_000L;
    /** Most agents on one side of a service (2^23 - 1: the call auction's sort keys hold an agent's place). */
    public static final int MAX_SIDE = (1 << 23) - 1;

    /** How a service's buyers and sellers find each other. */
    public enum Protocol {
        /** Random search: each round each unserved buyer pays to contact one seller, and they split the gain. */
        BILATERAL("bilateral"),
        /** One call auction per epoch: every order pays a fee and a share of the upkeep; one uniform price. */
        AUCTION("auction"),
        /** A coordinator posts every buyer's need as a task and procures the tasks in a reverse auction. */
        MISSION("mission");

        private final String json;

        Protocol(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /**
     * One service.
     *
     * @param name       the service's name, unique in the section
     * @param buyers     the buyers' cohort index
     * @param sellers    the sellers' cohort index (not the buyers')
     * @param demand     the probability that a buyer needs one unit in epoch 0
     * @param demandEnd  the probability from epoch {@code rampEpochs - 1} on; linear in between
     * @param rampEpochs the epochs over which demand moves from {@code demand} to {@code demandEnd}
     * @param valueMin   the lowest value a buyer draws, in ticks ({@link #TICK}); values are uniform on the grid
     * @param valueMax   the highest value, in ticks
     * @param costMin    the lowest cost a seller draws, in ticks
     * @param costMax    the highest cost, in ticks; also the mission's reserve price
     * @param dormant    the service's dormant market, or null
     */
    public record Service(String name, int buyers, int sellers, double demand, double demandEnd, int rampEpochs,
                          int valueMin, int valueMax, int costMin, int costMax, Dormant dormant) {
        /** The probability that a buyer needs a unit in epoch {@code e}. */
        public double demandAt(int e) {
            if (e >= rampEpochs - 1) {
                return demandEnd;
            }
            return demand + (demandEnd - demand) * e / (rampEpochs - 1);
        }
    }

    /**
     * A market declared in the file that is closed at the start: its service is traded by bilateral search until the
     * end of the first epoch at which the last {@code window} epochs say a call auction would cost less than
     * {@code openBelow} per trade; from the next epoch on the service is cleared by the call auction, for good.
     *
     * @param openBelow the threshold in micro-credits per trade; 0: the market never opens (the paired control)
     * @param window    the epochs the estimate averages over
     */
    public record Dormant(long openBelow, int window) {
    }

    /** The section's reader (META-INF/services/org.vaesim.models.scenario.StageReader). */
    public static final class Reader implements StageReader<CoordinationSpec> {
        @Override
        public String name() {
            return STAGE;
        }

        @Override
        public CoordinationSpec read(StageConfig section) throws ConfigException {
            section.only("protocol", "search_cost", "contacts", "order_fee", "upkeep", "task_fee", "services");
            List<String> protocols = new ArrayList<>();
            for (Protocol p : Protocol.values()) {
                protocols.add(p.json());
            }
            Protocol protocol = Protocol.values()[section.requiredOneOf("protocol", protocols)];
            long searchCost = charge(section, "search_cost");
            int contacts = section.optionalInt("contacts", 1, 64, 4);
            long orderFee = charge(section, "order_fee");
            long upkeep = charge(section, "upkeep");
            long taskFee = charge(section, "task_fee");
            Map<String, String> names = new LinkedHashMap<>();
            List<Service> services = new ArrayList<>();
            for (StageConfig s : section.requiredArray("services", 1, 64)) {
                services.add(service(s, names, protocol, section.epochs()));
            }
            return new CoordinationSpec(protocol, searchCost, contacts, orderFee, upkeep, taskFee,
                    List.copyOf(services));
        }

        /** A side's cohort must fit the call auction's sort keys, which hold an agent's place in 23 bits. */
        private static void fits(StageConfig s, String side, int cohort) throws ConfigException {
            if (s.countOf(cohort) > MAX_SIDE) {
                throw s.error(side, "a cohort of " + s.countOf(cohort) + " agents; allowed: at most " + MAX_SIDE
                        + " agents on each side of a service");
            }
        }

        private static Service service(StageConfig s, Map<String, String> names, Protocol protocol, int epochs)
                throws ConfigException {
            s.only("name", "buyers", "sellers", "demand", "demand_end", "ramp_epochs", "value_min", "value_max",
                    "cost_min", "cost_max", "dormant");
            String name = s.requiredUniqueName("name", names);
            int buyers = s.requiredCohort("buyers");
            int sellers = s.requiredCohort("sellers");
            if (sellers == buyers) {
                throw s.error("sellers", "must name a cohort other than the buyers' (an agent is a buyer or a seller)");
            }
            fits(s, "buyers", buyers);
            fits(s, "sellers", sellers);
            double demand = s.requiredDouble("demand", 0, 1);
            double demandEnd = s.optionalDouble("demand_end", 0, 1, demand);
            int ramp = s.optionalInt("ramp_epochs", 1, 1_000_000_000, epochs);
            int valueMin = tick(s, "value_min");
            int valueMax = tick(s, "value_max");
            if (valueMax < valueMin) {
                throw s.error("value_max", "must be at least value_min");
            }
            int costMin = tick(s, "cost_min");
            int costMax = tick(s, "cost_max");
            if (costMax < costMin) {
                throw s.error("cost_max", "must be at least cost_min");
            }
            Dormant dormant = null;
            StageConfig d = s.optionalObject("dormant");
            if (d != null) {
                if (protocol != Protocol.BILATERAL) {
                    throw s.error("dormant", "is allowed only with protocol \"bilateral\" (before it opens, a dormant"
                            + " market's service is traded by bilateral search)");
                }
                d.only("open_below", "window");
                dormant = new Dormant(charge(d, "open_below"), d.optionalInt("window", 1, 10_000, 10));
            }
            return new Service(name, buyers, sellers, demand, demandEnd, ramp, valueMin, valueMax, costMin, costMax,
                    dormant);
        }

        /** A charge of 0 to {@link #MAX_CHARGE} micro-credits (0 when missing). */
        private static long charge(StageConfig s, String field) throws ConfigException {
            long micros = s.optionalCredits(field, 0);
            if (micros > MAX_CHARGE) {
                throw s.error(field, "must be at most 1000 credits");
            }
            return micros;
        }

        /** A price in credits on the 0.01 grid, 0.01 to 10,000 credits, as its tick. */
        private static int tick(StageConfig s, String field) throws ConfigException {
            long micros = s.optionalCredits(field, -1);
            if (micros < TICK || micros > MAX_TICK * TICK || micros % TICK != 0) {
                throw s.error(field, "must be an amount of credits from 0.01 to 10000 on the 0.01 grid");
            }
            return (int) (micros / TICK);
        }
    }
}
