package org.vaesim.cluster;

import java.io.Serializable;

import org.vaesim.host.experiment.RunFiles;
import org.vaesim.host.experiment.SweepRun;

/**
 * What a task sends back to the sweep: how its run ended, the run directory's files (the sweep writes them into
 * its own directory: executors need no shared file system), and where and on which backend it ran.
 *
 * @param result  the run's status, checksum or reason
 * @param files   the run directory, every file (empty when the run failed before it made one)
 * @param host    the executor's host
 * @param backend the backend the run was started with (cuda:N on an assigned GPU)
 */
record TaskOutput(SweepRun.RunResult result, RunFiles files, String host, String backend) implements Serializable {
}
