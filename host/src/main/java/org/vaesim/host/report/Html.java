package org.vaesim.host.report;

import java.util.List;

/** The little HTML the report needs, its stages' sections included ({@code StageKind.report}): escaping and tables. */
public final class Html {
    private Html() {
    }

    /** {@code text} with &lt;, &gt;, &amp; and quotes escaped. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Long decimals from JSON shown shorter: 103921.415798 as 103921.42, 0.0626794258 as 0.06268 (four
     * significant digits below 1); everything else as it is.
     */
    static String readable(String cell) {
        if (!cell.matches("-?\\d+\\.\\d{5,}(E-?\\d+)?")) {
            return cell;
        }
        java.math.BigDecimal v = new java.math.BigDecimal(cell);
        java.math.BigDecimal shown = v.abs().compareTo(java.math.BigDecimal.ONE) >= 0
                ? v.setScale(2, java.math.RoundingMode.HALF_EVEN) : v.round(new java.math.MathContext(4));
        return shown.stripTrailingZeros().toPlainString();
    }

    /** A two-column table of labels and values. */
    public static String keyValues(List<List<String>> pairs) {
        StringBuilder b = new StringBuilder("<table>");
        for (List<String> pair : pairs) {
            b.append("<tr><th>").append(escape(pair.get(0))).append("</th><td>").append(escape(pair.get(1)))
                    .append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /** A table with a header row; cells escaped (and long numbers made readable). */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            b.append("<th>").append(escape(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(escape(readable(cell))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
