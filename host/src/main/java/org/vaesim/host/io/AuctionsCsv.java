package org.vaesim.host.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.scenario.Money;

/**
 * auctions.csv: one row per resource auction round (docs/outputs.md). Appends, flushing each row; a resumed run
 * first drops rows past its checkpoint, like metrics.csv.
 */
public final class AuctionsCsv implements AutoCloseable {
    public static final String FILE = "auctions.csv";
    static final String HEADER = "epoch,auction,mechanism,price,small_price,reserve_binding,supply,allocated,unsold,"
            + "payment,value,max_value,efficiency,allocation_gini,envy_share,envy_share_up_to_one_unit,"
            + "small_principal_share,max_principal_share,bidders,rejected_bids";

    private final RoundsCsv out;
    private final List<AuctionSpec> auctions;

    private AuctionsCsv(RoundsCsv out, List<AuctionSpec> auctions) {
        this.out = out;
        this.auctions = auctions;
    }

    public static AuctionsCsv create(Path file, List<AuctionSpec> auctions) throws IOException {
        return new AuctionsCsv(RoundsCsv.create(file, HEADER), auctions);
    }

    /** Keeps the header and the rows of rounds up to {@code lastEpoch}, then appends. */
    public static AuctionsCsv resume(Path file, List<AuctionSpec> auctions, int lastEpoch) throws IOException {
        return new AuctionsCsv(RoundsCsv.resume(file, HEADER, lastEpoch), auctions);
    }

    public void append(AuctionMetrics m) throws IOException {
        AuctionSpec spec = auctions.get(m.auction());
        StringBuilder sb = new StringBuilder(256);
        sb.append(m.epoch()).append(',').append(spec.name()).append(',').append(spec.mechanism().jsonName());
        sb.append(',').append(Money.format(m.price() * spec.tickSize()));
        sb.append(',').append(Money.format(m.smallPrice() * spec.tickSize()));
        sb.append(',').append(m.reserveBinding() ? 1 : 0);
        sb.append(',').append(m.supply()).append(',').append(m.allocated()).append(',').append(m.unsold());
        sb.append(',').append(Money.format(m.payment()));
        sb.append(',').append(m.value()).append(',').append(m.maxValue());
        for (double v : new double[] {m.efficiency(), m.allocationGini(), m.envyShare(), m.envyShareUpToOne(),
            m.smallShare(), m.maxPrincipalShare()}) {
            sb.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v));
        }
        sb.append(',').append(m.bidders()).append(',').append(m.rejectedBids());
        out.appendRow(sb.toString());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
