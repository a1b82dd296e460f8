package org.vaesim.host.safety;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
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
 *
 * <p>One per engine, written once per epoch. It runs so rarely that the JIT keeps it in its first tiers for
 * thousands of epochs, where every allocation and every character loop costs: so the market and reason names
 * are escaped once, here, the two nested objects are written as JSON text ({@link AuditJson.Raw}), and the
 * digest's input buffer and the digest itself are reused (docs/performance.md, "the audit record").
 */
public final class EpochDigest {
    private static final RejectReason[] REASONS = RejectReason.values();

    /** {@code "name":[} for each market, and {@code "name":{} for its rejections. */
    private final String[] priceKeys;
    private final String[] rejectKeys;
    /** {@code "label":} for each reject reason. */
    private final String[] reasonKeys = new String[REASONS.length];
    private final MessageDigest sha256 = AuditVerifier.newSha256();
    private ByteBuffer input = ByteBuffer.allocate(0);
    private final StringBuilder prices = new StringBuilder(256);
    private final StringBuilder rejects = new StringBuilder(512);

    public EpochDigest(List<MarketSpec> markets) {
        priceKeys = new String[markets.size()];
        rejectKeys = new String[markets.size()];
        for (int m = 0; m < markets.size(); m++) {
            StringBuilder key = new StringBuilder();
            AuditJson.string(key, markets.get(m).name());
            key.append(':');
            priceKeys[m] = key + "[";
            rejectKeys[m] = key + "{";
        }
        for (RejectReason reason : REASONS) {
            StringBuilder key = new StringBuilder();
            AuditJson.string(key, reason.label());
            reasonKeys[reason.ordinal()] = key.append(':').toString();
        }
    }

    /** The fields of epoch {@code r}'s record: digest, price_volume, and rejects if the gate rejected any. */
    public Map<String, Object> fields(EpochResult r) {
        Map<String, Object> f = new LinkedHashMap<>(4);
        f.put("digest", digest(r));
        prices.setLength(0);
        rejects.setLength(0);
        prices.append('{');
        for (int m = 0; m < priceKeys.length; m++) {
            if (m > 0) {
                prices.append(',');
            }
            prices.append(priceKeys[m]).append(r.clearing.price[m]).append(',').append(r.clearing.volume[m])
                    .append(']');
            int opened = rejects.length();
            for (int k = 0; k < REASONS.length; k++) {
                long n = r.rejects[m * RejectReason.COUNT + k];
                if (n == 0) {
                    continue;
                }
                if (rejects.length() == opened) { // the market's first reason opens its object
                    rejects.append(opened == 0 ? '{' : ',').append(rejectKeys[m]);
                } else {
                    rejects.append(',');
                }
                rejects.append(reasonKeys[k]).append(n);
            }
            if (rejects.length() != opened) {
                rejects.append('}');
            }
        }
        f.put("price_volume", new AuditJson.Raw(prices.append('}').toString()));
        if (!rejects.isEmpty()) {
            f.put("rejects", new AuditJson.Raw(rejects.append('}').toString()));
        }
        return f;
    }

    String digest(EpochResult r) {
        ClearingResult c = r.clearing;
        int markets = c.price.length;
        int size = markets * (6 * 4 + 5 * 8) + 8 * (r.rejects.length + r.totals.length);
        if (input.capacity() != size) {
            input = ByteBuffer.allocate(size);
        }
        ByteBuffer b = input.clear();
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
        return HexFormat.of().formatHex(sha256.digest(b.array()));
    }
}
