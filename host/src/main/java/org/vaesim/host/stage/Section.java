package org.vaesim.host.stage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * One stage's checkpoint section: its stage's name, its version and its bytes (little-endian values). The
 * checkpoint's header lists every section with its length and version; the state's bytes, and so the state
 * checksum, are the sections' bytes alone, in {@link StageKind#stateRank} order.
 */
public record Section(String name, int version, byte[] bytes) {
    /** {@code stage}'s section as it stands. */
    public static Section of(Stage stage) {
        Out out = new Out();
        try {
            stage.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return new Section(stage.kind().name(), stage.kind().sectionVersion(), out.bytes.toByteArray());
    }

    /** A reader over the bytes that insists they are read exactly to their end ({@link In#finish}). */
    public In in() {
        return new In(this);
    }

    /** Section bytes being written. */
    private static final class Out implements SectionOut {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer eight = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        @Override
        public void ints(int... values) {
            for (int v : values) {
                eight.clear();
                bytes.write(eight.putInt(v).array(), 0, Integer.BYTES);
            }
        }

        @Override
        public void longs(long... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(values);
            bytes.write(b.array(), 0, b.capacity());
        }

        @Override
        public void doubles(double[] values) {
            for (double v : values) {
                longs(Double.doubleToLongBits(v));
            }
        }

        @Override
        public void bytes(byte[] values) {
            bytes.write(values, 0, values.length);
        }
    }

    /** A section's bytes being read; every read past the end, and any byte left unread, names the section. */
    public static final class In implements SectionIn {
        private final String name;
        private final ByteBuffer b;

        private In(Section s) {
            this.name = s.name();
            this.b = ByteBuffer.wrap(s.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void need(long bytes) throws IOException {
            if (bytes > b.remaining()) {
                throw corrupt("it ends after " + b.position() + " bytes, " + bytes + " more were expected");
            }
        }

        @Override
        public int intValue() throws IOException {
            need(Integer.BYTES);
            return b.getInt();
        }

        @Override
        public long longValue() throws IOException {
            need(Long.BYTES);
            return b.getLong();
        }

        @Override
        public void ints(int[] into) throws IOException {
            need((long) into.length * Integer.BYTES);
            b.asIntBuffer().get(into);
            b.position(b.position() + into.length * Integer.BYTES);
        }

        @Override
        public void longs(long[] into) throws IOException {
            need((long) into.length * Long.BYTES);
            LongBuffer l = b.asLongBuffer();
            l.get(into);
            b.position(b.position() + into.length * Long.BYTES);
        }

        @Override
        public void doubles(double[] into) throws IOException {
            for (int i = 0; i < into.length; i++) {
                into[i] = Double.longBitsToDouble(longValue());
            }
        }

        @Override
        public void bytes(byte[] into) throws IOException {
            need(into.length);
            b.get(into);
        }

        @Override
        public IOException corrupt(String what) {
            return new IOException("checkpoint's " + name + " section: " + what);
        }

        /** Throws unless every byte was read. */
        public void finish() throws IOException {
            if (b.hasRemaining()) {
                throw corrupt(b.remaining() + " bytes left unread (written by another version of the stage?)");
            }
        }
    }
}
