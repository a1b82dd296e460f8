package org.vaesim.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PTX text: the one nvcc made at build time and the jar carries ({@link #RESOURCE}), and what can be read off any
 * PTX: its entry points with their parameter sizes, its ISA version and target, and any floating-point operation
 * the JIT would be free to contract into an FMA (which would break parity with the java twins).
 */
public final class Ptx {
    /** Where the build puts the PTX of the kernel program ({@link Nvcc#main}). */
    public static final String RESOURCE = "/org/vaesim/kernels/cuda/vaesim.ptx";

    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+((?:\\.\\w+\\s+)*?)\\.([bsuf])(8|16|32|64)\\b");
    private static final Pattern VERSION = Pattern.compile("^\\.version\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern TARGET = Pattern.compile("^\\.target\\s+(\\S+)", Pattern.MULTILINE);
    /** fma/mad, or add/sub/mul on floats without an explicit rounding mode (only those the JIT may fuse). */
    private static final Pattern CONTRACTIBLE = Pattern.compile("\\b(?:(?:fma|mad)(?:\\.\\w+)*\\.f(?:32|64)"
            + "|(?:add|sub|mul)(?:\\.(?!rn\\b|rz\\b|rm\\b|rp\\b)\\w+)*\\.f(?:32|64))\\b");

    private Ptx() {
    }

    /** The PTX the build packaged, or null when it was built without nvcc. */
    public static String packaged() {
        try (InputStream in = Ptx.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each {@code .entry} of {@code ptx}, in order, with the size in bytes of each of its parameters. */
    public static Map<String, List<Integer>> entries(String ptx) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        Matcher e = ENTRY.matcher(ptx);
        while (e.find()) {
            List<Integer> sizes = new ArrayList<>();
            Matcher p = PARAM.matcher(e.group(2));
            while (p.find()) {
                sizes.add(Integer.parseInt(p.group(3)) / 8);
            }
            out.put(e.group(1), List.copyOf(sizes));
        }
        return out;
    }

    /** The PTX ISA version ({@code .version}), e.g. "9.0", or "?" */
    public static String version(String ptx) {
        Matcher m = VERSION.matcher(ptx);
        return m.find() ? m.group(1) : "?";
    }

    /** The target ({@code .target}), e.g. "sm_75", or "?" */
    public static String target(String ptx) {
        Matcher m = TARGET.matcher(ptx);
        return m.find() ? m.group(1) : "?";
    }

    /**
     * The floating-point instructions of {@code ptx} that a JIT may contract into FMAs or that are FMAs: empty for
     * PTX compiled with {@code -fmad=false}, where every add, sub and mul carries {@code .rn}.
     */
    public static List<String> contractible(String ptx) {
        List<String> found = new ArrayList<>();
        Matcher m = CONTRACTIBLE.matcher(ptx);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
