package org.vaesim.kernels.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.auction.Auction;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.mission.Mission;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.mission.MissionSpec;

/**
 * The numbers the Java twins and the C kernels share (Philox stages, reject reasons, model codes, layout constants),
 * written as the C header {@code vaesim_codes.h} from the Java constants: Java is the one source, and the build
 * generates the header (kernels/pom.xml runs {@link #main} before nvcc), so the two sides cannot drift. The program
 * text puts it first ({@link KernelSources}); no C source may define these names itself (CodesHeaderTest).
 */
public final class CodesHeader {
    /** The header's file name next to the C sources, in {@code org/vaesim/kernels/c/} on the class path. */
    public static final String FILE = "vaesim_codes.h";

    /** One {@code #define}: its C name, its value, whether C must read it as 64-bit, and where it comes from. */
    public record Code(String name, long value, boolean wide, String source) {
        String define() {
            return "#define " + name + " " + (value < 0 ? "(" + value + ")" : Long.toString(value)) + (wide ? "L" : "");
        }
    }

    private CodesHeader() {
    }

    /** Every shared code, in the header's order. */
    public static List<Code> codes() {
        List<Code> c = new ArrayList<>();
        for (RejectReason r : RejectReason.values()) {
            c.add(new Code("VS_" + r.name(), r.ordinal(), false, "gate/RejectReason.java ordinal"));
        }
        c.add(new Code("VS_ELIGIBLE", Eligibility.ELIGIBLE, false, "Eligibility.ELIGIBLE"));
        c.add(new Code("VS_ABSENT", Eligibility.ABSENT, false, "Eligibility.ABSENT"));
        c.add(new Code("VS_TOKEN", Eligibility.TOKEN, false, "Eligibility.TOKEN"));
        c.add(new Code("VS_GROUP", Kernel.GROUP, false, "Kernel.GROUP"));
        c.add(new Code("VS_STAGE_DECIDE", Streams.STAGE_DECIDE, false, "Streams.STAGE_DECIDE"));
        c.add(new Code("VS_STAGE_EXCHANGE", Streams.STAGE_EXCHANGE, false, "Streams.STAGE_EXCHANGE"));
        c.add(new Code("VS_STAGE_PERMUTE", Streams.STAGE_PERMUTE, false, "Streams.STAGE_PERMUTE"));
        c.add(new Code("VS_STAGE_NEGOTIATE", Streams.STAGE_NEGOTIATE, false, "Streams.STAGE_NEGOTIATE"));
        c.add(new Code("VS_STAGE_AUCTION", Streams.STAGE_AUCTION, false, "Streams.STAGE_AUCTION"));
        c.add(new Code("VS_STAGE_MISSION_COST", Streams.STAGE_MISSION_COST, false, "Streams.STAGE_MISSION_COST"));
        c.add(new Code("VS_STAGE_MISSION_DELIVERY", Streams.STAGE_MISSION_DELIVERY, false,
                "Streams.STAGE_MISSION_DELIVERY"));
        c.add(new Code("VS_STAGE_MISSION_CAPABILITY", Streams.STAGE_MISSION_CAPABILITY, false,
                "Streams.STAGE_MISSION_CAPABILITY"));
        c.add(new Code("VS_MODEL_SAVING", Exchange.SAVING, false, "Exchange.SAVING"));
        c.add(new Code("VS_MODEL_YARD_SALE", Exchange.YARD_SALE, false, "Exchange.YARD_SALE"));
        c.add(new Code("VS_FLOWS", Settle.FLOWS, false, "Settle.FLOWS"));
        c.add(new Code("VS_AUCTION_REJECTS", Auction.REJECTS, false, "Auction.REJECTS"));
        c.add(new Code("VS_AUCTION_ABSENT", Auction.ABSENT, false, "Auction.ABSENT"));
        c.add(new Code("VS_MISSION_REJECTS", Mission.REJECTS, false, "Mission.REJECTS"));
        c.add(new Code("VS_MISSION_PPM", MissionSpec.PPM, false, "MissionSpec.PPM"));
        c.add(new Code("VS_GATEWAY_SHIFT", Gateway.SHIFT, false, "Gateway.SHIFT"));
        c.add(new Code("VS_GATEWAY_REJECTS", Gateway.REJECTS, false, "Gateway.REJECTS"));
        c.add(new Code("VS_PPM", Gateway.PPM, true, "Gateway.PPM"));
        c.add(new Code("VS_SUB_BITS", WealthBuckets.SUB_BITS, false, "WealthBuckets.SUB_BITS"));
        c.add(new Code("VS_BUCKET_ZERO", WealthBuckets.ZERO, false, "WealthBuckets.ZERO"));
        c.add(new Code("VS_DECILES", Inequality.DECILES, false, "Inequality.DECILES"));
        // a byte -1 in Java is the unsigned char 255 that the C side stores
        c.add(new Code("VS_NO_DECILE", Inequality.NO_DECILE & 0xFF, false, "Inequality.NO_DECILE as unsigned"));
        return c;
    }

    /** The header's text. */
    public static String text() {
        StringBuilder h = new StringBuilder();
        h.append("/*\n * ").append(FILE).append(": GENERATED at build time by ").append(CodesHeader.class.getName())
                .append(" from the Java\n * constants named on each line. Do not edit: change the Java constant.")
                .append("\n */\n")
                .append("#ifndef VAESIM_CODES_H\n#define VAESIM_CODES_H\n\n");
        for (Code code : codes()) {
            h.append(code.define()).append(" /* ").append(code.source()).append(" */\n");
        }
        return h.append("\n#endif\n").toString();
    }

    /** The build step: writes the header to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CodesHeader <output file>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text(), StandardCharsets.UTF_8);
    }
}
