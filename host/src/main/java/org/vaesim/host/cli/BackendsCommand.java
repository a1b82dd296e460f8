package org.vaesim.host.cli;

import java.util.concurrent.Callable;

import org.vaesim.kernels.Backends;

import picocli.CommandLine.Command;

@Command(name = "backends", description = "List the backends and whether each is usable on this machine.")
final class BackendsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-8s %-7s %s%n", "backend", "usable", "device, or why not");
        for (Backends.Availability a : Backends.survey()) {
            System.out.printf("%-8s %-7s %s%n", a.name(), a.usable() ? "yes" : "no", a.detail());
        }
        System.out.println("auto picks cuda, then opencl on a GPU, then java: here, " + Backends.resolve(Backends.AUTO) + ".");
        return 0;
    }
}
