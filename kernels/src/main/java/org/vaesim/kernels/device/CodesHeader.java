package org.vaesim.kernels.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.auction.Auction;
import org.vaesim.kernels.capability.Capability;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.linkage.Linkage;
import org.vaesim.kernels.mission.Mission;
import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.relationships.Relationships;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.mission.MissionSpec;

/**
 * The numbers the Java twins and the C kernels share (Philox stages, reject reasons, model codes, layout constants,
 * the constants of the draws), written as the C header {@code vaesim_codes.h} from the Java constants: Java is the one
 * source, and the build generates the header (kernels/pom.xml runs {@link #main} before nvcc), so the two sides cannot
 * drift. The program text puts it first ({@link KernelSources}); no C source may define these names itself, nor any
 * other number of its own (CodesHeaderTest).
 */
public final class CodesHeader {
    /** The header's file name next to the C sources, in {@code org/vaesim/kernels/c/} on the class path. */
    public static final String FILE = "vaesim_codes.h";

    /** One {@code #define}: its C name, its value as C spells it, and the Java constant it comes from. */
    public record Code(String name, String literal, String source) {
        /** An int code; a negative one parenthesized, so that it stays one operand. */
        static Code integer(String name, long value, String source) {
            return new Code(name, value < 0 ? "(" + value + ")" : Long.toString(value), source);
        }

        /** A code C must read as 64-bit. */
        static Code wide(String name, long value, String source) {
            return new Code(name, value < 0 ? "(" + value + "L)" : value + "L", source);
        }

        /**
         * A double, written as Java's shortest decimal that reads back to the same double (Double.toString), which C
         * reads back to the same double too.
         */
        static Code real(String name, double value, String source) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " is " + value + ": C has no literal for it");
            }
            String literal = Double.toString(value);
            return new Code(name, value < 0 ? "(" + literal + ")" : literal, source);
        }

        String define() {
            return "#define " + name + " " + literal;
        }
    }

    private CodesHeader() {
    }

    /** Every shared code, in the header's order. */
    public static List<Code> codes() {
        List<Code> c = new ArrayList<>();
        for (RejectReason r : RejectReason.values()) {
            c.add(Code.integer("VS_" + r.name(), r.ordinal(), "gate/RejectReason.java ordinal"));
        }
        c.add(Code.integer("VS_ELIGIBLE", Eligibility.ELIGIBLE, "Eligibility.ELIGIBLE"));
        c.add(Code.integer("VS_ABSENT", Eligibility.ABSENT, "Eligibility.ABSENT"));
        c.add(Code.integer("VS_TOKEN", Eligibility.TOKEN, "Eligibility.TOKEN"));
        c.add(Code.integer("VS_GROUP", Kernel.GROUP, "Kernel.GROUP"));
        c.add(Code.integer("VS_STAGE_DECIDE", Streams.STAGE_DECIDE, "Streams.STAGE_DECIDE"));
        c.add(Code.integer("VS_STAGE_EXCHANGE", Streams.STAGE_EXCHANGE, "Streams.STAGE_EXCHANGE"));
        c.add(Code.integer("VS_STAGE_PERMUTE", Streams.STAGE_PERMUTE, "Streams.STAGE_PERMUTE"));
        c.add(Code.integer("VS_STAGE_NEGOTIATE", Streams.STAGE_NEGOTIATE, "Streams.STAGE_NEGOTIATE"));
        c.add(Code.integer("VS_STAGE_AUCTION", Streams.STAGE_AUCTION, "Streams.STAGE_AUCTION"));
        c.add(Code.integer("VS_STAGE_MISSION_COST", Streams.STAGE_MISSION_COST, "Streams.STAGE_MISSION_COST"));
        c.add(Code.integer("VS_STAGE_MISSION_DELIVERY", Streams.STAGE_MISSION_DELIVERY,
                "Streams.STAGE_MISSION_DELIVERY"));
        c.add(Code.integer("VS_STAGE_MISSION_CAPABILITY", Streams.STAGE_MISSION_CAPABILITY,
                "Streams.STAGE_MISSION_CAPABILITY"));
        c.add(Code.integer("VS_STAGE_RELATIONSHIP", Streams.STAGE_RELATIONSHIP, "Streams.STAGE_RELATIONSHIP"));
        c.add(Code.integer("VS_STAGE_OPEN_ACCESS", Streams.STAGE_OPEN_ACCESS, "Streams.STAGE_OPEN_ACCESS"));
        c.add(Code.integer("VS_RELATIONSHIP_SINGLE", Relationships.SINGLE, "Relationships.SINGLE"));
        c.add(Code.integer("VS_RELATIONSHIP_LEFT", Relationships.LEFT, "Relationships.LEFT"));
        c.add(Code.integer("VS_RELATIONSHIP_NONE", Relationships.NONE, "Relationships.NONE"));
        c.add(Code.integer("VS_RELATIONSHIP_REPEAT", Relationships.REPEAT, "Relationships.REPEAT"));
        c.add(Code.integer("VS_RELATIONSHIP_FIRST", Relationships.FIRST, "Relationships.FIRST"));
        c.add(Code.integer("VS_MODEL_SAVING", Exchange.SAVING, "Exchange.SAVING"));
        c.add(Code.integer("VS_MODEL_YARD_SALE", Exchange.YARD_SALE, "Exchange.YARD_SALE"));
        c.add(Code.integer("VS_FLOWS", Settle.FLOWS, "Settle.FLOWS"));
        c.add(Code.integer("VS_AUCTION_REJECTS", Auction.REJECTS, "Auction.REJECTS"));
        c.add(Code.integer("VS_AUCTION_ABSENT", Auction.ABSENT, "Auction.ABSENT"));
        c.add(Code.integer("VS_MISSION_REJECTS", Mission.REJECTS, "Mission.REJECTS"));
        c.add(Code.integer("VS_MISSION_PPM", MissionSpec.PPM, "MissionSpec.PPM"));
        c.add(Code.integer("VS_GATEWAY_SHIFT", Gateway.SHIFT, "Gateway.SHIFT"));
        c.add(Code.integer("VS_GATEWAY_REJECTS", Gateway.REJECTS, "Gateway.REJECTS"));
        c.add(Code.integer("VS_GATEWAY_CROSSED", Gateway.CROSSED, "Gateway.CROSSED"));
        c.add(Code.wide("VS_PPM", Gateway.PPM, "Gateway.PPM"));
        c.add(Code.wide("VS_CAPABILITY_MICRO", Capability.MICRO, "Capability.MICRO"));
        c.add(Code.wide("VS_CAPABILITY_MAX_STOCK", Capability.MAX_STOCK, "Capability.MAX_STOCK"));
        c.add(Code.integer("VS_SUB_BITS", WealthBuckets.SUB_BITS, "WealthBuckets.SUB_BITS"));
        c.add(Code.integer("VS_BUCKET_ZERO", WealthBuckets.ZERO, "WealthBuckets.ZERO"));
        c.add(Code.integer("VS_DECILES", Inequality.DECILES, "Inequality.DECILES"));
        c.add(Code.integer("VS_LINK_BINS", Linkage.BINS, "Linkage.BINS"));
        // a byte -1 in Java is the unsigned char 255 that the C side stores
        c.add(Code.integer("VS_NO_DECILE", Inequality.NO_DECILE & 0xFF, "Inequality.NO_DECILE as unsigned"));
        c.add(Code.real("VS_LN2", Draws.LN2, "Draws.LN2"));
        c.add(Code.real("VS_LOG2E", Draws.LOG2E, "Draws.LOG2E"));
        c.add(Code.real("VS_IRWIN_HALL_SCALE", Draws.IRWIN_HALL_SCALE, "Draws.IRWIN_HALL_SCALE"));
        c.add(Code.real("VS_EXP2_LIMIT", Draws.EXP2_LIMIT, "Draws.EXP2_LIMIT"));
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
