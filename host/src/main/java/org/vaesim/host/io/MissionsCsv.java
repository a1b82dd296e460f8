package org.vaesim.host.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.scenario.Money;

/**
 * missions.csv: one row per mission round (docs/outputs.md#missionscsv). Appends, flushing each row; a resumed
 * run first drops rows past its checkpoint, like metrics.csv.
 */
public final class MissionsCsv implements AutoCloseable {
    public static final String FILE = "missions.csv";
    static final String HEADER = "epoch,mission,policy,posted,bidders,awarded,delivered,failed,price,mean_price,paid,"
            + "advance_lost,subsidy_paid,tax_collected,escrow,subsidy_balance,completed,completion_rate,"
            + "cost_per_completed_task,free_riding_share,payment_hhi,mean_winner_capability,mean_winner_reputation,"
            + "rejected_bids";

    private final RoundsCsv out;
    private final List<MissionSpec> missions;

    private MissionsCsv(RoundsCsv out, List<MissionSpec> missions) {
        this.out = out;
        this.missions = missions;
    }

    public static MissionsCsv create(Path file, List<MissionSpec> missions) throws IOException {
        return new MissionsCsv(RoundsCsv.create(file, HEADER), missions);
    }

    /** Keeps the header and the rows of rounds up to {@code lastEpoch}, then appends. */
    public static MissionsCsv resume(Path file, List<MissionSpec> missions, int lastEpoch) throws IOException {
        return new MissionsCsv(RoundsCsv.resume(file, HEADER, lastEpoch), missions);
    }

    public void append(MissionMetrics m) throws IOException {
        MissionSpec spec = missions.get(m.mission());
        StringBuilder sb = new StringBuilder(256);
        sb.append(m.epoch()).append(',').append(spec.name()).append(',').append(m.policy());
        for (long v : new long[] {m.posted(), m.bidders(), m.awarded(), m.delivered(), m.failed()}) {
            sb.append(',').append(v);
        }
        sb.append(',').append(m.posted() == 0 ? "" : Money.format(m.price() * spec.tickSize()));
        sb.append(',').append(credits(m.meanPrice()));
        for (long v : new long[] {m.paid(), m.advanceLost(), m.subsidyPaid(), m.taxCollected(), m.escrow(),
            m.subsidyBalance()}) {
            sb.append(',').append(Money.format(v));
        }
        sb.append(',').append(m.completed());
        sb.append(',').append(decimal(m.completionRate()));
        sb.append(',').append(credits(m.costPerCompletedTask()));
        for (double v : new double[] {m.freeRidingShare(), m.paymentHhi(), m.meanWinnerCapability(),
            m.meanWinnerReputation()}) {
            sb.append(',').append(decimal(v));
        }
        sb.append(',').append(m.rejectedBids());
        out.appendRow(sb.toString());
    }

    private static String decimal(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** Micro-credits (a mean, so not whole) as credits with six decimals; empty for NaN. */
    private static String credits(double micros) {
        return Double.isNaN(micros) ? "" : String.format(Locale.ROOT, "%.6f", micros / Money.MICROS_PER_CREDIT);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
