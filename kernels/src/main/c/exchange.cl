/*
 * Twin of exchange/Exchange.java: kinetic wealth exchange in random pairs of one cohort. One work-item per
 * pair; pairs come from a keyed Feistel permutation of the cohort (cycle-walked into [0, n)), so no agent is
 * in two pairs and no atomics are needed. The other side of every transfer gets the rest: cash is conserved.
 * Both agents of a pair go through vs_eligibility (vaesim.h; Exchange.reason), with the cohort's
 * Eligibility.Limits as arguments; the pair does nothing unless both may take part. The stages and model codes
 * (VS_STAGE_EXCHANGE, VS_STAGE_PERMUTE, VS_STAGE_NEGOTIATE, VS_MODEL_*) come from Java: vaesim_codes.h.
 */

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

/* Exchange.reason: the one check for an agent of a pair paying amount, with own the mechanism's reason. */
VS_INLINE int vs_pair_reason(vs_int status, vs_int rep, int own, vs_long amount, vs_int bucket, vs_int largest,
                             vs_long spend_limit, vs_int capacity, vs_int probation_below, vs_int probation_largest,
                             vs_long probation_spend_limit) {
  return vs_eligibility(status, 1, vs_limit_int(rep, probation_below, largest, probation_largest), own, amount,
                        vs_limit_long(rep, probation_below, spend_limit, probation_spend_limit), capacity, bucket);
}

/* The cohort's limits for vs_pair_reason, without a rate limit (kinetic exchange). */
#define VS_KINETIC_LIMITS largest, spend_limit, 0, probation_below, probation_largest, probation_spend_limit

VS_INLINE vs_int vs_permute(vs_int index, vs_int n, vs_int h, vs_uint k0, vs_uint k1, vs_int epoch) {
  vs_int v = index;
  do {
    v = vs_feistel(v, h, k0, k1, epoch);
  } while (v >= n);
  return v;
}

VS_KERNEL void exchange(vs_int pair_from, vs_int pair_to, vs_int start, vs_int n, vs_int h, vs_int model,
                        double lambda, vs_int distributed, double beta, vs_int largest, vs_long spend_limit,
                        vs_int probation_below, vs_int probation_largest, vs_long probation_spend_limit,
                        VS_GLOBAL vs_long *cash, VS_GLOBAL const vs_int *status, VS_GLOBAL const vs_int *reputation,
                        VS_GLOBAL const vs_int *trait, vs_uint k0, vs_uint k1, vs_int epoch,
                        VS_GLOBAL const vs_int *boost, vs_int boosted) {
  VS_AGENT(k, pair_from, pair_to);
  vs_int a = start + vs_permute(2 * k, n, h, k0, k1, epoch);
  vs_int b = start + vs_permute(2 * k + 1, n, h, k0, k1, epoch);
  vs_uint w[4];
  vs_philox4x32_10((vs_uint) k, (vs_uint) epoch, VS_STAGE_EXCHANGE, 0, k0, k1, w);
  double u = (double) w[0] * 0x1.0p-32;
  vs_long ma = cash[a];
  vs_long mb = cash[b];
  vs_long to_a;
  if (model == VS_MODEL_YARD_SALE) {
    vs_long stake = (vs_long) floor(beta * (double) (ma < mb ? ma : mb));
    int a_wins;
    if (boosted) { /* capability as state: a wins with probability power_a / (power_a + power_b) */
      double pa = 1.0 + (double) boost[a] / 1000000.0;
      double pb = 1.0 + (double) boost[b] / 1000000.0;
      a_wins = u < pa / (pa + pb);
    } else {
      a_wins = (w[1] & 1u) == 0;
    }
    to_a = a_wins ? stake : -stake;
  } else {
    vs_long keep_a = 0, keep_b = 0;
    if (model == VS_MODEL_SAVING) {
      double la = distributed ? trait[a] * 1e-6 : lambda;
      double lb = distributed ? trait[b] * 1e-6 : lambda;
      keep_a = (vs_long) floor(la * (double) ma);
      keep_b = (vs_long) floor(lb * (double) mb);
    }
    vs_long pot = (ma - keep_a) + (mb - keep_b);
    vs_long share = (vs_long) floor(u * (double) pot);
    to_a = keep_a + share - ma; /* b gets the rest of the pot */
  }
  if (vs_pair_reason(status[a], reputation[a], -1, to_a < 0 ? -to_a : 0, 0, VS_KINETIC_LIMITS) == VS_ELIGIBLE
      && vs_pair_reason(status[b], reputation[b], -1, to_a > 0 ? to_a : 0, 0, VS_KINETIC_LIMITS) == VS_ELIGIBLE) {
    cash[a] = ma + to_a;
    cash[b] = mb - to_a;
  }
}

/*
 * Redistribution, step 1 (Exchange.collectTax): every agent that takes part pays floor(tax x cash) into pot[0], and
 * is counted into pot[1] and into its block's count block_counts[block_base + block] (blocks of VS_GROUP agents).
 */
VS_KERNEL void collect_tax(vs_int from, vs_int to, vs_int block_base, double tax, vs_int largest,
                           vs_long spend_limit, vs_int probation_below, vs_int probation_largest,
                           vs_long probation_spend_limit, VS_GLOBAL const vs_int *status,
                           VS_GLOBAL const vs_int *reputation, VS_GLOBAL vs_long *cash,
                           VS_GLOBAL vs_long *block_counts, VS_GLOBAL vs_long *pot) {
  VS_LOCAL vs_long paid_local[VS_GROUP];
  VS_LOCAL vs_long takers_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const vs_int i = from + (vs_int) gid;
  vs_long paid = 0, taker = 0;
  if (gid < (vs_long) (to - from)
      && vs_pair_reason(status[i], reputation[i], -1, 0, 0, VS_KINETIC_LIMITS) == VS_ELIGIBLE) {
    paid = (vs_long) floor(tax * (double) cash[i]);
    cash[i] -= paid;
    taker = 1;
  }
  paid_local[lid] = paid;
  takers_local[lid] = taker;
  VS_BARRIER();
  vs_block_reduce(paid_local, lid);
  vs_block_reduce(takers_local, lid);
  if (lid == 0) {
    block_counts[block_base + VS_GROUP_ID()] = takers_local[0];
    if (paid_local[0] != 0) VS_ATOMIC_ADD_LONG(&pot[0], paid_local[0]);
    if (takers_local[0] != 0) VS_ATOMIC_ADD_LONG(&pot[1], takers_local[0]);
  }
}

/* One work-item (items = 1): the cohort's block counts become exclusive prefixes in index order. */
VS_KERNEL void refund_block_prefix(vs_int items, vs_int block_base, vs_int blocks, VS_GLOBAL vs_long *block_counts) {
  vs_long gid = VS_GLOBAL_ID();
  if (gid >= items) return;
  vs_long run = 0;
  for (vs_int k = block_base; k < block_base + blocks; k++) {
    vs_long c = block_counts[k];
    block_counts[k] = run;
    run += c;
  }
}

/*
 * Redistribution, step 2 (Exchange.refund): each agent that takes part gets share, plus one more while its rank
 * among the cohort's agents that take part (its block's prefix and the takers before it in the block) is below
 * remainder: the whole pot goes back.
 */
VS_KERNEL void refund(vs_int from, vs_int to, vs_int block_base, vs_long share, vs_long remainder, vs_int largest,
                      vs_long spend_limit, vs_int probation_below, vs_int probation_largest,
                      vs_long probation_spend_limit, VS_GLOBAL const vs_int *status,
                      VS_GLOBAL const vs_int *reputation, VS_GLOBAL const vs_long *block_prefix,
                      VS_GLOBAL vs_long *cash) {
  VS_LOCAL vs_long before[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const vs_int i = from + (vs_int) gid;
  const int taker = gid < (vs_long) (to - from)
      && vs_pair_reason(status[i], reputation[i], -1, 0, 0, VS_KINETIC_LIMITS) == VS_ELIGIBLE;
  before[lid] = taker ? 1 : 0;
  VS_BARRIER();
  if (lid == 0) vs_block_exclusive_prefix(before);
  VS_BARRIER();
  if (taker) {
    vs_long rank = block_prefix[block_base + VS_GROUP_ID()] + before[lid];
    cash[i] += share + (rank < remainder ? 1 : 0);
  }
}

/* Twin of Exchange.negotiate: a k-double auction in each pair, capability setting bargaining power (boosted: with
   capability as state, each side's power times 1 + its boost in millionths). */
VS_KERNEL void negotiate(vs_int pair_from, vs_int pair_to, vs_int start, vs_int n, vs_int h, vs_int value_min,
                         vs_int value_max, double spread, vs_long tick_size, vs_int largest, vs_long spend_limit,
                         vs_int capacity, vs_int probation_below, vs_int probation_largest,
                         vs_long probation_spend_limit, VS_GLOBAL vs_long *cash, VS_GLOBAL const vs_int *status,
                         VS_GLOBAL vs_int *bucket, VS_GLOBAL const vs_int *reputation, VS_GLOBAL const vs_int *trait,
                         vs_uint k0, vs_uint k1, vs_int epoch, VS_GLOBAL const vs_int *boost, vs_int boosted) {
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
  if (boosted) { /* capability as state (docs/capability.md): power x (1 + boost / 10^6) */
    seller_power = seller_power * (1.0 + (double) boost[seller] / 1000000.0);
    buyer_power = buyer_power * (1.0 + (double) boost[buyer] / 1000000.0);
  }
  vs_long price = cost + (vs_long) floor(seller_power / (buyer_power + seller_power) * (double) (value - cost));
  vs_long amount = price * tick_size;
  int budget = cash[buyer] >= amount ? -1 : VS_BUDGET;
  if (vs_pair_reason(status[buyer], reputation[buyer], budget, amount, bucket[buyer], largest, spend_limit, capacity,
                     probation_below, probation_largest, probation_spend_limit) == VS_ELIGIBLE
      && vs_pair_reason(status[seller], reputation[seller], -1, 0, bucket[seller], largest, spend_limit, capacity,
                        probation_below, probation_largest, probation_spend_limit) == VS_ELIGIBLE) {
    cash[buyer] -= amount;
    cash[seller] += amount;
    if (capacity > 0) {
      bucket[buyer] -= VS_TOKEN;
      bucket[seller] -= VS_TOKEN;
    }
  }
}
