package org.vaesim.host.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The report of a real run: self-contained (no scripts, no network), a chart per series with its data drawn,
 * and, where Chromium is installed, rendered by a real headless browser into a picture with the plots in it.
 */
class HtmlReportTest {
    @TempDir
    static Path tmp;
    static Path run;
    static String html;

    @BeforeAll
    static void runFlashCrashWithBreakers() throws Exception {
        ObjectNode tree = Fixtures.tree("flash-crash-breakers.json");
        tree.put("epochs", 200);
        Path file = Fixtures.write(tmp, "s.json", tree);
        run = tmp.resolve("run");
        RunSession.start(Fixtures.scenario(tree), file, run, "java", 2, new PrintStream(OutputStream.nullOutputStream()),
                true);
        html = Files.readString(run.resolve(HtmlReport.FILE), StandardCharsets.UTF_8);
    }

    @Test
    void runWritesASelfContainedReport() {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no links out");
        assertFalse(html.contains("https://"), "no network access needed");
        assertTrue(html.contains("flash-crash-breakers"));
        assertTrue(html.contains("Money and every good conserved exactly."));
        assertTrue(html.contains("breaker_halt"), "the breaker halts are listed");
        assertTrue(html.contains("exact value in ["), "the Gini's guaranteed interval");
        assertTrue(html.contains("Shorrocks"), "rank mobility");
    }

    @Test
    void everyChartDrawsItsSeries() {
        // the sell-off's and the stylized facts' charts (a window of epochs, lags, k, standardized returns) are
        // checked on their own below
        String html = HtmlReportTest.html.substring(0, HtmlReportTest.html.indexOf("<h2>Sell-off"))
                + HtmlReportTest.html.substring(HtmlReportTest.html.indexOf("<h2>Inequality"));
        Matcher svg = Pattern.compile("<svg class=\"chart\"").matcher(html);
        int charts = 0;
        while (svg.find()) {
            charts++;
        }
        assertEquals(4, charts, "price, volume and drawdown, inequality, rejections");
        Matcher line = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(html);
        int drawn = 0;
        while (line.find()) {
            assertTrue(line.group(1).split(" ").length >= 200, "a point per metrics epoch");
            drawn++;
        }
        assertTrue(drawn >= 6, "price, volume, drawdown, Gini, top shares, rejections: " + drawn);
        assertTrue(html.contains("class=\"marker\""), "breaker halts drawn on the price chart");
    }

    /**
     * The stylized facts of the asset's returns after the burn-in (docs/facts.md): the verdicts beside their
     * references, the acf of r (20 lags) and of |r| and r^2 (100 lags) with their bands, the Hill plot of both tails
     * and the distribution against a Gaussian.
     */
    @Test
    void theStylizedFactsOfEachMarketAreTabledAndPlotted() {
        String facts = html.substring(html.indexOf("<h2>Stylized facts of returns</h2>"),
                html.indexOf("<h2>Inequality"));
        assertTrue(facts.contains("asset (180 returns, epochs 20-200)"), "burn-in: the first 10% of 200 epochs");
        int verdicts = 0;
        for (String v : List.of("<td>holds</td>", "<td>does not hold</td>", "<td>cannot tell</td>")) {
            verdicts += facts.split(v, -1).length - 1;
        }
        assertEquals(8, verdicts, "a verdict for each of the eight facts");
        assertTrue(facts.contains("2 &lt; alpha &lt; 5"), "Cont's tail-index range beside the Hill estimate");
        for (String chart : List.of("asset: autocorrelation of returns",
                "asset: autocorrelation of |r| and r\u00b2 (volatility clustering)",
                "asset: Hill plot (tail index against k, with 95% intervals)",
                "asset: distribution of standardized returns (log scale)")) {
            assertTrue(facts.contains(Html.escape(chart)), chart);
        }
        assertEquals(4, facts.split("<svg class=\"chart\"", -1).length - 1);
        assertTrue(facts.contains("95% band under independence") && facts.contains("class=\"band\""),
                "the acf's confidence band is shaded");
        Matcher line = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(facts);
        assertTrue(line.find());
        assertEquals(20, line.group(1).split(" ").length, "the acf of r at lags 1-20");
    }

    /**
     * The sell-off of the run (its algorithm starts at epoch 100): the figures of summary.json's crash block, and the
     * price path from 40 epochs before the start to the end, with the pre-crash level, the start and the trough.
     */
    @Test
    void theSellOffIsTabledAndDrawnFromThePreCrashLevel() throws Exception {
        String section = html.substring(html.indexOf("<h2>Sell-off</h2>"), html.indexOf("<h2>Stylized facts"));
        var crash = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(run.resolve("summary.json").toFile()).path("crash").path(0);
        assertEquals(100, crash.path("start_epoch").asInt());
        assertTrue(section.contains("<td>epoch 100</td>"), "the algorithm's start");
        assertTrue(section.contains(String.format(java.util.Locale.ROOT, "<td>%.2f%%</td>",
                100 * crash.path("depth").asDouble())), "the depth of summary.json, in percent");
        assertTrue(section.contains(" at epoch " + crash.path("trough_epoch").asInt() + ", "), "the trough's epoch");
        assertEquals(1, section.split("<svg class=\"chart\"", -1).length - 1);
        assertTrue(section.contains("class=\"marker\""), "the start marked");
        Matcher line = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(section);
        assertTrue(line.find());
        assertEquals(200 - 60 + 1, line.group(1).split(" ").length, "the price from epoch 60 (40 before) to 200");
        assertTrue(line.find());
        assertEquals(2, line.group(1).split(" ").length, "the pre-crash level: a horizontal line");
        assertTrue(section.contains("pre-crash level") && section.contains("<circle"), "trough and recoveries");
    }

    /** A run with a gateway gets its section: flows, prices inside and out, exposure, contagion, conservation. */
    @Test
    void aPermeableRunShowsTheGatewaysFlows(@TempDir Path dir) throws Exception {
        ObjectNode tree = Fixtures.tree("quadrants/intentional-permeable.json");
        tree.put("epochs", 180);
        Path file = Fixtures.write(dir, "s.json", tree);
        Path out = dir.resolve("run");
        RunSession.start(Fixtures.scenario(tree), file, out, "java", 2, new PrintStream(OutputStream.nullOutputStream()),
                true);
        String page = Files.readString(out.resolve(HtmlReport.FILE), StandardCharsets.UTF_8);
        assertTrue(page.contains("<h2>Gateway to the external economy</h2>"));
        for (String chart : List.of("gateway flows per metrics row: agent currency",
                "compute: goods across the boundary per metrics row", "compute: internal and external price",
                "external holders: marked-to-market P&amp;L and exposure")) {
            assertTrue(page.contains(chart), chart);
        }
        assertTrue(page.contains("Agent currency, external money and every good conserved exactly."));
        assertTrue(page.contains("circuit_breaker"), "the gateway's closure is listed among the safety events");
        int svgs = page.split("<svg class=\"chart\"", -1).length - 1;
        assertTrue(svgs >= 4 + 4, "the gateway adds four charts: " + svgs);
        assertFalse(Html.escape("P&L").equals("P&L"), "titles are escaped");
    }

    /**
     * A stage's money account (here the coordination stage's, which holds every search cost and fee paid) is in the
     * report's conservation table with summary.json's figure, though the report names no stage.
     */
    @Test
    void everyStagesMoneyAccountIsInTheConservationTable(@TempDir Path dir) throws Exception {
        ObjectNode tree = Fixtures.tree("coordination-costs.json");
        tree.put("epochs", 20);
        Path file = Fixtures.write(dir, "s.json", tree);
        Path out = dir.resolve("run");
        RunSession.start(Fixtures.scenario(tree), file, out, "java", 2, new PrintStream(OutputStream.nullOutputStream()),
                true);
        String page = Files.readString(out.resolve(HtmlReport.FILE), StandardCharsets.UTF_8);
        String account = RunDirectory.JSON.readTree(out.resolve("summary.json").toFile()).path("conservation")
                .path("coordination_account").asText();
        assertFalse(account.isEmpty() || account.equals("0"), "the run paid search costs or fees: " + account);
        int table = page.indexOf("<h2>Conservation</h2>");
        String conservation = page.substring(table, page.indexOf("</table>", table));
        assertTrue(conservation.contains("coordination account"), conservation);
        assertTrue(conservation.contains("<td>" + Html.escape(Html.readable(account)) + "</td>"), account + " in "
                + conservation);
    }

    /** A run without a gateway has no gateway section. */
    @Test
    void aClosedSandboxWithoutAGatewayHasNoGatewaySection() {
        assertFalse(html.contains("Gateway to the external economy"));
    }

    /**
     * Headless Chromium renders it: the screenshot holds the plot lines' colour (skipped without Chromium, failed
     * instead with VAESIM_REQUIRE_BROWSER=1, as in CI).
     */
    @Test
    void aRealBrowserRendersThePlots() throws Exception {
        Path chromium = Require.chromium();
        Path shot = tmp.resolve("shot.png");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr",
                "--window-size=900,1400", "--screenshot=" + shot, run.resolve(HtmlReport.FILE).toUri().toString())
                .redirectErrorStream(true).redirectOutput(new File(tmp.resolve("chromium.log").toString())).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        List<String> log = Files.readAllLines(tmp.resolve("chromium.log"));
        assertTrue(log.stream().noneMatch(l -> l.contains("CONSOLE") || l.contains("Uncaught")), "no console errors");
        BufferedImage image = ImageIO.read(shot.toFile());
        int plotBlue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - 0x1f) < 40 && Math.abs(g - 0x77) < 40 && Math.abs(b - 0xb4) < 40) {
                    plotBlue++;
                }
            }
        }
        assertTrue(plotBlue > 300, "the price line is drawn: " + plotBlue + " pixels of its colour");
    }
}
