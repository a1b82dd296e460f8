package org.vaesim.host.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The report's sell-off section on hand-made summaries and metrics, whose figures are counted by hand. */
class CrashSectionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Epochs 1-10 at 20, 20, 20, 20, then from the start at epoch 5: 19, 19, 18 (trough), 19, 21, 18.5. */
    private static HtmlReport.Metrics metrics() {
        double[] p = {20, 20, 20, 20, 19, 19, 18, 19, 21, 18.5};
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            rows.add(new double[] {i + 1, p[i], 100});
        }
        return new HtmlReport.Metrics(List.of("epoch", "a.price", "a.volume"), rows);
    }

    private static JsonNode summary(String crash) throws Exception {
        return JSON.readTree("{\"crash\": [" + crash + "]}");
    }

    /** The crash block of that path (pre-crash 20, trough 18 at epoch 7) with these recoveries and volume ratio. */
    private static JsonNode fall(String half, String full, String ratio) throws Exception {
        return summary("{\"market\": \"a\", \"start_epoch\": 5, \"pre_crash_price\": 20, \"trough_price\": 18,"
                + " \"trough_epoch\": 7, \"depth\": 0.1, \"epochs_to_trough\": 2, \"epochs_to_half_recovery\": " + half
                + ", \"epochs_to_full_recovery\": " + full + ", \"peak_volume_ratio\": " + ratio
                + ", \"took_off\": false}");
    }

    @Test
    void aSellOffShowsItsFiguresAndMarksTheTroughAndBothRecoveries() throws Exception {
        String html = CrashSection.of(fall("1", "2", "1"), metrics());
        assertTrue(html.startsWith("<h2>Sell-off</h2>"));
        for (String cell : List.of("<td>epoch 5</td>", "<td>20</td>",
                "<td>18 at epoch 7, 2 epochs after the start</td>", "<td>10.00%</td>", "<td>1</td>", "<td>2</td>",
                "<td>1.00</td>", "<td>no</td>")) {
            assertTrue(html.contains(cell), cell + " in " + html);
        }
        // the trough (7, 18), half way back at epoch 8 (19) and all the way at epoch 9 (21)
        assertEquals(3, html.split("<circle", -1).length - 1);
        assertTrue(html.contains("half-way back"), "the level of half recovery, 19, drawn");
        assertTrue(html.contains("class=\"marker\""), "the start marked");
    }

    @Test
    void aFallThatNeverRecoversSaysSoAndMarksOnlyTheTrough() throws Exception {
        String html = CrashSection.of(fall("null", "null", "null"), metrics());
        assertEquals(2, html.split("<td>not within the run</td>", -1).length - 1);
        assertTrue(html.contains("<td>(none)</td>"), "no pre-crash volume, no ratio");
        String older = CrashSection.of(summary("{\"market\": \"a\", \"start_epoch\": 5, \"pre_crash_price\": 20,"
                + " \"trough_price\": 18, \"trough_epoch\": 7, \"depth\": 0.1, \"epochs_to_trough\": 2}"), metrics());
        assertTrue(older.contains("<td>(not in this summary)</td>"), "a summary written before took_off existed");
        assertEquals(1, html.split("<circle", -1).length - 1);
    }

    @Test
    void aMarketThatCouldNotBeMeasuredShowsItsError() throws Exception {
        String html = CrashSection.of(summary("{\"market\": \"a\", \"error\": \"no column a.price <here>\"}"),
                metrics());
        assertTrue(html.contains("<p class=\"bad\">a: no column a.price &lt;here&gt;</p>"), html);
        assertEquals(0, html.split("<svg", -1).length - 1);
    }

    @Test
    void aRunWithoutASellOffHasNoSection() throws Exception {
        assertEquals("", CrashSection.of(JSON.readTree("{\"markets\": []}"), metrics()));
        assertEquals("", CrashSection.of(summary(""), metrics()));
    }
}
