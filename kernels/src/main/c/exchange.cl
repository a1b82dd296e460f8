/*
 * Twin of exchange/Exchange.java: kinetic wealth exchange in random pairs of one cohort. One work-item per
 * pair; pairs come from a keyed Feistel permutation of the cohort (cycle-walked into [0, n)), so no agent is
 * in two pairs and no atomics are needed. The other side of every transfer gets the rest: cash is conserved.
 */
#define VS_STAGE_EXCHANGE 2
#define VS_STAGE_PERMUTE 3
#define VS_MODEL_SAVING 1
#define VS_MODEL_YARD_SALE 2

VS_INLINE vs_int vs_feistel(vs_int v, vs_int h, vs_uint k0, vs_uint k1, vs_int epoch) {
  vs_uint mask = (1u << h) - 1u;
  vs_uint left = (vs_uint) v >> h;
  vs_uint right = (vs_uint) v & mask;
  vs_uint out[4];
  for (int round = 0; round < 4; round++) {
    vs_philox4x32_10(right, (vs_uint) epoch, VS_STAGE_PERMUTE, (vs_uint) round, k0, k1, out);
    vs_uint next = left ^ (out[0] & mask);
    left = right;
    right = next;
  }
  return (vs_int) ((left << h) | right);
}

VS_INLINE vs_int vs_permute(vs_int index, vs_int n, vs_int h, vs_uint k0, vs_uint k1, vs_int epoch) {
  vs_int v = index;
  do {
    v = vs_feistel(v, h, k0, k1, epoch);
  } while (v >= n);
  return v;
}

VS_KERNEL void exchange(vs_int pair_from, vs_int pair_to, vs_int start, vs_int n, vs_int h, vs_int model,
                        double lambda, vs_int distributed, double beta, VS_GLOBAL vs_long *cash,
                        VS_GLOBAL const vs_int *trait, vs_uint k0, vs_uint k1, vs_int epoch) {
  VS_AGENT(k, pair_from, pair_to);
  vs_int a = start + vs_permute(2 * k, n, h, k0, k1, epoch);
  vs_int b = start + vs_permute(2 * k + 1, n, h, k0, k1, epoch);
  vs_uint w[4];
  vs_philox4x32_10((vs_uint) k, (vs_uint) epoch, VS_STAGE_EXCHANGE, 0, k0, k1, w);
  double u = (double) w[0] * 0x1.0p-32;
  vs_long ma = cash[a];
  vs_long mb = cash[b];
  if (model == VS_MODEL_YARD_SALE) {
    vs_long stake = (vs_long) floor(beta * (double) (ma < mb ? ma : mb));
    vs_long to_a = (w[1] & 1u) == 0 ? stake : -stake;
    cash[a] = ma + to_a;
    cash[b] = mb - to_a;
    return;
  }
  vs_long keep_a = 0, keep_b = 0;
  if (model == VS_MODEL_SAVING) {
    double la = distributed ? trait[a] * 1e-6 : lambda;
    double lb = distributed ? trait[b] * 1e-6 : lambda;
    keep_a = (vs_long) floor(la * (double) ma);
    keep_b = (vs_long) floor(lb * (double) mb);
  }
  vs_long pot = (ma - keep_a) + (mb - keep_b);
  vs_long share = (vs_long) floor(u * (double) pot);
  cash[a] = keep_a + share;
  cash[b] = keep_b + pot - share;
}

/* Redistribution, step 1: every agent pays floor(tax x cash) into pot[0]. */
VS_KERNEL void collect_tax(vs_int from, vs_int to, double tax, VS_GLOBAL vs_long *cash, VS_GLOBAL vs_long *pot) {
  VS_AGENT(i, from, to);
  vs_long paid = (vs_long) floor(tax * (double) cash[i]);
  cash[i] -= paid;
  if (paid != 0) VS_ATOMIC_ADD_LONG(&pot[0], paid);
}

/* Redistribution, step 2: share each, one more for the first `remainder` agents of the cohort. */
VS_KERNEL void refund(vs_int from, vs_int to, vs_int start, vs_long share, vs_long remainder,
                      VS_GLOBAL vs_long *cash) {
  VS_AGENT(i, from, to);
  cash[i] += share + (i - start < remainder ? 1 : 0);
}

/* Twin of Exchange.negotiate: a k-double auction in each pair, capability setting bargaining power. */
#define VS_STAGE_NEGOTIATE 4

VS_KERNEL void negotiate(vs_int pair_from, vs_int pair_to, vs_int start, vs_int n, vs_int h, vs_int value_min,
                         vs_int value_max, double spread, vs_long tick_size, VS_GLOBAL vs_long *cash,
                         VS_GLOBAL const vs_int *trait, vs_uint k0, vs_uint k1, vs_int epoch) {
  VS_AGENT(k, pair_from, pair_to);
  vs_int a = start + vs_permute(2 * k, n, h, k0, k1, epoch);
  vs_int b = start + vs_permute(2 * k + 1, n, h, k0, k1, epoch);
  vs_uint w[4];
  vs_philox4x32_10((vs_uint) k, (vs_uint) epoch, VS_STAGE_NEGOTIATE, 0, k0, k1, w);
  vs_int buyer = (w[0] & 1u) == 0 ? a : b;
  vs_int seller = buyer == a ? b : a;
  vs_int value = vs_uniform(w[1], value_min, value_max);
  vs_int cost = vs_uniform(w[2], value_min, value_max);
  if (value <= cost) return;
  double seller_power = 1 + spread * trait[seller];
  double buyer_power = 1 + spread * trait[buyer];
  vs_long price = cost + (vs_long) floor(seller_power / (buyer_power + seller_power) * (double) (value - cost));
  vs_long amount = price * tick_size;
  if (cash[buyer] >= amount) {
    cash[buyer] -= amount;
    cash[seller] += amount;
  }
}
