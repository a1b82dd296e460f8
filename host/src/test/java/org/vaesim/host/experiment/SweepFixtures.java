package org.vaesim.host.experiment;

import java.io.OutputStream;
import java.io.PrintStream;

/** What the sweep tests share: a stream that drops progress, and the small ZI market they sweep over. */
final class SweepFixtures {
    /** Where a sweep's progress goes when a test does not read it. */
    static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private SweepFixtures() {
    }

    /** A small ZI market named zi that trades from the first epoch: {@code agents} buyers and as many sellers. */
    static String ziMarket(int epochs, int agents) {
        return """
            { "name": "zi", "seed": 1, "epochs": %d,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 5} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": %d, "cash": 100,
                 "params": {"side": "buy", "value_min": 4, "value_max": 6, "period": 2}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": %d, "inventory": 10,
                 "params": {"side": "sell", "value_min": 4, "value_max": 6, "period": 2}} ] }
            """.formatted(epochs, agents, agents);
    }
}
