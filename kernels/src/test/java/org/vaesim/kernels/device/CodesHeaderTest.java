package org.vaesim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.rng.Streams;

/**
 * The numeric contract between Java and C has one source: the Java constants. The build writes vaesim_codes.h from
 * them (CodesHeader, run by kernels/pom.xml), and no C source may define a shared number itself.
 */
class CodesHeaderTest {
    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*#define\\s+(VS_\\w+)(\\(?)\\s*(.*)$");
    /** A number in C: integer (decimal or hex) or floating point, with its suffixes. */
    private static final Pattern NUMBER = Pattern.compile(
            "(0[xX][0-9a-fA-F]+|([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?)[uUlLfF]*");
    /** What is left of a define's value made of numbers only: signs, arithmetic and parentheses. */
    private static final Pattern ARITHMETIC = Pattern.compile("[-+*/%()<>&|^~\\s]*");

    private static String resource(String file) throws IOException {
        try (InputStream in = CodesHeaderTest.class.getResourceAsStream("/org/vaesim/kernels/c/" + file)) {
            assertNotNull(in, file + " is on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBuildsHeaderIsWhatTheJavaConstantsGive() throws IOException {
        assertEquals(CodesHeader.text(), resource(CodesHeader.FILE), "vaesim_codes.h is stale: rebuild with Maven");
        assertEquals(CodesHeader.FILE, KernelSources.files().getFirst(), "the codes come first in the program");
    }

    @Test
    void theHeaderCarriesTheJavaValues() throws IOException {
        String header = resource(CodesHeader.FILE);
        assertTrue(header.contains("#define VS_KILLED " + RejectReason.KILLED.ordinal() + " "), header);
        assertTrue(header.contains("#define VS_PRINCIPAL_RATE_LIMIT " + (RejectReason.COUNT - 1) + " "), header);
        assertTrue(header.contains("#define VS_STAGE_DECIDE " + Streams.STAGE_DECIDE + " "), header);
        assertTrue(header.contains("#define VS_ELIGIBLE (-1) "), "negative codes are parenthesized: " + header);
        assertTrue(header.contains("#define VS_PPM 1000000L "), "64-bit codes carry L: " + header);
        assertTrue(header.contains("#define VS_NO_DECILE 255 "), "the byte -1 is C's unsigned 255: " + header);
        assertTrue(header.contains("#define VS_EXP2_LIMIT 60.0 "), "doubles are C doubles: " + header);
        for (CodesHeader.Code c : CodesHeader.codes()) {
            if (c.name().equals("VS_LN2") || c.name().equals("VS_IRWIN_HALL_SCALE")) {
                assertEquals(c.name().equals("VS_LN2") ? Draws.LN2 : Draws.IRWIN_HALL_SCALE,
                        Double.parseDouble(c.literal()), 0.0, c.name() + " reads back to the Java double");
            }
        }
    }

    @Test
    void noCSourceDefinesANumberOfItsOwn() throws IOException {
        Set<String> shared = new HashSet<>();
        for (CodesHeader.Code c : CodesHeader.codes()) {
            assertTrue(shared.add(c.name()), c.name() + " is generated twice");
        }
        List<String> wrong = new ArrayList<>();
        for (String file : KernelSources.files()) {
            if (file.equals(CodesHeader.FILE)) {
                continue;
            }
            Matcher m = DEFINE.matcher(resource(file));
            while (m.find()) {
                boolean functionLike = !m.group(2).isEmpty();
                if (shared.contains(m.group(1))) {
                    wrong.add(file + " defines " + m.group(1) + ", which vaesim_codes.h generates from Java");
                } else if (!functionLike && isNumber(m.group(3).replaceAll("/\\*.*", "").trim())) {
                    wrong.add(file + " defines " + m.group(1) + " as the number " + m.group(3).trim()
                            + ": a number C shares with Java goes in CodesHeader.codes()");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * Whether a define's value is a number: literals, possibly negative, parenthesized or computed from other literals
     * ({@code (1.73 / 256.0)}), with no name in it; a macro derived from names ({@code (1 << VS_SUB_BITS)}) is not.
     */
    private static boolean isNumber(String value) {
        String rest = NUMBER.matcher(value).replaceAll(" ");
        return !value.isEmpty() && !rest.equals(value) && ARITHMETIC.matcher(rest).matches();
    }

    @Test
    void aNumberIsALiteralOrLiteralArithmeticAndANameIsNot() {
        for (String number : List.of("7", "(-1)", "1000000L", "0xFFu", "60.0", "0.69314718055994531", "1e-3",
                "(1.7320508075688772 / 256.0)", "(1 << 8)")) {
            assertTrue(isNumber(number), number);
        }
        for (String derived : List.of("(1 << VS_SUB_BITS)", "vs_exp2(1.0)", "largest, spend_limit, 0", "", "VS_A")) {
            assertFalse(isNumber(derived), derived);
        }
    }

    @Test
    void everyGeneratedCodeIsUsedByTheProgram() throws IOException {
        String program = KernelSources.program();
        String body = program.substring(program.indexOf("#endif") + "#endif".length()); // after the codes header
        for (CodesHeader.Code c : CodesHeader.codes()) {
            assertTrue(Pattern.compile("\\b" + c.name() + "\\b").matcher(body).find(),
                    c.name() + " is generated but no C source uses it");
        }
    }
}
