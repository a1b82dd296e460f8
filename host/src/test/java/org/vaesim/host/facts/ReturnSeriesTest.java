package org.vaesim.host.facts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReturnSeriesTest {

    @Test
    void logReturnsWithCarriedPricesGiveZeroReturnsThatAreCounted() {
        // epochs 2 and 4 did not trade: metrics.csv carries the last price, so their returns are exactly 0
        int[] epochs = {1, 2, 3, 4, 5};
        double[] price = {10, 10, 11, 11, 12.1};
        double[] volume = {5, 0, 3, 0, 2};
        ReturnSeries s = ReturnSeries.of("m", epochs, price, volume, 0);
        assertArrayEquals(new double[] {0, Math.log(1.1), 0, Math.log(1.1)}, s.returns(), 1e-15);
        assertArrayEquals(new double[] {0, 3, 0, 2}, s.volume());
        assertEquals(0.5, s.zeroShare());
        assertEquals(0.5, s.noTradeShare());
        assertEquals(1, s.intervalEpochs());
        assertEquals(1, s.fromEpoch());
        assertEquals(5, s.toEpoch());
    }

    @Test
    void burnInLeavesOutEarlierRowsAndTheShortLastIntervalIsDropped() {
        // metrics_every 10 over 35 epochs: rows 10, 20, 30 and the final 35
        int[] epochs = {10, 20, 30, 35};
        double[] price = {1, 2, 4, 100};
        double[] volume = {1, 1, 1, 1};
        ReturnSeries all = ReturnSeries.of("m", epochs, price, volume, 0);
        assertEquals(10, all.intervalEpochs());
        assertArrayEquals(new double[] {Math.log(2), Math.log(2)}, all.returns(), 1e-15);
        ReturnSeries late = ReturnSeries.of("m", epochs, price, volume, 15);
        assertArrayEquals(new double[] {Math.log(2)}, late.returns(), 1e-15);
        assertEquals(20, late.fromEpoch());
    }

    @Test
    void aNonPositivePriceIsAnErrorNamingTheEpoch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReturnSeries.of("asset", new int[] {1, 2}, new double[] {1, 0}, new double[] {1, 1}, 0));
        assertTrue(e.getMessage().contains("asset") && e.getMessage().contains("epoch 2"), e.getMessage());
    }

    @Test
    void readsEachMarketsPriceAndVolumeFromMetricsCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, """
                epoch,a.price,a.volume,a.efficiency,b.price,b.volume,wealth_gini,b.external_price,b.exported
                1,1.5,3,,2,7,0.1,9,0
                2,1.5,0,,2.2,1,0.1,9,0
                """);
        ReturnSeries.MetricsColumns cols = ReturnSeries.MetricsColumns.read(csv);
        assertEquals(java.util.List.of("a", "b"), cols.markets(), "external_price is not a market's price");
        assertEquals(2, cols.lastEpoch());
        ReturnSeries b = cols.returns("b", 0);
        assertArrayEquals(new double[] {Math.log(1.1)}, b.returns(), 1e-15);
        assertArrayEquals(new double[] {1}, b.volume());
    }

    @Test
    void aFileThatIsNotMetricsIsAClearError(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "time,a.price,a.volume\n1,1,1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReturnSeries.MetricsColumns.read(csv))
                .getMessage().contains("not 'epoch'"));
        Files.writeString(csv, "epoch,a.price,a.volume\n1,x,1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReturnSeries.MetricsColumns.read(csv))
                .getMessage().contains("row 2"));
    }
}
