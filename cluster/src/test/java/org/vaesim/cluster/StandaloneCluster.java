package org.vaesim.cluster;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on the loopback address, for tests: a Master and Workers, each a JVM started from the
 * SPARK_HOME that the build fills from Maven Central (target/spark/jars; Spark's sbin/ scripts are not in Maven,
 * so the JVMs are started here, as those scripts would). Each Worker offers its cores and two made-up GPUs, 0 and
 * 1, from a fake discovery script. Logs go to files in {@code dir}, shown when something does not start.
 * Several applications may share it: each takes the cores it is allowed (spark.cores.max) and a Worker's GPUs go to
 * the applications that ask for them.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final long START_SECONDS = 120;

    private final Path dir;
    private final Path sparkHome = Path.of(System.getProperty("vaesim.spark.home"));
    private final String opens = System.getProperty("vaesim.spark.opens");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Process master;
    private final int port;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workerLogs = new ArrayList<>();

    /** Starts a Master and {@code workers} Workers of {@code cores} cores each, and waits until all have joined. */
    StandaloneCluster(Path dir, int workers, int cores) throws IOException, InterruptedException {
        this.dir = dir;
        Path gpus = dir.resolve("fake-gpus.sh");
        Files.writeString(gpus, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}'\n");
        Files.setPosixFilePermissions(gpus, PosixFilePermissions.fromString("rwxr-xr-x"));
        port = freePort();
        master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())), List.of());
        for (int i = 0; i < workers; i++) {
            Path work = Files.createDirectories(dir.resolve("work-" + i));
            workerLogs.add(dir.resolve("worker-" + i + ".log"));
            this.workers.add(start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", url(),
                    "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", "2g",
                    "--webui-port", Integer.toString(freePort()), "--work-dir", work.toString()),
                    List.of("-Dspark.worker.resource.gpu.amount=2",
                            "-Dspark.worker.resource.gpu.discoveryScript=" + gpus)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (count(dir.resolve("master.log"), "Registering worker") < workers) {
            if (System.nanoTime() > deadline || !master.isAlive()) {
                close(); // no JVM of a cluster that did not start is left behind
                throw new IllegalStateException("the standalone cluster did not start on the loopback address"
                        + " within " + START_SECONDS + " s; the end of master.log:\n" + tail("master.log"));
            }
            Thread.sleep(100);
        }
    }

    /** spark://127.0.0.1:PORT */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /**
     * A JVM running {@code main} from SPARK_HOME's jars, as sbin/spark-daemon.sh would: SPARK_SCALA_VERSION set
     * (else the Worker looks for a source build's directories to find the executors' class path), the JDK's
     * packages Spark reaches into opened, on the loopback address.
     */
    private Process start(String name, List<String> main, List<String> props) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(List.of(opens.trim().split("\\s+")));
        command.addAll(props);
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*"));
        command.addAll(main);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** Kills Worker {@code i} and everything it started (its executor), as a machine that dies. */
    void killWorker(int i) throws InterruptedException {
        Process w = workers.get(i);
        w.descendants().forEach(ProcessHandle::destroyForcibly);
        w.destroyForcibly();
        w.waitFor(30, TimeUnit.SECONDS);
    }

    /** How many times {@code text} occurs in the Worker's log (e.g. "Asked to launch executor"). */
    int workerLogCount(int i, String text) throws IOException {
        return count(workerLogs.get(i), text);
    }

    String tail(String log) throws IOException {
        Path file = dir.resolve(log);
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of("(no " + log + ")");
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int count(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : workers) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        master.destroyForcibly();
        master.waitFor(30, TimeUnit.SECONDS);
    }
}
