package org.vaesim.host.io;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.stage.Section;

/**
 * What a checkpoint's header says of its stages (docs/outputs.md#checkpoints): the order its epoch ran them in, and
 * the sections that follow the core state, in the state's order, each with its version and length. Little-endian:
 * the number of stages (int), then each name (int length, UTF-8 bytes) in epoch order; the number of sections
 * (int), then each section's name, version (int) and length (long).
 */
public record SectionTable(List<String> epochOrder, List<Entry> sections) {
    /** One section: its stage's name, its version, its length in bytes. */
    public record Entry(String name, int version, long length) {
    }

    public SectionTable {
        epochOrder = List.copyOf(epochOrder);
        sections = List.copyOf(sections);
    }

    /** The table of {@code sections} (state order) for a run whose epoch ran {@code epochOrder}. */
    public static SectionTable of(List<String> epochOrder, List<Section> sections) {
        List<Entry> entries = new ArrayList<>();
        for (Section s : sections) {
            entries.add(new Entry(s.name(), s.version(), s.bytes().length));
        }
        return new SectionTable(epochOrder, entries);
    }

    /** The sections' lengths together: the bytes after the core state. */
    public long sectionBytes() {
        long n = 0;
        for (Entry e : sections) {
            n += e.length();
        }
        return n;
    }

    byte[] encode() {
        List<byte[]> names = new ArrayList<>();
        int size = 2 * Integer.BYTES;
        for (String n : epochOrder) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            names.add(b);
            size += Integer.BYTES + b.length;
        }
        for (Entry e : sections) {
            byte[] b = e.name().getBytes(StandardCharsets.UTF_8);
            names.add(b);
            size += Integer.BYTES + b.length + Integer.BYTES + Long.BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(epochOrder.size());
        int k = 0;
        for (int i = 0; i < epochOrder.size(); i++) {
            byte[] b = names.get(k++);
            out.putInt(b.length).put(b);
        }
        out.putInt(sections.size());
        for (Entry e : sections) {
            byte[] b = names.get(k++);
            out.putInt(b.length).put(b).putInt(e.version()).putLong(e.length());
        }
        return out.array();
    }

    /** Decodes {@link #encode}'s bytes; anything that does not fit them is an error saying so. */
    static SectionTable decode(byte[] bytes) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int stages = count(in);
            List<String> order = new ArrayList<>();
            for (int i = 0; i < stages; i++) {
                order.add(name(in));
            }
            int n = count(in);
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = name(in);
                int version = in.getInt();
                long length = in.getLong();
                if (length < 0) {
                    throw new IOException("section " + name + " has length " + length);
                }
                entries.add(new Entry(name, version, length));
            }
            if (in.hasRemaining()) {
                throw new IOException(in.remaining() + " bytes after the last section");
            }
            return new SectionTable(order, entries);
        } catch (BufferUnderflowException e) {
            throw new IOException("it ends early");
        }
    }

    private static int count(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IOException("a count of " + n);
        }
        return n;
    }

    private static String name(ByteBuffer in) throws IOException {
        int length = count(in);
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
