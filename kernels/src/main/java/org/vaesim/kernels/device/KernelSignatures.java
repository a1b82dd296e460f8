package org.vaesim.kernels.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter lists of the C kernels, read from the program text itself, and the check that a launch's Java
 * arguments match them in number and type. Neither API checks this for us: OpenCL only checks sizes (a long
 * column passed for an {@code int *} goes through), and CUDA's {@code cuLaunchKernel} checks nothing. The device
 * backend runs the check on every launch under the debug switch ({@code -Dvaesim.checks=true}, on in tests), and
 * the PTX test compares these lists with nvcc's {@code .param} lists.
 */
public final class KernelSignatures {
    /** What a C parameter is, and how many bytes its value takes in a launch's argument list. */
    public enum Kind {
        INT(4), LONG(8), DOUBLE(8), INT_POINTER(8), LONG_POINTER(8), BYTE_POINTER(8);

        public final int bytes;

        Kind(int bytes) {
            this.bytes = bytes;
        }
    }

    /** One C parameter: its kind and its declaration as written. */
    public record Param(Kind kind, String declaration) {
    }

    private static final Pattern KERNEL = Pattern.compile("VS_KERNEL\\s+void\\s+(\\w+)\\s*\\(");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private final Map<String, List<Param>> byEntry;

    private KernelSignatures(Map<String, List<Param>> byEntry) {
        this.byEntry = Collections.unmodifiableMap(byEntry);
    }

    private static final class Holder {
        static final KernelSignatures PROGRAM = parse(KernelSources.program());
    }

    /** The signatures of the packaged program (parsed once). */
    public static KernelSignatures program() {
        return Holder.PROGRAM;
    }

    /** Every {@code VS_KERNEL void name(...)} of a C program text, in order. */
    public static KernelSignatures parse(String program) {
        String text = COMMENTS.matcher(program).replaceAll(" ");
        Map<String, List<Param>> out = new LinkedHashMap<>();
        Matcher m = KERNEL.matcher(text);
        while (m.find()) {
            int close = text.indexOf(')', m.end());
            String list = text.substring(m.end(), close).trim();
            List<Param> params = new ArrayList<>();
            if (!list.isEmpty() && !list.equals("void")) {
                for (String p : list.split(",")) {
                    params.add(new Param(kind(p, m.group(1)), p.trim().replaceAll("\\s+", " ")));
                }
            }
            if (out.put(m.group(1), List.copyOf(params)) != null) {
                throw new IllegalArgumentException("kernel " + m.group(1) + " is defined twice");
            }
        }
        return new KernelSignatures(out);
    }

    private static Kind kind(String declaration, String kernel) {
        boolean pointer = declaration.contains("*");
        String type = null;
        for (String token : declaration.replace("*", " ").trim().split("\\s+")) {
            switch (token) {
                case "VS_GLOBAL", "const", "volatile", "restrict" -> { }
                default -> {
                    type = token; // the first other token is the type; the last is the name
                }
            }
            if (type != null) {
                break;
            }
        }
        Kind kind = switch (type == null ? "" : type) {
            case "vs_int", "vs_uint", "int" -> pointer ? Kind.INT_POINTER : Kind.INT;
            case "vs_long", "vs_ulong" -> pointer ? Kind.LONG_POINTER : Kind.LONG;
            case "vs_uchar" -> pointer ? Kind.BYTE_POINTER : null;
            case "double" -> pointer ? null : Kind.DOUBLE;
            default -> null;
        };
        if (kind == null) {
            throw new IllegalArgumentException("kernel " + kernel + ": parameter '" + declaration.trim()
                    + "' has a type the device backends cannot pass (vs_int, vs_uint, vs_long, double, or a pointer"
                    + " to vs_int, vs_long or vs_uchar)");
        }
        return kind;
    }

    /** Entry names in program order. */
    public List<String> entries() {
        return List.copyOf(byEntry.keySet());
    }

    /** The parameters of {@code entry}, or null when the program has no such kernel. */
    public List<Param> of(String entry) {
        return byEntry.get(entry);
    }

    public List<Param> of(KernelEntry kernel) {
        List<Param> params = byEntry.get(kernel.entry());
        if (params == null) {
            throw new IllegalArgumentException("the C program has no kernel " + kernel.entry());
        }
        return params;
    }

    /** The kind of argument a Java value passes, or null when no kernel takes it. */
    public static Kind kindOf(Object arg) {
        return switch (arg) {
            case Integer v -> Kind.INT;
            case Long v -> Kind.LONG;
            case Double v -> Kind.DOUBLE;
            case Buffer b -> switch (b.type()) {
                case INT -> Kind.INT_POINTER;
                case LONG -> Kind.LONG_POINTER;
                case BYTE -> Kind.BYTE_POINTER;
            };
            case null, default -> null;
        };
    }

    /**
     * Throws an {@link IllegalArgumentException} naming the kernel, the position and both types unless {@code args}
     * match the kernel's C parameters one for one.
     */
    public void check(KernelEntry kernel, Object... args) {
        List<Param> params = of(kernel);
        if (params.size() != args.length) {
            throw new IllegalArgumentException(kernel.entry() + " takes " + params.size() + " arguments, the launch"
                    + " passes " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            Kind given = kindOf(args[i]);
            if (given != params.get(i).kind()) {
                throw new IllegalArgumentException(kernel.entry() + " argument " + i + " is '"
                        + params.get(i).declaration() + "' (" + params.get(i).kind() + "), the launch passes "
                        + (given == null ? String.valueOf(args[i]) : given + " " + args[i]));
            }
        }
    }
}
