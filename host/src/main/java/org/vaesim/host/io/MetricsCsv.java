package org.vaesim.host.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.stage.Stage;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Money;

/**
 * metrics.csv: one row per metrics epoch, wide format (one column group per market). Appends, flushing each
 * row, so a run that dies keeps every row it wrote; a resumed run first drops rows past its checkpoint.
 */
public final class MetricsCsv implements AutoCloseable {
    /** Per-market columns and their Parquet types (docs/outputs.md): ticks as INT32, counts as INT64. */
    private static final List<ParquetExport.Column> MARKET_COLUMNS = List.of(
            new ParquetExport.Column("price", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("volume", ParquetExport.Type.INT64),
            new ParquetExport.Column("best_bid", ParquetExport.Type.INT32),
            new ParquetExport.Column("best_ask", ParquetExport.Type.INT32),
            new ParquetExport.Column("spread_ticks", ParquetExport.Type.INT32),
            new ParquetExport.Column("drawdown", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("efficiency", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("zi_efficiency", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("rejects", ParquetExport.Type.INT64));

    private final RoundsCsv out;

    private MetricsCsv(RoundsCsv out) {
        this.out = out;
    }

    /** Every column in file order, with the type metrics.parquet gives it: the stages' (a gateway's) last. */
    public static List<ParquetExport.Column> columns(List<MarketSpec> markets, List<Stage> stages) {
        List<ParquetExport.Column> cols = new ArrayList<>();
        cols.add(new ParquetExport.Column("epoch", ParquetExport.Type.INT32));
        for (MarketSpec m : markets) {
            for (ParquetExport.Column c : MARKET_COLUMNS) {
                cols.add(new ParquetExport.Column(m.name() + "." + c.name(), c.type()));
            }
        }
        cols.add(new ParquetExport.Column("wealth_gini", ParquetExport.Type.DOUBLE));
        cols.add(new ParquetExport.Column("top1_share", ParquetExport.Type.DOUBLE));
        cols.add(new ParquetExport.Column("top10_share", ParquetExport.Type.DOUBLE));
        cols.add(new ParquetExport.Column("money_total", ParquetExport.Type.DOUBLE));
        cols.add(new ParquetExport.Column("wealth_gini_error", ParquetExport.Type.DOUBLE));
        cols.add(new ParquetExport.Column("mobility_shorrocks", ParquetExport.Type.DOUBLE));
        cols.add(new ParquetExport.Column("mobility_changed_share", ParquetExport.Type.DOUBLE));
        for (Stage s : stages) {
            cols.addAll(s.metricsColumns());
        }
        return cols;
    }

    public static String header(List<MarketSpec> markets, List<Stage> stages) {
        return String.join(",", columns(markets, stages).stream().map(ParquetExport.Column::name).toList());
    }

    /** Starts a new file with the header, the columns of {@code stages} (a run's, in epoch order) included. */
    public static MetricsCsv create(Path file, List<MarketSpec> markets, List<Stage> stages) throws IOException {
        return new MetricsCsv(RoundsCsv.create(file, header(markets, stages)));
    }

    /** Keeps the header and the rows up to {@code lastEpoch}, then appends. */
    public static MetricsCsv resume(Path file, List<MarketSpec> markets, List<Stage> stages, int lastEpoch)
            throws IOException {
        return new MetricsCsv(RoundsCsv.resume(file, header(markets, stages), lastEpoch));
    }

    public void append(MetricsRow r) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        sb.append(r.epoch());
        for (int m = 0; m < r.priceMicros().length; m++) {
            sb.append(',').append(Money.format(r.priceMicros()[m]));
            sb.append(',').append(r.volume()[m]);
            sb.append(',').append(r.bestBid()[m]);
            sb.append(',').append(r.bestAsk()[m]);
            int spread = r.bestBid()[m] > 0 && r.bestAsk()[m] > 0 ? r.bestAsk()[m] - r.bestBid()[m] : 0;
            sb.append(',').append(r.bestBid()[m] > 0 && r.bestAsk()[m] > 0 ? Integer.toString(spread) : "");
            sb.append(',').append(decimal(r.drawdown()[m]));
            sb.append(',').append(Double.isNaN(r.efficiency()[m]) ? "" : decimal(r.efficiency()[m]));
            sb.append(',').append(Double.isNaN(r.ziEfficiency()[m]) ? "" : decimal(r.ziEfficiency()[m]));
            sb.append(',').append(r.rejects()[m]);
        }
        sb.append(',').append(decimal(r.wealth().gini().estimate()));
        sb.append(',').append(decimal(r.wealth().top1Share().estimate()));
        sb.append(',').append(decimal(r.wealth().top10Share().estimate()));
        sb.append(',').append(Money.format(r.moneyTotal()));
        sb.append(',').append(decimal(r.wealth().gini().error()));
        sb.append(',').append(r.mobility() == null ? "" : decimal(r.mobility().shorrocks()));
        sb.append(',').append(r.mobility() == null ? "" : decimal(r.mobility().changedShare()));
        sb.append(r.stageCells());
        out.appendRow(sb.toString());
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
