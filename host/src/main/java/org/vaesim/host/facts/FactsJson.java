package org.vaesim.host.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The facts as JSON: summary.json's {@code facts} block and {@code vaesim facts --json} (docs/facts.md). */
public final class FactsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FactsJson() {
    }

    /** One market's facts. Numbers are rounded to 6 decimals; what is not a number (NaN, infinite) is null. */
    public static ObjectNode of(StylizedFacts f) {
        ReturnSeries s = f.series();
        ObjectNode n = JSON.createObjectNode();
        n.put("market", s.market());
        n.put("from_epoch", s.fromEpoch());
        n.put("to_epoch", s.toEpoch());
        n.put("interval_epochs", s.intervalEpochs());
        n.put("returns", s.returns().length);
        number(n, "zero_return_share", s.zeroShare());
        number(n, "no_trade_share", s.noTradeShare());
        int held = 0;
        int judged = 0;
        ArrayNode facts = n.putArray("facts");
        for (StylizedFacts.Fact fact : f.facts()) {
            ObjectNode o = facts.addObject();
            o.put("key", fact.key());
            o.put("name", fact.name());
            number(o, "value", fact.value());
            o.put("shown", fact.shown());
            o.put("reference", fact.reference());
            o.put("source", fact.source());
            if (fact.holds() == null) {
                o.putNull("holds");
            } else {
                o.put("holds", fact.holds());
                judged++;
                held += fact.holds() ? 1 : 0;
            }
        }
        n.put("facts_held", held);
        n.put("facts_judged", judged);
        ArrayNode warnings = n.putArray("warnings");
        f.warnings().forEach(warnings::add);
        number(n, "acf_band", f.band());
        numbers(n.putArray("return_acf"), f.returnAcf());
        numbers(n.putArray("abs_return_acf"), f.absAcf());
        numbers(n.putArray("squared_return_acf"), f.squaredAcf());
        number(n, "abs_acf_decay_exponent", f.absDecayExponent());
        ObjectNode hill = n.putObject("hill");
        hill.put("k_rule", "k = 2.5% of the returns in each tail (together the top 5% of |r|); range over k = 1% to"
                + " 5% of the returns");
        tail(hill.putObject("right"), f.right());
        tail(hill.putObject("left"), f.left());
        ArrayNode kurt = n.putArray("excess_kurtosis");
        for (int h = 0; h < StylizedFacts.HORIZONS.length; h++) {
            ObjectNode o = kurt.addObject();
            o.put("horizon", StylizedFacts.HORIZONS[h]);
            number(o, "value", f.kurtosis()[h]);
        }
        number(n, "volume_volatility_correlation", f.volumeVolatility());
        numbers(n.putArray("leverage"), f.leverage());
        number(n, "skewness", f.skewness());
        return n;
    }

    private static void tail(ObjectNode o, StylizedFacts.Tail t) {
        o.put("returns", t.size());
        o.put("k", t.k());
        number(o, "alpha", t.alpha());
        number(o, "standard_error", t.standardError());
        o.put("k_low", t.kLow());
        o.put("k_high", t.kHigh());
        number(o, "alpha_min", t.alphaMin());
        number(o, "alpha_max", t.alphaMax());
        ArrayNode plot = o.putArray("plot");
        for (Hill.Point p : t.plot()) {
            ArrayNode point = plot.addArray();
            point.add(p.k());
            if (Double.isFinite(p.alpha())) {
                point.add(round(p.alpha()));
            } else {
                point.addNull();
            }
        }
    }

    private static void numbers(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(round(v));
            } else {
                a.addNull();
            }
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, round(v));
        } else {
            o.putNull(field);
        }
    }

    /** v to 6 decimals (beyond 10^9 as it is: the product would overflow a long). */
    private static double round(double v) {
        return Math.abs(v) >= 1e9 ? v : Math.round(v * 1e6) / 1e6;
    }
}
