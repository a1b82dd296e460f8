package org.vaesim.host.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The short results of a run, read from its summary.json: per market the last price against its fundamental, the
 * largest drawdown, the units traded, the epochs halted and the breaker trips; the wealth Gini; whether money and
 * goods were conserved; and the run's warnings. {@code vaesim run} and {@code resume} print it at the end
 * ({@link #text}), report.html shows it at the top ({@link #html}), so both say the same (docs/outputs.md).
 */
public final class ResultsBlock {
    static final List<String> HEADER = List.of("market", "last price", "fundamental", "vs fundamental",
            "max drawdown", "units traded", "halted epochs", "breaker trips");

    private ResultsBlock() {
    }

    /** One row per market, cells as {@link #HEADER} names them. */
    static List<List<String>> rows(JsonNode summary) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode m : summary.path("markets")) {
            BigDecimal last = m.path("last_price").decimalValue();
            BigDecimal fundamental = m.path("fundamental").decimalValue();
            double gap = fundamental.signum() == 0 ? 0 : last.subtract(fundamental).doubleValue()
                    / fundamental.doubleValue();
            JsonNode a = m.path("activity");
            rows.add(List.of(m.path("name").asText(), last.toPlainString(), fundamental.toPlainString(),
                    String.format(Locale.ROOT, "%+.1f%%", 100 * gap),
                    String.format(Locale.ROOT, "%.1f%%", 100 * m.path("max_drawdown").asDouble()),
                    String.format(Locale.ROOT, "%,d", m.path("volume").asLong()),
                    a.isMissingNode() ? "-" : a.path("halted").asText() + " of " + a.path("epochs").asText(),
                    m.path("breaker_trips").asText()));
        }
        return rows;
    }

    /** The lines under the table: the wealth Gini, conservation, and where the halted epochs were counted from. */
    static List<String> notes(JsonNode summary) {
        List<String> notes = new ArrayList<>();
        JsonNode w = summary.path("wealth");
        if (!w.isMissingNode()) {
            notes.add(String.format(Locale.ROOT, "wealth Gini %.4f at epoch %d", w.path("gini").asDouble(),
                    w.path("epoch").asInt()));
        }
        JsonNode c = summary.path("conservation");
        if (!c.isMissingNode()) {
            notes.add(c.path("all_conserved").asBoolean(false)
                    ? "conservation: money and every good conserved exactly (" + c.path("money_final").decimalValue()
                    .toPlainString() + " credits)"
                    : "conservation: NOT conserved, see the warnings and summary.json's conservation");
        }
        int from = summary.path("markets").path(0).path("activity").path("from_epoch").asInt(0);
        if (from > 0) {
            notes.add("halted epochs counted since epoch " + from + " (the checkpoint resumed from kept no counts)");
        }
        return notes;
    }

    /** The block as lines of text: a title, the table with aligned columns, the notes, then each warning. */
    public static List<String> text(JsonNode summary) {
        List<String> lines = new ArrayList<>();
        lines.add("vaesim: results after " + summary.path("completed_epochs").asText() + " of "
                + summary.path("epochs").asText() + " epochs (" + summary.path("status").asText() + "):");
        List<List<String>> table = new ArrayList<>();
        table.add(HEADER);
        table.addAll(rows(summary));
        int[] width = new int[HEADER.size()];
        for (List<String> row : table) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : table) {
            StringBuilder b = new StringBuilder(" ");
            for (int i = 0; i < width.length; i++) {
                String cell = row.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                b.append("  ").append(i == 0 ? cell + pad : pad + cell); // names left, numbers right
            }
            lines.add(b.toString().stripTrailing());
        }
        for (String note : notes(summary)) {
            lines.add("   " + note);
        }
        return lines;
    }

    /** The warnings' messages, as summary.json lists them. */
    public static List<String> warnings(JsonNode summary) {
        List<String> messages = new ArrayList<>();
        for (JsonNode w : summary.path("warnings")) {
            messages.add(w.path("message").asText());
        }
        return messages;
    }

    /** The block as HTML: the table, the notes, and the warnings in red. */
    static String html(JsonNode summary) {
        StringBuilder b = new StringBuilder("<h2>Results</h2>");
        b.append(Html.table(HEADER, rows(summary)));
        for (String note : notes(summary)) {
            b.append("<p>").append(Html.escape(note)).append("</p>");
        }
        List<String> warnings = warnings(summary);
        if (!warnings.isEmpty()) {
            b.append("<ul class=\"bad\">");
            for (String w : warnings) {
                b.append("<li>warning: ").append(Html.escape(w)).append("</li>");
            }
            b.append("</ul>");
        }
        return b.toString();
    }
}
