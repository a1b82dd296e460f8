package org.vaesim.host.coordination;

import static org.vaesim.host.coordination.ServiceMarket.AUCTION_EPOCHS;
import static org.vaesim.host.coordination.ServiceMarket.CONTACTS;
import static org.vaesim.host.coordination.ServiceMarket.EFFICIENT_TRADES;
import static org.vaesim.host.coordination.ServiceMarket.FAILED;
import static org.vaesim.host.coordination.ServiceMarket.FEES;
import static org.vaesim.host.coordination.ServiceMarket.GROSS;
import static org.vaesim.host.coordination.ServiceMarket.MAX_SURPLUS;
import static org.vaesim.host.coordination.ServiceMarket.NEED;
import static org.vaesim.host.coordination.ServiceMarket.OVERPAYING;
import static org.vaesim.host.coordination.ServiceMarket.PAID;
import static org.vaesim.host.coordination.ServiceMarket.PRICED_OUT;
import static org.vaesim.host.coordination.ServiceMarket.ROUNDS;
import static org.vaesim.host.coordination.ServiceMarket.SEARCH;
import static org.vaesim.host.coordination.ServiceMarket.TRADES;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.report.Html;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.coordination.CoordinationSpec;
import org.vaesim.models.scenario.Money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The coordination stage (docs/mechanisms.md#coordination): one allocation task, services that buyers need and
 * sellers provide, solved by bilateral search, a call auction or a mission, with what each costs to coordinate
 * (search, failed attempts, fees, rounds to allocate) measured against the competitive benchmark of the same draws;
 * and dormant markets that open mid-run when trading through them would cost less than a threshold.
 *
 * <p>Its agent work is host arithmetic over the agents' cash, read from the backend once per epoch and written back
 * with one exact {@code adjustCash} per agent whose cash changed, so it runs unchanged on every backend and gives
 * the same state on each. What buyers pay for search and to institutions goes to the stage's account, which
 * {@link #moneyHeld} reports to the engine's conservation check; payments for units go from buyer to seller.
 */
public final class CoordinationStage implements Stage {
    /** The stage's name: its section in the scenario file and in checkpoints. */
    public static final String NAME = CoordinationSpec.STAGE;
    /** coordination.csv: one row per service and epoch. */
    public static final String FILE = "coordination.csv";
    private static final StageKind KIND = new Kind();

    private final CoordinationSpec spec;
    private final List<ServiceMarket> services = new ArrayList<>();
    private final List<String> buyerNames = new ArrayList<>();
    private final List<String> sellerNames = new ArrayList<>();
    private final Wallets wallets;
    /** The stage's account: every search cost and fee paid, in micro-credits (the state's one money account). */
    private long account;
    private int lastEpoch = -1;

    private CoordinationStage(StageSetup setup, CoordinationSpec spec) {
        this.spec = spec;
        if (spec == null) {
            wallets = null;
            return;
        }
        long key = Philox.key(setup.scenario().seed(), Streams.DECIDE);
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (int i = 0; i < spec.services().size(); i++) {
            CoordinationSpec.Service s = spec.services().get(i);
            Segment b = setup.layout().segments().get(s.buyers());
            Segment sl = setup.layout().segments().get(s.sellers());
            services.add(new ServiceMarket(spec, i, b, sl, Philox.keyLo(key), Philox.keyHi(key)));
            buyerNames.add(setup.scenario().cohorts().get(s.buyers()).name());
            sellerNames.add(setup.scenario().cohorts().get(s.sellers()).name());
            from = Math.min(from, Math.min(b.start(), sl.start()));
            to = Math.max(to, Math.max(b.end(), sl.end()));
        }
        wallets = new Wallets(from, to);
    }

    /** The registration (META-INF/services/org.vaesim.host.stage.StageKind): after the built-in stages. */
    public static final class Kind extends StageKind.SectionedCsv<CoordinationSpec> {
        public Kind() { // name, epoch rank (after the missions), state rank (after the gateway), section version
            super(NAME, 410, 810, 1, CoordinationSpec.class, FILE);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            CoordinationStage s = new CoordinationStage(setup, spec(setup.scenario()));
            if (in != null && s.spec != null) {
                s.account = in.longValue();
                for (ServiceMarket m : s.services) {
                    m.read(in);
                }
                if (s.account < 0) {
                    throw in.corrupt("account of " + s.account + " micro-credits");
                }
            }
            return s;
        }

        @Override
        protected String section(JsonNode summary, Path runDir) {
            JsonNode c = summary.path(NAME);
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode s : c.path("services")) {
                rows.add(List.of(s.path("name").asText(), s.path("protocol").asText(),
                        s.path("opened_epoch").isNull() ? "" : s.path("opened_epoch").asText(),
                        s.path("trades").asText(), s.path("efficiency").asText(),
                        s.path("transaction_cost_share").asText(), s.path("search_cost").asText(),
                        s.path("fees").asText(), s.path("failed_trades").asText(),
                        s.path("mean_time_to_allocate").asText(), s.path("net_surplus").asText()));
            }
            return "<h2>Coordination</h2><p>Protocol " + Html.escape(c.path("protocol").asText())
                    + "; transaction cost = search costs + fees + surplus missed against the competitive benchmark"
                    + " (docs/outputs.md#coordinationcsv).</p>"
                    + Html.table(List.of("service", "protocol", "market opened after epoch", "trades", "efficiency",
                    "transaction cost / attainable surplus", "search cost", "fees", "failed attempts",
                    "rounds to allocate", "net surplus"), rows);
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    /** The run's counters of service {@code s} (indices of {@link ServiceMarket}), for tests. */
    long[] totals(int s) {
        return services.get(s).total.clone();
    }

    /** The epoch at whose end service {@code s}'s dormant market opened, or -1. */
    public int openedEpoch(int s) {
        return services.get(s).openedEpoch;
    }

    /** Micro-credits paid to the stage's account so far. */
    public long account() {
        return account;
    }

    @Override
    public void run(EpochContext c) {
        lastEpoch = c.epoch();
        if (spec == null) {
            return;
        }
        Population p = c.backend().population();
        wallets.load(p.cash);
        for (ServiceMarket m : services) {
            m.run(c.epoch(), p.status, wallets);
        }
        wallets.apply(c.backend(), c.epoch());
        account += wallets.collected();
    }

    @Override
    public long moneyHeld() {
        return account;
    }

    /** The account holds exactly what the services' counters say was paid for search and to institutions. */
    @Override
    public void verify(int epoch) {
        long counted = 0;
        for (ServiceMarket m : services) {
            counted += m.total[SEARCH] + m.total[FEES];
            if (m.total[TRADES] > m.total[NEED] || m.total[GROSS] > m.total[MAX_SURPLUS]) {
                throw new IllegalStateException("coordination after epoch " + epoch + ": service "
                        + m.service.name() + " traded " + m.total[TRADES] + " units for " + m.total[NEED]
                        + " needs, surplus " + m.total[GROSS] + " against a benchmark of " + m.total[MAX_SURPLUS]);
            }
        }
        if (counted != account) {
            throw new IllegalStateException("coordination after epoch " + epoch + ": account holds " + account
                    + " micro-credits, search costs and fees add up to " + counted);
        }
    }

    /** Nothing without a coordination section, so every other economy's state checksum is what it was. */
    @Override
    public void write(SectionOut out) throws IOException {
        if (spec != null) {
            out.longs(account);
            for (ServiceMarket m : services) {
                m.write(out);
            }
        }
    }

    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (spec == null) {
            return;
        }
        ObjectNode c = root.putObject(NAME);
        c.put("protocol", spec.protocol().json());
        c.put("search_cost", Money.toCredits(spec.searchCost()));
        c.put("contacts", spec.contacts());
        c.put("order_fee", Money.toCredits(spec.orderFee()));
        c.put("upkeep", Money.toCredits(spec.upkeep()));
        c.put("task_fee", Money.toCredits(spec.taskFee()));
        c.put("account", Money.toCredits(account));
        ArrayNode list = c.putArray("services");
        for (int i = 0; i < services.size(); i++) {
            ServiceMarket m = services.get(i);
            long[] t = m.total;
            ObjectNode s = list.addObject();
            s.put("name", m.service.name());
            s.put("buyers", buyerNames.get(i));
            s.put("sellers", sellerNames.get(i));
            s.put("protocol", m.protocolNow().json());
            if (m.service.dormant() != null && m.openedEpoch >= 0) {
                s.put("opened_epoch", m.openedEpoch + 1);
            } else {
                s.putNull("opened_epoch");
            }
            s.put("auction_epochs", t[AUCTION_EPOCHS]);
            s.put("need", t[NEED]);
            s.put("trades", t[TRADES]);
            s.put("efficient_trades", t[EFFICIENT_TRADES]);
            s.put("gross_surplus", Money.toCredits(t[GROSS]));
            s.put("max_surplus", Money.toCredits(t[MAX_SURPLUS]));
            ratio(s, "efficiency", t[GROSS], t[MAX_SURPLUS]);
            s.put("search_cost", Money.toCredits(t[SEARCH]));
            s.put("fees", Money.toCredits(t[FEES]));
            s.put("missed_surplus", Money.toCredits(t[MAX_SURPLUS] - t[GROSS]));
            long cost = t[SEARCH] + t[FEES] + t[MAX_SURPLUS] - t[GROSS];
            s.put("transaction_cost", Money.toCredits(cost));
            ratio(s, "transaction_cost_share", cost, t[MAX_SURPLUS]);
            s.put("net_surplus", Money.toCredits(t[GROSS] - t[SEARCH] - t[FEES]));
            s.put("contacts", t[CONTACTS]);
            s.put("failed_trades", t[FAILED]);
            ratio(s, "failed_per_trade", t[FAILED], t[TRADES]);
            s.put("priced_out", t[PRICED_OUT]);
            ratio(s, "mean_time_to_allocate", t[ROUNDS], t[TRADES]);
            s.put("overpaying_buyers", t[OVERPAYING]);
            if (t[TRADES] == 0) {
                s.putNull("mean_price");
            } else {
                s.put("mean_price", Money.toCredits(t[PAID] / t[TRADES]));
            }
        }
    }

    /** Puts a / b, or null when b is 0 (no ratio defined). */
    private static void ratio(ObjectNode o, String field, long a, long b) {
        if (b == 0) {
            o.putNull(field);
        } else {
            o.put(field, (double) a / b);
        }
    }

    @Override
    public void moneyAccounts(ObjectNode c) {
        if (spec != null) {
            c.put("coordination_account", Money.toCredits(account));
        }
    }

    @Override
    public boolean conservation(ObjectNode c) {
        if (spec == null) {
            return true;
        }
        long counted = 0;
        for (ServiceMarket m : services) {
            counted += m.total[SEARCH] + m.total[FEES];
        }
        ObjectNode o = c.putObject(NAME);
        o.put("account", Money.toCredits(account));
        o.put("search_costs_and_fees", Money.toCredits(counted));
        o.put("conserved", counted == account);
        return counted == account;
    }

    @Override
    public Rounds rounds() {
        if (spec == null) {
            return null;
        }
        return Rounds.of(FILE, "epoch,service,protocol,need,trades,efficient_trades,gross_surplus,max_surplus,"
                + "contacts,failed,priced_out,search_cost,fees,rounds", this::lastRows);
    }

    private List<String> lastRows() {
        List<String> rows = new ArrayList<>();
        for (ServiceMarket m : services) {
            long[] l = m.last;
            rows.add((lastEpoch + 1) + "," + m.service.name() + "," + m.protocolAt(lastEpoch).json() + "," + l[NEED]
                    + "," + l[TRADES] + "," + l[EFFICIENT_TRADES] + "," + Money.format(l[GROSS]) + ","
                    + Money.format(l[MAX_SURPLUS]) + "," + l[CONTACTS] + "," + l[FAILED] + "," + l[PRICED_OUT] + ","
                    + Money.format(l[SEARCH]) + "," + Money.format(l[FEES]) + "," + l[ROUNDS]);
        }
        return rows;
    }
}
