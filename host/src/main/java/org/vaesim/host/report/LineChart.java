package org.vaesim.host.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: no scripts and no external files, so a report opens anywhere, offline.
 * Series share the x axis; optional vertical markers (e.g. circuit-breaker halts) are drawn behind them.
 */
public final class LineChart {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;
    /** Approximate width of a tick label's character (11px font), and a label line's height, in pixels. */
    private static final double CHAR_WIDTH = 6.2;
    private static final int LINE_HEIGHT = 12;
    private static final int MAX_LABEL_LINES = 3;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};

    /** A series; {@code points}: drawn as a dot per point rather than a line (a histogram's occupied bins). */
    record Series(String name, double[] x, double[] y, double[] low, double[] high, boolean points) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Double> markers = new ArrayList<>();
    /** Names of the x positions 1..n when the x axis is categorical (e.g. mechanisms), else null. */
    private List<String> categories;

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y, null, null, false));
        return this;
    }

    /** A series drawn as dots, unconnected: where a line between points would show what is not there. */
    LineChart points(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y, null, null, true));
        return this;
    }

    /** A shaded band from low to high around the series added last (a confidence interval). */
    LineChart band(double[] x, double[] low, double[] high) {
        Series last = series.removeLast();
        series.add(new Series(last.name(), x, last.y(), low, high, last.points()));
        return this;
    }

    public LineChart marker(double x) {
        markers.add(x);
        return this;
    }

    /**
     * {@code text} in lines of at most {@code chars} characters, broken at spaces (a longer word keeps its own
     * line); at most {@code max} lines, the last ending in an ellipsis when the text goes on.
     */
    static List<String> wrap(String text, int chars, int max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > chars) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        if (lines.size() > max) {
            lines = new ArrayList<>(lines.subList(0, max));
            lines.set(max - 1, lines.get(max - 1) + " \u2026");
        }
        return lines;
    }

    /** Makes the x axis categorical: x = 1..n are labelled with these names, and points are drawn as dots. */
    LineChart categories(List<String> names) {
        this.categories = List.copyOf(names);
        return this;
    }

    /**
     * The chart as a standalone SVG file: the same drawing with the report's chart styles inside it, so that it
     * renders the same outside report.html (in documentation, say).
     */
    String standaloneSvg() {
        String svg = svg();
        int close = svg.indexOf('>') + 1;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.substring(0, close)
                + "<style>svg{font-family:system-ui,sans-serif;background:#fff}" + HtmlReport.CSS.replace("\n", "")
                + "</style><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>" + svg.substring(close) + "\n";
    }

    public String svg() {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
                if (s.low() != null && Double.isFinite(s.low()[i]) && Double.isFinite(s.high()[i])) {
                    yMin = Math.min(yMin, s.low()[i]);
                    yMax = Math.max(yMax, s.high()[i]);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>", LEFT,
                Html.escape(title)));
        if (!Double.isFinite(xMin)) {
            b.append("<text x=\"").append(LEFT).append("\" y=\"120\">no data</text></svg>");
            return b.toString();
        }
        if (yMax == yMin) { // a flat series: give it a readable band around its value
            double half = Math.max(1, Math.abs(yMin) * 0.1);
            yMin -= half;
            yMax += half;
        }
        if (categories != null) { // a half step of room either side of the first and last category
            xMin = 0.5;
            xMax = categories.size() + 0.5;
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        double pad = (yMax - yMin) * 0.05;
        yMin -= pad;
        yMax += pad;
        int plotW = WIDTH - LEFT - RIGHT;
        // long category names wrap onto up to three lines under their dot; the plot gives up the room they take
        List<List<String>> names = new ArrayList<>();
        int lines = 1;
        if (categories != null) {
            int chars = Math.max(8, (int) (plotW / categories.size() / CHAR_WIDTH));
            for (String c : categories) {
                List<String> w = wrap(c, chars, MAX_LABEL_LINES);
                names.add(w);
                lines = Math.max(lines, w.size());
            }
        }
        int plotH = HEIGHT - TOP - BOTTOM - LINE_HEIGHT * (lines - 1);
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
                LEFT, TOP, plotW, plotH));
        for (int k = 0; k <= 4; k++) {
            double v = yMin + (yMax - yMin) * k / 4;
            double py = TOP + plotH - (double) plotH * k / 4;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
                    LEFT, LEFT + plotW, py, py, LEFT - 6, py + 4, number(v, yMax - yMin)));
            if (categories != null) {
                continue;
            }
            double xv = xMin + (xMax - xMin) * k / 4;
            double px = LEFT + (double) plotW * k / 4;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s"
                    + "</text>", px, TOP + plotH + 16, number(xv, xMax - xMin)));
        }
        if (categories != null) {
            for (int c = 0; c < categories.size(); c++) {
                double px = LEFT + (c + 1 - xMin) / (xMax - xMin) * plotW;
                List<String> w = names.get(c);
                for (int l = 0; l < w.size(); l++) {
                    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" "
                            + "text-anchor=\"middle\">%s</text>", px, TOP + plotH + 16 + LINE_HEIGHT * l,
                            Html.escape(w.get(l))));
                }
            }
        }
        for (double m : markers) {
            double px = LEFT + (m - xMin) / (xMax - xMin) * plotW;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"marker\"/>",
                    px, px, TOP, TOP + plotH));
        }
        int legendX = LEFT + 8;
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < ser.x().length; i++) {
                if (!Double.isFinite(ser.y()[i])) {
                    continue;
                }
                double px = LEFT + (ser.x()[i] - xMin) / (xMax - xMin) * plotW;
                double py = TOP + plotH - (ser.y()[i] - yMin) / (yMax - yMin) * plotH;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            String color = COLORS[s % COLORS.length];
            if (categories != null || ser.points()) {
                // categories are not a continuum: a dot per category, its band drawn as an error bar
                b.append(dots(ser, color, xMin, xMax, yMin, yMax, plotW, plotH));
            } else {
                if (ser.low() != null) {
                    b.append(band(ser, color, xMin, xMax, yMin, yMax, plotW, plotH));
                }
                b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" "
                        + "points=\"").append(pts.toString().trim()).append("\"/>");
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" class=\"legend\">%s</text>",
                    legendX, TOP + 14, color, Html.escape(ser.name())));
            legendX += 7 * ser.name().length() + 24; // about 7 px per character at 11 px
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
                LEFT + plotW / 2, HEIGHT - 6, Html.escape(xLabel)));
        b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"axis\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + plotH / 2, TOP + plotH / 2, Html.escape(yLabel)));
        b.append("</svg>");
        return b.toString();
    }

    /** A dot per point and, where the series has a band, a vertical bar from its low to its high value. */
    private static String dots(Series s, String color, double xMin, double xMax, double yMin, double yMax, int plotW,
                               int plotH) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.y()[i])) {
                continue;
            }
            double px = LEFT + (s.x()[i] - xMin) / (xMax - xMin) * plotW;
            if (s.low() != null && Double.isFinite(s.low()[i]) && Double.isFinite(s.high()[i])) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\" stroke-width=\"2\"/>", px, px,
                        TOP + plotH - (s.low()[i] - yMin) / (yMax - yMin) * plotH,
                        TOP + plotH - (s.high()[i] - yMin) / (yMax - yMin) * plotH, color));
            }
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", px,
                    TOP + plotH - (s.y()[i] - yMin) / (yMax - yMin) * plotH, color));
        }
        return b.toString();
    }

    /** The polygon between a series' low and high values, where both are finite. */
    private static String band(Series s, String color, double xMin, double xMax, double yMin, double yMax, int plotW,
                               int plotH) {
        StringBuilder upper = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.low()[i]) || !Double.isFinite(s.high()[i])) {
                continue;
            }
            double px = LEFT + (s.x()[i] - xMin) / (xMax - xMin) * plotW;
            upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", px,
                    TOP + plotH - (s.high()[i] - yMin) / (yMax - yMin) * plotH));
            lower.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", px,
                    TOP + plotH - (s.low()[i] - yMin) / (yMax - yMin) * plotH));
        }
        return upper.isEmpty() ? "" : "<polygon class=\"band\" fill=\"" + color + "\" points=\""
                + (upper.toString() + lower).trim() + "\"/>";
    }

    /** An axis label with enough decimals to tell labels {@code range / 4} apart. */
    private static String number(double v, double range) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-4)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int decimals = (int) Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(Math.max(range / 4, 1e-12)))));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
