package org.vaesim.host.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.models.gateway.GatewaySpec;
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

    /** The gateway's columns (after the others, only with a gateway) and their types (docs/outputs.md). */
    private static final List<ParquetExport.Column> GATEWAY_COLUMNS = List.of(
            new ParquetExport.Column("gateway.open", ParquetExport.Type.INT32),
            new ParquetExport.Column("gateway.rate", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("gateway.agent_currency_out", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("gateway.agent_currency_in", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("gateway.fees", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("gateway.external_pnl", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("gateway.exposure", ParquetExport.Type.DOUBLE));
    private static final List<ParquetExport.Column> LINK_COLUMNS = List.of(
            new ParquetExport.Column("external_price", ParquetExport.Type.DOUBLE),
            new ParquetExport.Column("exported", ParquetExport.Type.INT64),
            new ParquetExport.Column("imported", ParquetExport.Type.INT64));

    /** Every column in file order, with the type metrics.parquet gives it, for a scenario without a gateway. */
    public static List<ParquetExport.Column> columns(List<MarketSpec> markets) {
        return columns(markets, null);
    }

    /** Every column in file order, with the type metrics.parquet gives it. */
    public static List<ParquetExport.Column> columns(List<MarketSpec> markets, GatewaySpec gateway) {
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
        if (gateway != null) {
            cols.addAll(GATEWAY_COLUMNS);
            for (GatewaySpec.Link link : gateway.links()) {
                for (ParquetExport.Column c : LINK_COLUMNS) {
                    cols.add(new ParquetExport.Column(markets.get(link.marketIndex()).name() + "." + c.name(),
                            c.type()));
                }
            }
        }
        return cols;
    }

    public static String header(List<MarketSpec> markets) {
        return header(markets, null);
    }

    public static String header(List<MarketSpec> markets, GatewaySpec gateway) {
        return String.join(",", columns(markets, gateway).stream().map(ParquetExport.Column::name).toList());
    }

    /** Starts a new file with the header. */
    public static MetricsCsv create(Path file, List<MarketSpec> markets) throws IOException {
        return create(file, markets, null);
    }

    /** Starts a new file with the header, gateway columns included when there is a gateway. */
    public static MetricsCsv create(Path file, List<MarketSpec> markets, GatewaySpec gateway) throws IOException {
        return new MetricsCsv(RoundsCsv.create(file, header(markets, gateway)));
    }

    /** Keeps the header and the rows up to {@code lastEpoch}, then appends. */
    public static MetricsCsv resume(Path file, List<MarketSpec> markets, int lastEpoch) throws IOException {
        return resume(file, markets, null, lastEpoch);
    }

    /** Keeps the header and the rows up to {@code lastEpoch}, then appends. */
    public static MetricsCsv resume(Path file, List<MarketSpec> markets, GatewaySpec gateway, int lastEpoch)
            throws IOException {
        return new MetricsCsv(RoundsCsv.resume(file, header(markets, gateway), lastEpoch));
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
        MetricsRow.Gateway g = r.gateway();
        if (g != null) {
            sb.append(',').append(g.open() ? 1 : 0);
            sb.append(',').append(Money.format(g.rate()));
            sb.append(',').append(Money.format(g.acOut()));
            sb.append(',').append(Money.format(g.acIn()));
            sb.append(',').append(Money.format(g.fees()));
            sb.append(',').append(Money.format(g.externalPnl()));
            sb.append(',').append(Money.format(g.exposure()));
            for (int l = 0; l < g.externalPrice().length; l++) {
                sb.append(',').append(Money.format(g.externalPrice()[l]));
                sb.append(',').append(g.exported()[l]);
                sb.append(',').append(g.imported()[l]);
            }
        }
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
