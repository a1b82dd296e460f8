package org.vaesim.cluster;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.vaesim.host.experiment.SweepEngine;
import org.vaesim.host.experiment.SweepExecutor;
import org.vaesim.models.scenario.ConfigException;

/**
 * {@code --engine spark}: a sweep's runs as Spark tasks (docs/cluster.md). Why Spark: a sweep is thousands of
 * independent runs, which is what Spark's scheduler already does well on every kind of cluster (standalone,
 * Kubernetes, YARN, the managed services), with retries of lost executors and GPU-aware scheduling; a cluster of
 * our own would redo all of that. Only Spark's core is used: no Spark SQL, no Hadoop file system.
 */
public final class SparkSweepEngine implements SweepEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepExecutor open(String master, String sweepName, PrintStream log) throws ConfigException {
        SparkConf conf = conf(master, sweepName);
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(conf);
        } catch (RuntimeException e) { // a master URL Spark cannot parse or reach, a port it cannot bind
            throw new ConfigException("--master", "--master", conf.get("spark.master"), "Spark could not start: "
                    + e.getMessage());
        }
        return new SparkSweepExecutor(context, log);
    }

    /**
     * The application's settings: spark.* from the environment (spark-submit's, or -D), the master asked for
     * (else the environment's, else every core of this machine), and, for a cluster, vaesim's jars to ship.
     */
    static SparkConf conf(String master, String sweepName) throws ConfigException {
        SparkConf conf = new SparkConf().setAppName("vaesim sweep " + sweepName);
        if (master != null) {
            if (master.isBlank()) {
                throw new ConfigException("--master", "--master", master, "must be a Spark master URL: local[N],"
                        + " spark://HOST:PORT, k8s://https://HOST:PORT or yarn");
            }
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        // Each result is a run directory, written to disk as it arrives: their total is no reason to stop a sweep.
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        if (!conf.get("spark.master").startsWith("local") && !conf.contains("spark.jars")) {
            List<String> jars = new ArrayList<>();
            jars.add(jarOf(SparkSweepEngine.class).orElseThrow(() -> new ConfigException("--engine", "--engine",
                    "spark", "vaesim is not running from a jar, so there is none to send to the executors: run it"
                    + " from cluster/target/vaesim-spark.jar (./vaesim does), or set spark.jars")));
            jarOf(duckDb()).ifPresent(jars::add); // each run's metrics.parquet; without it, metrics.csv only
            conf.set("spark.jars", String.join(",", jars));
        }
        return conf;
    }

    private static Class<?> duckDb() {
        try {
            return Class.forName("org.duckdb.DuckDBDriver", false, SparkSweepEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The jar file {@code type} was loaded from, if it was loaded from one. */
    private static Optional<String> jarOf(Class<?> type) {
        CodeSource source = type == null ? null : type.getProtectionDomain().getCodeSource();
        try {
            Path p = source == null ? null : Path.of(source.getLocation().toURI());
            return p != null && Files.isRegularFile(p) && p.toString().endsWith(".jar")
                    ? Optional.of(p.toString()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            return Optional.empty();
        }
    }
}
