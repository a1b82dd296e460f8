package org.vaesim.host.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Money;

/**
 * metrics.csv: one row per metrics epoch, wide format (one column group per market). Appends, flushing each
 * row, so a run that dies keeps every row it wrote; a resumed run first drops rows past its checkpoint.
 */
public final class MetricsCsv implements AutoCloseable {
    private static final String[] MARKET_COLUMNS =
            {"price", "volume", "best_bid", "best_ask", "spread_ticks", "drawdown", "efficiency", "rejects"};

    private final BufferedWriter out;

    private MetricsCsv(BufferedWriter out) {
        this.out = out;
    }

    public static String header(List<MarketSpec> markets) {
        List<String> cols = new ArrayList<>();
        cols.add("epoch");
        for (MarketSpec m : markets) {
            for (String c : MARKET_COLUMNS) {
                cols.add(m.name() + "." + c);
            }
        }
        cols.add("wealth_gini");
        cols.add("top1_share");
        cols.add("top10_share");
        cols.add("money_total");
        cols.add("wealth_gini_error");
        cols.add("mobility_shorrocks");
        cols.add("mobility_changed_share");
        return String.join(",", cols);
    }

    /** Starts a new file with the header. */
    public static MetricsCsv create(Path file, List<MarketSpec> markets) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write(header(markets));
        w.newLine();
        w.flush();
        return new MetricsCsv(w);
    }

    /** Keeps the header and the rows up to {@code lastEpoch}, then appends. */
    public static MetricsCsv resume(Path file, List<MarketSpec> markets, int lastEpoch) throws IOException {
        if (!Files.exists(file)) {
            return create(file, markets);
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (kept.isEmpty()) {
                kept.add(line);
                continue;
            }
            int comma = line.indexOf(',');
            if (comma > 0 && Integer.parseInt(line.substring(0, comma)) <= lastEpoch) {
                kept.add(line);
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
        return new MetricsCsv(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
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
            sb.append(',').append(r.rejects()[m]);
        }
        sb.append(',').append(decimal(r.wealth().gini().estimate()));
        sb.append(',').append(decimal(r.wealth().top1Share().estimate()));
        sb.append(',').append(decimal(r.wealth().top10Share().estimate()));
        sb.append(',').append(Money.format(r.moneyTotal()));
        sb.append(',').append(decimal(r.wealth().gini().error()));
        sb.append(',').append(r.mobility() == null ? "" : decimal(r.mobility().shorrocks()));
        sb.append(',').append(r.mobility() == null ? "" : decimal(r.mobility().changedShare()));
        out.write(sb.toString());
        out.newLine();
        out.flush();
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
