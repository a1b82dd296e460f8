package org.vaesim.host.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.facts.Crash;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report's sell-off (docs/experiments/flash-crash.md): per market in summary.json's {@code crash} block, its
 * figures and the price path around it, with the pre-crash level, the half-way level, the start of the sell
 * algorithm, the trough and the epochs the price got back half way and all the way marked.
 */
final class CrashSection {
    /** Epochs of the path drawn before the sell algorithm starts: the pre-crash window and as much again. */
    static final int EPOCHS_BEFORE = 2 * Crash.PRE_CRASH_EPOCHS;

    private CrashSection() {
    }

    /** The section, or "" when the summary has no {@code crash} block. */
    static String of(JsonNode summary, HtmlReport.Metrics m) {
        JsonNode crashes = summary.path("crash");
        if (!crashes.isArray() || crashes.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Sell-off</h2>");
        b.append("<p>Measured from the pre-crash level (the mean last price of the ").append(Crash.PRE_CRASH_EPOCHS)
                .append(" epochs before the sell algorithm starts), never from a peak the price overshot to;"
                        + " docs/experiments/flash-crash.md defines each figure.</p>");
        for (JsonNode c : crashes) {
            if (c.has("error")) {
                b.append("<p class=\"bad\">").append(Html.escape(c.path("market").asText("(no market)")))
                        .append(": ").append(Html.escape(c.path("error").asText())).append("</p>");
            } else {
                b.append(market(c, m));
            }
        }
        return b.toString();
    }

    private static String market(JsonNode c, HtmlReport.Metrics m) {
        String name = c.path("market").asText();
        int start = c.path("start_epoch").asInt();
        int trough = c.path("trough_epoch").asInt();
        double pre = c.path("pre_crash_price").asDouble();
        double troughPrice = c.path("trough_price").asDouble();
        StringBuilder b = new StringBuilder();
        b.append(Html.keyValues(List.of(
                List.of(name + ": sell algorithm starts", "epoch " + start),
                List.of("pre-crash level", number(pre)),
                List.of("trough", number(troughPrice) + " at epoch " + trough + ", "
                        + c.path("epochs_to_trough").asText() + " epochs after the start"),
                List.of("depth below the pre-crash level", String.format(Locale.ROOT, "%.2f%%",
                        100 * c.path("depth").asDouble())),
                List.of("epochs from the trough to half recovery", epochsOrNever(c.path("epochs_to_half_recovery"))),
                List.of("epochs from the trough to full recovery", epochsOrNever(c.path("epochs_to_full_recovery"))),
                List.of("peak volume over the pre-crash mean", c.path("peak_volume_ratio").isNumber()
                        ? String.format(Locale.ROOT, "%.2f", c.path("peak_volume_ratio").asDouble()) : "(none)"),
                List.of("took off (the ratio at least " + number(Crash.TAKE_OFF_VOLUME_RATIO) + ")", tookOff(c)))));
        double[] epoch = m.column("epoch");
        double[] price = m.column(name + ".price");
        int from = 0;
        while (from < epoch.length && epoch[from] < start - EPOCHS_BEFORE) {
            from++;
        }
        if (from == epoch.length) {
            return b.append("<p>No metrics rows to draw the path from.</p>").toString();
        }
        double[] x = Arrays.copyOfRange(epoch, from, epoch.length);
        double[] ends = {x[0], x[x.length - 1]};
        double half = pre - (pre - troughPrice) / 2;
        LineChart chart = new LineChart(name + ": the sell-off, from the pre-crash level", "epoch", "credits")
                .add("last price", x, Arrays.copyOfRange(price, from, price.length))
                .add("pre-crash level", ends, new double[] {pre, pre})
                .add("half-way back", ends, new double[] {half, half})
                .marker(start);
        List<double[]> marks = new ArrayList<>(List.of(new double[] {trough, troughPrice}));
        for (String field : List.of("epochs_to_half_recovery", "epochs_to_full_recovery")) {
            if (c.path(field).isNumber()) {
                double at = trough + c.path(field).asDouble();
                marks.add(new double[] {at, priceAt(epoch, price, at)});
            }
        }
        double[] mx = marks.stream().mapToDouble(p -> p[0]).toArray();
        double[] my = marks.stream().mapToDouble(p -> p[1]).toArray();
        chart.points("trough, half and full recovery", mx, my);
        return b.append(chart.svg()).append("<p>The vertical line marks the algorithm's start; the dots, in order,"
                + " the trough and the first epochs the price was back half way and all the way.</p>").toString();
    }

    /** The last price recorded at epoch {@code at}; NaN when no row is (the point is then not drawn). */
    private static double priceAt(double[] epoch, double[] price, double at) {
        for (int i = 0; i < epoch.length; i++) {
            if (epoch[i] == at) {
                return price[i];
            }
        }
        return Double.NaN;
    }

    /** yes or no; a summary written before the field existed says so rather than no. */
    private static String tookOff(JsonNode c) {
        return !c.has("took_off") ? "(not in this summary)" : c.path("took_off").asBoolean() ? "yes" : "no";
    }

    private static String epochsOrNever(JsonNode n) {
        return n.isNumber() ? n.asText() : "not within the run";
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
