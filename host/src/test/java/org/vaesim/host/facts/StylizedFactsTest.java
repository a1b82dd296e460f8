package org.vaesim.host.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** The verdicts on synthetic series whose facts are known, and the JSON and text they give. */
class StylizedFactsTest {

    private static ReturnSeries series(double[] r, double[] volume) {
        return new ReturnSeries("m", 0, r.length, 1, r, volume, 0, 0);
    }

    private static ReturnSeries series(double[] r) {
        double[] v = new double[r.length];
        Arrays.fill(v, 1);
        return series(r, v);
    }

    private static Boolean holds(StylizedFacts f, String key) {
        return f.facts().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow().holds();
    }

    /**
     * i.i.d. t3 returns: heavy tails on both sides (Hill at k = 2.5% of n = 20,000 is about 2.6, sd 0.12), no
     * autocorrelation (sd of each acf 0.007) and no volatility clustering; a constant volume cannot tell.
     */
    @Test
    void studentT3ReturnsHaveHeavyTailsButNoClustering() {
        StylizedFacts f = StylizedFacts.of(series(Synthetic.studentT3(20_000, 31)));
        assertEquals(500, f.right().k());
        assertEquals(2.6, f.right().alpha(), 0.5);
        assertEquals(2.6, f.left().alpha(), 0.5);
        assertTrue(holds(f, "heavy_tail_right"));
        assertTrue(holds(f, "heavy_tail_left"));
        assertTrue(holds(f, "no_return_autocorrelation"));
        assertFalse(holds(f, "volatility_clustering"));
        assertNull(holds(f, "volume_volatility_correlation"), "a constant volume has no correlation");
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
    }

    /** A Gaussian has thin tails (Hill about 6.0 at n = 100,000, sd 0.12) and excess kurtosis about 0. */
    @Test
    void gaussianReturnsHaveNoneOfTheTailFacts() {
        StylizedFacts f = StylizedFacts.of(series(Synthetic.gaussian(100_000, 32)));
        assertTrue(f.right().alpha() > 5.4 && f.left().alpha() > 5.4, f.right().alpha() + ", " + f.left().alpha());
        assertFalse(holds(f, "heavy_tail_right"));
        assertFalse(holds(f, "heavy_tail_left"));
        assertEquals(0, f.kurtosis()[0], 0.08);
        assertFalse(holds(f, "aggregational_gaussianity"));
        assertFalse(holds(f, "leverage_effect"));
    }

    /**
     * A persistent GARCH(1,1) (a = 0.1, b = 0.88: a finite fourth moment, acf of r^2 about 0.28 at lag 1 and 0.19 at
     * lag 20) clusters its volatility; it is symmetric, so it has no leverage effect.
     */
    @Test
    void garchReturnsClusterTheirVolatility() {
        StylizedFacts f = StylizedFacts.of(series(Synthetic.garch(50_000, 0.02, 0.1, 0.88, 33)));
        assertTrue(holds(f, "volatility_clustering"), f.facts().toString());
        assertTrue(f.absAcf()[19] > 3 * f.band(), "still clearly positive at lag 20: " + f.absAcf()[19]);
        assertTrue(holds(f, "no_return_autocorrelation"));
        assertFalse(holds(f, "leverage_effect"));
        assertTrue(holds(f, "aggregational_gaussianity"), "kurtosis " + Arrays.toString(f.kurtosis()));
    }

    @Test
    void theKnownLeverageProcessShowsTheLeverageEffectAndAVolumeThatFollowsVolatilityCorrelates() {
        double[] r = Synthetic.leverage(20_000, 0.5, 34);
        double[] volume = SeriesStats.abs(r);
        StylizedFacts f = StylizedFacts.of(series(r, volume));
        // mean over lags 1-10 of (-0.232, 0, ..., 0) is -0.023, beyond the band 1.96/sqrt(20,000) = 0.014
        assertEquals(-0.0232, SeriesStats.mean(f.leverage()), 0.01);
        assertTrue(holds(f, "leverage_effect"));
        assertEquals(1, f.volumeVolatility(), 1e-12);
        assertTrue(holds(f, "volume_volatility_correlation"));
    }

    /**
     * What issue 15 found in quickstart: a price that moves in ramps of exactly 3 ticks. Its returns are +-3 ticks
     * over a price that drifts only a little, so the top of each tail is nearly one value and the Hill estimate is
     * in the hundreds (issue 15 measured 234 and 265): no heavy tails.
     */
    @Test
    void quantisedRampsHaveNoTailIndexAndStrongAutocorrelation() {
        double[] price = new double[3001];
        price[0] = 2000;
        for (int t = 1; t < price.length; t++) {
            price[t] = price[t - 1] + ((t / 40) % 2 == 0 ? 3 : -3);
        }
        int[] epochs = new int[price.length];
        double[] volume = new double[price.length];
        for (int t = 0; t < epochs.length; t++) {
            epochs[t] = t;
            volume[t] = 1;
        }
        StylizedFacts f = StylizedFacts.of(ReturnSeries.of("asset", epochs, price, volume, 0));
        assertTrue(f.right().alpha() > 100 && f.left().alpha() > 100, f.right().alpha() + ", " + f.left().alpha());
        assertFalse(holds(f, "heavy_tail_right"));
        assertFalse(holds(f, "no_return_autocorrelation"));
        assertTrue(f.returnAcf()[0] > 0.9, "a ramp repeats its step: " + f.returnAcf()[0]);
    }

    @Test
    void tooFewReturnsIsAnErrorAndShortCoarseOrIdleSeriesComeWithWarnings() {
        assertThrows(IllegalArgumentException.class, () -> StylizedFacts.of(series(new double[29])));
        double[] r = Synthetic.gaussian(200, 35);
        Arrays.fill(r, 0, 50, 0.0);
        double[] v = new double[200];
        Arrays.fill(v, 50, 200, 1.0);
        StylizedFacts f = StylizedFacts.of(new ReturnSeries("m", 0, 2000, 10, r, v, 0.25, 0.25));
        assertEquals(3, f.warnings().size(), f.warnings().toString());
        assertTrue(f.warnings().get(0).startsWith("only 200 returns"));
        assertTrue(f.warnings().get(1).startsWith("25.0% of the returns are exactly 0"));
        assertTrue(f.warnings().get(2).contains("10 epochs"));
        assertFalse(Double.isNaN(f.kurtosis()[2]), "200 returns make 10 blocks of 20, the fewest allowed");
        assertTrue(Double.isNaN(StylizedFacts.of(series(Synthetic.gaussian(199, 35))).kurtosis()[2]), "9 blocks");
    }

    @Test
    void jsonHasEveryFigureAndNullWhereThereIsNone() {
        StylizedFacts f = StylizedFacts.of(series(Synthetic.studentT3(5_000, 36)));
        JsonNode j = FactsJson.of(f);
        assertEquals("m", j.path("market").asText());
        assertEquals(5_000, j.path("returns").asInt());
        assertEquals(StylizedFacts.RETURN_LAGS, j.path("return_acf").size());
        assertEquals(StylizedFacts.VOLATILITY_LAGS, j.path("abs_return_acf").size());
        assertEquals(StylizedFacts.VOLATILITY_LAGS, j.path("squared_return_acf").size());
        assertEquals(StylizedFacts.LEVERAGE_LAGS, j.path("leverage").size());
        assertEquals(3, j.path("excess_kurtosis").size());
        assertEquals(125, j.path("hill").path("right").path("k").asInt());
        assertTrue(j.path("hill").path("left").path("plot").size() > 10);
        assertEquals(8, j.path("facts").size());
        assertTrue(j.path("volume_volatility_correlation").isNull(), "constant volume");
        assertTrue(j.path("facts").get(7).path("holds").isNull());
        int held = 0;
        for (JsonNode x : j.path("facts")) {
            held += x.path("holds").asBoolean(false) ? 1 : 0;
        }
        int judged = 0;
        for (JsonNode x : j.path("facts")) {
            judged += x.path("holds").isNull() ? 0 : 1;
        }
        assertEquals(held, j.path("facts_held").asInt());
        assertEquals(judged, j.path("facts_judged").asInt());
        assertTrue(judged >= 6, "only volume-volatility, and the decay fit of a noise acf, can be undetermined");
        assertEquals(Math.round(f.absAcf()[0] * 1e6) / 1e6, j.path("abs_return_acf").get(0).asDouble(), 0);
    }

    @Test
    void aRunsBlockHasFactsPerMarketAndAnErrorWhereThereAreTooFewReturns(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("epoch,a.price,a.volume,b.price,b.volume\n");
        double[] r = Synthetic.studentT3(400, 37);
        double p = 100;
        for (int e = 1; e <= 400; e++) {
            p *= Math.exp(0.01 * r[e - 1]);
            csv.append(e).append(',').append(p).append(",5,").append(e <= 20 ? 1 + e : 21).append(",1\n");
        }
        Files.writeString(dir.resolve("metrics.csv"), csv);
        ArrayNode block = RunFacts.json(dir.resolve("metrics.csv"));
        assertEquals(2, block.size());
        assertEquals(40, block.get(0).path("from_epoch").asInt(), "burn-in: the first 10% of 400 epochs");
        assertEquals(360, block.get(0).path("returns").asInt());
        assertEquals(1.0, block.get(1).path("zero_return_share").asDouble(), "b stopped moving at epoch 20");
        assertEquals(0, block.get(1).path("facts_judged").asInt(), "a price that never moves tells nothing");
        assertEquals(2, RunFacts.of(dir.resolve("metrics.csv")).size());
        Files.writeString(dir.resolve("metrics.csv"), "epoch,a.price,a.volume\n1,1,1\n2,1.1,1\n");
        JsonNode tooShort = RunFacts.json(dir.resolve("metrics.csv")).get(0);
        assertEquals("a", tooShort.path("market").asText());
        assertEquals("market a has 1 returns after epoch 1; the facts need at least 30",
                tooShort.path("error").asText());
        Files.writeString(dir.resolve("metrics.csv"), "not,a,metrics,file\n");
        assertTrue(RunFacts.json(dir.resolve("metrics.csv")).get(0).path("error").asText().contains("not 'epoch'"));
    }
}
