package org.vaesim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The kernel list, the C signatures read off the sources, and the check of a launch's arguments against them. */
class KernelSignaturesTest {
    private static final Buffer INTS = buffer(Buffer.Type.INT);
    private static final Buffer LONGS = buffer(Buffer.Type.LONG);
    private static final Buffer BYTES = buffer(Buffer.Type.BYTE);

    private static Buffer buffer(Buffer.Type type) {
        return new Buffer() {
            @Override
            public Type type() {
                return type;
            }

            @Override
            public long length() {
                return 1;
            }
        };
    }

    @Test
    void readsEachParameterKindOffTheCText() {
        KernelSignatures s = KernelSignatures.parse("""
            /* VS_KERNEL void commented_out(vs_int a) */
            VS_KERNEL void one(vs_int from, vs_uint k0, vs_long price, double tax,
                               VS_GLOBAL const vs_long *cash, VS_GLOBAL vs_int *qty, // trailing comment
                               VS_GLOBAL vs_uchar *decile) {
              VS_LOCAL vs_long scratch[VS_GROUP];
            }
            VS_KERNEL void two(void) { }
            """);
        assertEquals(List.of("one", "two"), s.entries());
        assertEquals(List.of(KernelSignatures.Kind.INT, KernelSignatures.Kind.INT, KernelSignatures.Kind.LONG,
                KernelSignatures.Kind.DOUBLE, KernelSignatures.Kind.LONG_POINTER, KernelSignatures.Kind.INT_POINTER,
                KernelSignatures.Kind.BYTE_POINTER), s.of("one").stream().map(KernelSignatures.Param::kind).toList());
        assertEquals("VS_GLOBAL const vs_long *cash", s.of("one").get(4).declaration());
        assertEquals(List.of(), s.of("two"));
    }

    @Test
    void refusesATypeNoBackendCanPass() {
        assertThrows(IllegalArgumentException.class,
                () -> KernelSignatures.parse("VS_KERNEL void f(float x) { }"));
        assertThrows(IllegalArgumentException.class,
                () -> KernelSignatures.parse("VS_KERNEL void f(vs_int a) { } VS_KERNEL void f(vs_int a) { }"));
    }

    @Test
    void aLaunchMustPassWhatTheSignatureTakes() {
        KernelSignatures s = KernelSignatures.program();
        // book(from, to, base, bid_tick, bid_qty, ask_tick, ask_qty, bids, asks)
        s.check(Kernel.BOOK, 0, 10, 0, INTS, INTS, INTS, INTS, LONGS, LONGS);
        IllegalArgumentException arity = assertThrows(IllegalArgumentException.class,
                () -> s.check(Kernel.BOOK, 0, 10, 0, INTS, INTS, INTS, INTS, LONGS));
        assertTrue(arity.getMessage().contains("book takes 9 arguments, the launch passes 8"), arity.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> s.check(Kernel.BOOK, 0, 10, 0, INTS, INTS, INTS, INTS, LONGS, INTS));
        assertTrue(column.getMessage().contains("argument 8"), column.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> s.check(Kernel.BOOK, 0, 10L, 0, INTS, INTS, INTS, INTS, LONGS, LONGS));
        assertThrows(IllegalArgumentException.class,
                () -> s.check(Kernel.BOOK, 0, 10, 0, BYTES, INTS, INTS, INTS, LONGS, LONGS));
    }

    @Test
    void theKernelListIsExactlyTheCProgramsKernels() {
        List<String> listed = KernelEntry.all().stream().map(KernelEntry::entry).toList();
        assertEquals(new TreeSet<>(KernelSignatures.program().entries()), new TreeSet<>(listed));
        assertEquals(listed.size(), new TreeSet<>(listed).size(), "no entry point is listed twice");
        for (int slot = 0; slot < listed.size(); slot++) {
            assertEquals(slot, KernelEntry.all().get(slot).slot(), "slots are places in the list");
        }
        assertEquals(Kernel.BOOK, KernelEntry.of("book"));
        assertEquals("decide_hft", KernelEntry.of("decide_hft").entry());
        assertThrows(IllegalArgumentException.class, () -> KernelEntry.of("no_such_kernel"));
    }

    /** The body of each kernel, from its opening brace to the matching closing one. */
    private static String body(String program, String entry) {
        Matcher m = Pattern.compile("VS_KERNEL\\s+void\\s+" + entry + "\\s*\\(").matcher(program);
        assertTrue(m.find(), entry);
        int open = program.indexOf('{', m.end());
        int depth = 0;
        for (int i = open; i < program.length(); i++) {
            depth += program.charAt(i) == '{' ? 1 : program.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return program.substring(open, i + 1);
            }
        }
        throw new AssertionError("unbalanced braces in " + entry);
    }

    /**
     * A launch's geometry is safe on both APIs only if: kernels that use local memory or barriers are launched in
     * groups of exactly 256 (VS_GROUP), and kernels launched one per item check their id against their count first
     * (CUDA pads the last block; OpenCL may too).
     */
    @Test
    void eachKernelsGeometryIsWhatItsSourceNeeds() {
        String program = KernelSources.program();
        List<String> wrong = new ArrayList<>();
        for (KernelEntry k : KernelEntry.all()) {
            String body = body(program, k.entry());
            boolean group = body.contains("VS_LOCAL") || body.contains("VS_BARRIER");
            if (group && k.geometry() != Kernel.Geometry.GROUPS_OF_256) {
                wrong.add(k.entry() + " uses local memory or barriers but is launched " + k.geometry());
            }
            if (k.geometry() == Kernel.Geometry.PER_ITEM) {
                String first = KernelSignatures.program().of(k).getFirst().declaration();
                String count = first.substring(first.lastIndexOf(' ') + 1);
                String head = body.substring(0, Math.min(body.length(), 120));
                if (!head.matches("(?s)\\{\\s*vs_long gid = VS_GLOBAL_ID\\(\\);\\s*if \\(gid >= " + count
                        + "\\) return;.*")) {
                    wrong.add(k.entry() + " is launched one per item but does not start by checking gid >= "
                            + count);
                }
            } else if (!group && !body.contains("VS_AGENT(")) {
                wrong.add(k.entry() + " is an agent kernel without VS_AGENT's range check");
            }
        }
        assertEquals(List.of(), wrong);
    }
}
