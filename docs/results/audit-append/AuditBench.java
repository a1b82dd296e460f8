import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AuditLog.record before and after issue R's anchors, keys and events mode, in one JVM: the base commit's jar and
 * this branch's jar each in its own class loader, the variants taking turns round by round (so a busy machine
 * slows them alike), the first round discarded. Not part of the build; results.json beside it holds its output.
 *
 * <pre>java -cp DIR AuditBench BASE.jar NEW.jar RECORDS_PER_ROUND ROUNDS [TEMP_DIR]</pre>
 */
public class AuditBench {
    interface Log {
        void record(int epoch, Map<String, Object> fields) throws Exception;

        void close() throws Exception;
    }

    /** variant: "plain" (AuditLog.create(Path), in both jars), or "keyed" / "events" (the new jar only). */
    static Log open(ClassLoader cl, String variant, Path file) throws Exception {
        Class<?> log = cl.loadClass("org.vaesim.host.safety.AuditLog");
        Object o;
        if (variant.equals("plain")) {
            o = log.getMethod("create", Path.class).invoke(null, file);
        } else {
            Class<?> key = cl.loadClass("org.vaesim.host.safety.AuditKey");
            Class<?> mode = cl.loadClass("org.vaesim.models.safety.SafetySpec$AuditMode");
            Object k = variant.equals("keyed")
                    ? key.getMethod("of", byte[].class).invoke(null, (Object) "0123456789abcdef0123456789abcdef"
                    .getBytes()) : null;
            Object m = mode.getEnumConstants()[variant.equals("events") ? 1 : 0];
            o = log.getMethod("create", Path.class, key, mode, int.class).invoke(null, file, k, m, 10);
        }
        Method record = log.getMethod("record", int.class, String.class, Map.class);
        Method close = log.getMethod("close");
        return new Log() {
            public void record(int epoch, Map<String, Object> fields) throws Exception {
                record.invoke(o, epoch, "epoch", fields);
            }

            public void close() throws Exception {
                close.invoke(o);
            }
        };
    }

    public static void main(String[] a) throws Exception {
        URLClassLoader base = new URLClassLoader(new URL[] {Path.of(a[0]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        URLClassLoader now = new URLClassLoader(new URL[] {Path.of(a[1]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        int n = Integer.parseInt(a[2]);
        int rounds = Integer.parseInt(a[3]);
        // An epoch record of a 4-market economy, as EpochDigest writes it (372 bytes with its chain fields).
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("digest", "7e0b325e2e7e525a5a13cc17bf92b7e84ede08e597bf0740848479b2c2b786cb");
        Map<String, Object> pv = new LinkedHashMap<>();
        for (String m : List.of("compute", "data", "agent-time", "asset")) {
            pv.put(m, List.of(1234, 56789));
        }
        f.put("price_volume", pv);
        String[][] variants = {{"base", "plain"}, {"new", "plain"}, {"new", "keyed"}, {"new", "events"}};
        Map<String, List<Double>> ns = new LinkedHashMap<>();
        Path dir = a.length > 4 ? Files.createTempDirectory(Path.of(a[4]), "auditbench")
                : Files.createTempDirectory("auditbench");
        for (int r = 0; r < rounds; r++) {
            for (String[] v : variants) {
                Path file = dir.resolve(v[0] + v[1] + ".jsonl");
                Log log = open(v[0].equals("base") ? base : now, v[1], file);
                long t0 = System.nanoTime();
                for (int e = 0; e < n; e++) {
                    log.record(e, f);
                }
                long t = System.nanoTime() - t0;
                log.close();
                if (r > 0) {
                    ns.computeIfAbsent(v[0] + "/" + v[1], k -> new ArrayList<>()).add(t / (double) n);
                }
                if (r == 1 && v[1].equals("plain")) {
                    System.out.println(v[0] + " line bytes: " + Files.size(file) / n);
                }
                Files.delete(file);
            }
        }
        StringBuilder json = new StringBuilder("{\"records_per_round\": " + n + ", \"us_per_record\": {");
        for (Map.Entry<String, List<Double>> e : ns.entrySet()) {
            List<Double> l = new ArrayList<>(e.getValue());
            json.append(json.charAt(json.length() - 1) == '{' ? "" : ", ").append('"').append(e.getKey())
                    .append("\": [");
            for (int i = 0; i < l.size(); i++) {
                json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", l.get(i) / 1000));
            }
            json.append(']');
            Collections.sort(l);
            System.out.printf(Locale.ROOT, "%-12s median %.2f us/record  (min %.2f, max %.2f, %d rounds of %d)%n",
                    e.getKey(), l.get(l.size() / 2) / 1000, l.get(0) / 1000, l.get(l.size() - 1) / 1000, l.size(), n);
        }
        System.out.println(json.append("}}"));
    }
}
