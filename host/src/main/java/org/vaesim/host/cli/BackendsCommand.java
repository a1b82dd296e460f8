package org.vaesim.host.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "backends", description = "List the backends and whether each is usable on this machine.")
final class BackendsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-8s %-11s %s%n", "backend", "usable", "notes");
        System.out.printf("%-8s %-11s %s%n", "java", "yes",
                "Java twins of every kernel, " + Runtime.getRuntime().availableProcessors() + " cores here (default)");
        System.out.printf("%-8s %-11s %s%n", "opencl", "no",
                "not in this build yet: the OpenCL kernels arrive with the GPU backends issue");
        System.out.printf("%-8s %-11s %s%n", "cuda", "no",
                "not in this build yet: the CUDA backend arrives with the GPU backends issue");
        System.out.println("auto picks cuda, then opencl on a GPU, then java: here, java.");
        return 0;
    }
}
