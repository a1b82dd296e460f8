package org.vaesim.host.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A market's log returns from metrics.csv (docs/facts.md). The price in a row is the last clearing price after that
 * epoch, carried over from the last epoch that traded, so an epoch without a trade gives a return of exactly 0;
 * the share of such returns is kept, because a market that rarely trades shows spurious facts. Rows are taken at
 * the metrics interval (the most common distance between rows: metrics_every), from {@code fromEpoch} on, and a
 * return is formed only between rows exactly one interval apart (the short last interval of a run whose length is
 * not a multiple of metrics_every is left out).
 *
 * @param fromEpoch      the first row's epoch used (the returns start one row later)
 * @param toEpoch        the last row's epoch used
 * @param intervalEpochs epochs per return
 * @param returns        ln(p_t / p_{t-1}), in epoch order
 * @param volume         the volume of the epoch that set p_t, aligned with {@code returns}
 * @param zeroShare      the share of returns that are exactly 0
 * @param noTradeShare   the share of returns whose epoch did not trade (volume 0)
 */
public record ReturnSeries(String market, int fromEpoch, int toEpoch, int intervalEpochs, double[] returns,
                           double[] volume, double zeroShare, double noTradeShare) {

    /**
     * The returns of rows {@code epochs} (ascending) with prices and volumes, using rows at or after {@code from}.
     *
     * @throws IllegalArgumentException if a price used is not positive
     */
    public static ReturnSeries of(String market, int[] epochs, double[] price, double[] volume, int from) {
        int interval = interval(epochs);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] >= from && (epochs[i] - epochs[0]) % interval == 0) {
                rows.add(i);
            }
        }
        double[] r = new double[Math.max(0, rows.size() - 1)];
        double[] v = new double[r.length];
        int n = 0;
        int zeros = 0;
        int idle = 0;
        for (int j = 1; j < rows.size(); j++) {
            int a = rows.get(j - 1);
            int b = rows.get(j);
            if (epochs[b] - epochs[a] != interval) {
                continue;
            }
            for (int i : new int[] {a, b}) {
                if (!(price[i] > 0)) {
                    throw new IllegalArgumentException("market " + market + ": price " + price[i] + " at epoch "
                            + epochs[i] + " is not positive, so it has no log return");
                }
            }
            r[n] = Math.log(price[b] / price[a]);
            v[n] = volume[b];
            zeros += r[n] == 0 ? 1 : 0;
            idle += v[n] == 0 ? 1 : 0;
            n++;
        }
        int first = rows.isEmpty() ? from : epochs[rows.getFirst()];
        int last = rows.isEmpty() ? from : epochs[rows.getLast()];
        return new ReturnSeries(market, first, last, interval, java.util.Arrays.copyOf(r, n),
                java.util.Arrays.copyOf(v, n), n == 0 ? Double.NaN : (double) zeros / n,
                n == 0 ? Double.NaN : (double) idle / n);
    }

    /** The most common distance between consecutive epochs (1 for fewer than two rows); ties go to the smaller. */
    static int interval(int[] epochs) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = 1;
        int bestCount = 0;
        for (int i = 1; i < epochs.length; i++) {
            int d = epochs[i] - epochs[i - 1];
            int c = counts.merge(d, 1, Integer::sum);
            if (d > 0 && (c > bestCount || c == bestCount && d < best)) {
                best = d;
                bestCount = c;
            }
        }
        return best;
    }

    /** metrics.csv's columns by name: the epoch and each market's price and volume are what the facts read. */
    public record MetricsColumns(List<String> markets, int[] epochs, Map<String, double[]> columns) {
        /**
         * Reads {@code file}; markets are the column groups that have both {@code <market>.price} and
         * {@code <market>.volume}, in file order.
         *
         * @throws IllegalArgumentException if the file has no epoch column or a cell is not a number
         */
        public static MetricsColumns read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file + ": empty, not a metrics.csv");
            }
            String[] header = lines.getFirst().split(",", -1);
            if (!header[0].equals("epoch")) {
                throw new IllegalArgumentException(file + ": the first column is '" + header[0]
                        + "', not 'epoch': not a metrics.csv");
            }
            List<String> names = List.of(header);
            List<String> markets = new ArrayList<>();
            Map<String, double[]> columns = new HashMap<>();
            for (String h : header) {
                if (h.endsWith(".price") && names.contains(h.substring(0, h.length() - 6) + ".volume")) {
                    markets.add(h.substring(0, h.length() - 6));
                }
            }
            int rows = lines.size() - 1;
            int[] epochs = new int[rows];
            List<double[]> read = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (String m : markets) {
                for (String c : List.of(m + ".price", m + ".volume")) {
                    double[] column = new double[rows];
                    columns.put(c, column);
                    read.add(column);
                    at.add(names.indexOf(c));
                }
            }
            for (int r = 0; r < rows; r++) {
                String[] cells = lines.get(r + 1).split(",", -1);
                try {
                    epochs[r] = Integer.parseInt(cells[0]);
                    for (int c = 0; c < read.size(); c++) {
                        int i = at.get(c);
                        read.get(c)[r] = i < cells.length ? Double.parseDouble(cells[i]) : Double.NaN;
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": row " + (r + 2) + " is not numbers where the facts "
                            + "need them (" + e.getMessage() + ")");
                }
            }
            return new MetricsColumns(List.copyOf(markets), epochs, columns);
        }

        /** The last row's epoch (0 for a file without rows). */
        public int lastEpoch() {
            return epochs.length == 0 ? 0 : epochs[epochs.length - 1];
        }

        /** Market {@code m}'s returns from epoch {@code from} on. */
        public ReturnSeries returns(String m, int from) {
            return ReturnSeries.of(m, epochs, columns.get(m + ".price"), columns.get(m + ".volume"), from);
        }
    }
}
