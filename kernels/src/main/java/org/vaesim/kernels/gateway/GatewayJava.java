package org.vaesim.kernels.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.memory.Population;

/** The gateway's Java half: its twins over the active ranges cut into chunks, on the backend's worker pool. */
final class GatewayJava implements GatewayKernels {
    private final GatewayPlan plan;
    private final Population population;
    private final WorkerPool pool;

    GatewayJava(GatewayPlan plan, JavaBackend backend) {
        this.plan = plan;
        this.population = backend.population();
        this.pool = backend.pool();
    }

    @Override
    public void request(GatewayStep step, long[] out) {
        pass(step, out, true);
    }

    @Override
    public void apply(GatewayStep step, long[] out) {
        pass(step, out, false);
    }

    /**
     * One gateway pass over the active ranges cut into chunks: each chunk sums into its own slots, which are then
     * added in chunk order (integers: any order gives the same sums). Pass 2 first sums each chunk's legs, so that
     * every chunk starts its cumulative rounding where the chunks before it in its range left off.
     */
    private void pass(GatewayStep step, long[] out, boolean request) {
        Arrays.fill(out, 0L);
        List<int[]> work = new ArrayList<>(); // {range, from, to}
        for (int k = 0; k < plan.ranges().size(); k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            if (step.active[k] != 0) {
                for (int from = r.from(); from < r.to(); from += JavaBackend.CHUNK) {
                    work.add(new int[] {k, from, Math.min(r.to(), from + JavaBackend.CHUNK)});
                }
            }
        }
        Population p = population;
        long[][] requests = new long[work.size()][Gateway.REQUESTS];
        pool.run(work.size(), w -> {
            int k = work.get(w)[0];
            GatewayPlan.Range r = plan.ranges().get(k);
            Gateway.request(work.get(w)[1], work.get(w)[2], step.lastTick[k], r.tickSize(), step.anchorTick[k],
                    step.externalPrice[k], step.ratePpm, step.feeBps, step.band[k], r.maxUnits(), r.cashTarget(),
                    r.open(), r.limits(), p.cash, p.inventory, p.status, p.tokens, p.reputation, requests[w], 0);
        });
        if (request) {
            for (int w = 0; w < work.size(); w++) {
                int k = work.get(w)[0];
                for (int s = 0; s < Gateway.REQUESTS; s++) {
                    out[k * Gateway.REQUESTS + s] += requests[w][s];
                }
            }
            return;
        }
        long[][] cursors = new long[work.size()][Gateway.LEGS];
        long[] run = new long[Gateway.LEGS];
        for (int w = 0; w < work.size(); w++) {
            if (w == 0 || work.get(w)[0] != work.get(w - 1)[0]) {
                Arrays.fill(run, 0L); // a new range: its cumulative rounding starts at 0
            }
            // (an open-access range's BUY_AC sum is agent currency, not its buy leg, which is 0 for every agent: its
            // cursor then moves no fill)
            for (int leg = 0; leg < Gateway.LEGS; leg++) {
                cursors[w][leg] = run[leg];
                run[leg] += requests[w][Gateway.EXPORT_UNITS + leg];
            }
        }
        long[][] flows = new long[work.size()][Gateway.FLOWS];
        pool.run(work.size(), w -> {
            int k = work.get(w)[0];
            GatewayPlan.Range r = plan.ranges().get(k);
            int f = k * Gateway.LEGS;
            Gateway.apply(work.get(w)[1], work.get(w)[2], step.lastTick[k], r.tickSize(), step.anchorTick[k],
                    step.externalPrice[k], step.ratePpm, step.feeBps, step.band[k], r.maxUnits(), r.cashTarget(),
                    r.open(), r.limits(), step.fill[f + Gateway.EXPORT], step.fill[f + Gateway.IMPORT],
                    step.fill[f + Gateway.SELL], step.fill[f + Gateway.BUY], cursors[w], p.cash, p.inventory,
                    p.status, p.tokens, p.reputation, flows[w], 0);
        });
        for (int w = 0; w < work.size(); w++) {
            int k = work.get(w)[0];
            for (int s = 0; s < Gateway.FLOWS; s++) {
                out[k * Gateway.FLOWS + s] += flows[w][s];
            }
        }
    }
}
