package org.vaesim.host.safety;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.market.MarketSpec;

/**
 * The audit record of one epoch: a SHA-256 digest of everything the epoch reported (clearing, rejections,
 * fees, surplus), each market's price and volume, and the gate's rejections by reason where there were any.
 */
public final class EpochDigest {
    private EpochDigest() {
    }

    public static Map<String, Object> fields(List<MarketSpec> markets, EpochResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("digest", digest(r));
        Map<String, Object> prices = new LinkedHashMap<>();
        Map<String, Object> rejects = new LinkedHashMap<>();
        for (int m = 0; m < markets.size(); m++) {
            prices.put(markets.get(m).name(), List.of(r.clearing.price[m], r.clearing.volume[m]));
            Map<String, Object> reasons = new LinkedHashMap<>();
            for (RejectReason reason : RejectReason.values()) {
                long n = r.rejects[m * RejectReason.COUNT + reason.ordinal()];
                if (n != 0) {
                    reasons.put(reason.label(), n);
                }
            }
            if (!reasons.isEmpty()) {
                rejects.put(markets.get(m).name(), reasons);
            }
        }
        f.put("price_volume", prices);
        if (!rejects.isEmpty()) {
            f.put("rejects", rejects);
        }
        return f;
    }

    static String digest(EpochResult r) {
        ClearingResult c = r.clearing;
        int markets = c.price.length;
        ByteBuffer b = ByteBuffer.allocate(markets * (6 * 4 + 5 * 8) + 8 * (r.rejects.length + r.totals.length));
        for (int m = 0; m < markets; m++) {
            b.putInt(c.price[m]).putLong(c.volume[m]).putInt(c.bidMarginalTick[m]).putLong(c.bidMarginalFill[m])
                    .putLong(c.bidMarginalTotal[m]).putInt(c.askMarginalTick[m]).putLong(c.askMarginalFill[m])
                    .putLong(c.askMarginalTotal[m]).putInt(c.residualBid[m]).putInt(c.residualAsk[m])
                    .putInt(c.breach[m]);
        }
        for (long v : r.rejects) {
            b.putLong(v);
        }
        for (long v : r.totals) {
            b.putLong(v);
        }
        return HexFormat.of().formatHex(AuditVerifier.newSha256().digest(b.array()));
    }
}
