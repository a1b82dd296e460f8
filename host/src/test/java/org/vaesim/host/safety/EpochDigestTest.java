package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;

/**
 * The epoch record writes its nested objects as text: that text must be what Jackson writes for the same values
 * as maps and lists, market names with characters JSON escapes included, and reused buffers must not carry one
 * epoch's rejections into the next.
 */
class EpochDigestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<MarketSpec> MARKETS = List.of(
            new MarketSpec("compute", ResourceType.COMPUTE, 10_000, 64, 32, 32, 2),
            new MarketSpec("data \"v2\"\tZürich", ResourceType.DATA, 10_000, 64, 32, 32, 0),
            new MarketSpec("asset", ResourceType.ASSET, 10_000, 64, 32, 32, 0));

    private static EpochResult epoch(long[] rejects) {
        EpochResult r = new EpochResult(MARKETS.size(), 1);
        for (int m = 0; m < MARKETS.size(); m++) {
            r.clearing.price[m] = 30 + m;
            r.clearing.volume[m] = 1000L * m + 7;
        }
        System.arraycopy(rejects, 0, r.rejects, 0, rejects.length);
        return r;
    }

    /** The fields as maps and lists, as the record was built before it wrote its own text. */
    private static Map<String, Object> expected(EpochResult r, String digest) {
        Map<String, Object> prices = new LinkedHashMap<>();
        Map<String, Object> rejects = new LinkedHashMap<>();
        for (int m = 0; m < MARKETS.size(); m++) {
            prices.put(MARKETS.get(m).name(), List.of(r.clearing.price[m], r.clearing.volume[m]));
            Map<String, Object> reasons = new LinkedHashMap<>();
            for (RejectReason reason : RejectReason.values()) {
                long n = r.rejects[m * RejectReason.COUNT + reason.ordinal()];
                if (n != 0) {
                    reasons.put(reason.label(), n);
                }
            }
            if (!reasons.isEmpty()) {
                rejects.put(MARKETS.get(m).name(), reasons);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("digest", digest);
        f.put("price_volume", prices);
        if (!rejects.isEmpty()) {
            f.put("rejects", rejects);
        }
        return f;
    }

    private static String text(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder();
        AuditJson.append(out, fields);
        return out.toString();
    }

    @Test
    void writesWhatJacksonWritesForTheSameMaps() throws Exception {
        EpochDigest digest = new EpochDigest(MARKETS);
        long[] rejects = new long[MARKETS.size() * RejectReason.COUNT];
        rejects[RejectReason.BUDGET.ordinal()] = 5; // compute: two reasons
        rejects[RejectReason.RATE_LIMIT.ordinal()] = 2;
        rejects[2 * RejectReason.COUNT + RejectReason.SELF_CROSS.ordinal()] = 4; // asset only; data none
        EpochResult busy = epoch(rejects);
        Map<String, Object> fields = digest.fields(busy);
        assertEquals(JSON.writeValueAsString(expected(busy, (String) fields.get("digest"))), text(fields));

        EpochResult quiet = epoch(new long[0]); // the next epoch rejects nothing: no rejects field at all
        Map<String, Object> next = digest.fields(quiet);
        assertFalse(next.containsKey("rejects"));
        assertEquals(JSON.writeValueAsString(expected(quiet, (String) next.get("digest"))), text(next));
        assertNotEquals(fields.get("digest"), next.get("digest"));
        assertEquals(next.get("digest"), new EpochDigest(MARKETS).digest(quiet), "the reused buffer digests afresh");
    }
}
