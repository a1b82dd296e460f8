/*
 * Twins of inequality/Inequality.java and inequality/WealthBuckets.java: the metrics passes, launched per
 * cohort range with the unit price of the cohort's market (docs/inequality.md).
 *   wealth_histogram  every agent's wealth (cash + inventory x price) into the fixed log-linear histogram:
 *                     count, sum, min and max per bucket, and the agents' total cash;
 *   rank_mobility     every agent's decile from the nine bucket thresholds the host derived from the
 *                     histogram; the move from its stored decile into a 10 x 10 matrix; the new decile stored.
 * Only integer atomics (adds, min and max), so the result does not depend on scheduling.
 */

/* VS_SUB_BITS, VS_BUCKET_ZERO, VS_DECILES and VS_NO_DECILE come from Java: vaesim_codes.h. */
#define VS_SUB (1 << VS_SUB_BITS)

/* Magnitude index of u (unsigned): u itself below 128, then 64 buckets per power of two. */
VS_INLINE vs_int vs_wealth_magnitude(vs_ulong u) {
  vs_int k = 63 - VS_CLZ_LONG(u | 1);
  vs_int shift = k > VS_SUB_BITS ? k - VS_SUB_BITS : 0;
  return shift * VS_SUB + (vs_int) (u >> shift);
}

/* Bucket of a wealth value; buckets increase with wealth and VS_BUCKET_ZERO holds exactly 0. */
VS_INLINE vs_int vs_wealth_bucket(vs_long w) {
  return w >= 0 ? VS_BUCKET_ZERO + vs_wealth_magnitude((vs_ulong) w)
                : VS_BUCKET_ZERO - vs_wealth_magnitude((vs_ulong) 0 - (vs_ulong) w);
}

VS_KERNEL void wealth_histogram(vs_int from, vs_int to, vs_long price,
                                VS_GLOBAL const vs_long *cash, VS_GLOBAL const vs_int *inventory,
                                VS_GLOBAL vs_long *histogram, VS_GLOBAL vs_long *cash_total) {
  VS_LOCAL vs_int buckets[VS_GROUP];
  VS_LOCAL vs_long wealth[VS_GROUP];
  VS_LOCAL vs_long cash_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  vs_long w = 0, c = 0;
  vs_int b = -1;
  if (valid) {
    c = cash[i];
    w = c + (vs_long) inventory[i] * price;
    b = vs_wealth_bucket(w);
  }
  buckets[lid] = b;
  wealth[lid] = w;
  cash_local[lid] = c;
  VS_BARRIER();
  /* The first item of each run of neighbours in one bucket adds the whole run: one set of atomics per run
     instead of per agent, which matters where a cohort's agents all hold the same wealth. */
  if (valid && (lid == 0 || buckets[lid - 1] != b)) {
    vs_long n = 0, sum = 0, lo = w, hi = w;
    for (int k = lid; k < VS_GROUP && buckets[k] == b; k++) {
      vs_long x = wealth[k];
      n++;
      sum += x;
      lo = x < lo ? x : lo;
      hi = x > hi ? x : hi;
    }
    VS_GLOBAL vs_long *slot = histogram + 4 * (vs_long) b;
    VS_ATOMIC_ADD_LONG(&slot[0], n);
    VS_ATOMIC_ADD_LONG(&slot[1], sum);
    VS_ATOMIC_MIN_LONG(&slot[2], lo);
    VS_ATOMIC_MAX_LONG(&slot[3], hi);
  }
  vs_block_reduce(cash_local, lid);
  if (lid == 0 && cash_local[0] != 0) VS_ATOMIC_ADD_LONG(&cash_total[0], cash_local[0]);
}

VS_KERNEL void rank_mobility(vs_int from, vs_int to, vs_long price, VS_GLOBAL const vs_int *thresholds,
                             VS_GLOBAL const vs_long *cash, VS_GLOBAL const vs_int *inventory,
                             VS_GLOBAL vs_uchar *decile, VS_GLOBAL vs_long *transitions) {
  /* the group's own 10 x 10 counts, added to the global matrix once per group */
  VS_LOCAL vs_int counts[VS_DECILES * VS_DECILES];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  if (lid < VS_DECILES * VS_DECILES) counts[lid] = 0;
  VS_BARRIER();
  if (gid < (vs_long) (to - from)) {
    const vs_int i = from + (vs_int) gid;
    vs_int b = vs_wealth_bucket(cash[i] + (vs_long) inventory[i] * price);
    vs_int d = 0;
    for (int k = 0; k < VS_DECILES - 1; k++) {
      d += b >= thresholds[k] ? 1 : 0;
    }
    vs_uchar previous = decile[i];
    if (previous < VS_DECILES) VS_ATOMIC_ADD_LOCAL_INT(&counts[previous * VS_DECILES + d], 1);
    decile[i] = (vs_uchar) d;
  }
  VS_BARRIER();
  if (lid < VS_DECILES * VS_DECILES && counts[lid] != 0) {
    VS_ATOMIC_ADD_LONG(&transitions[lid], (vs_long) counts[lid]);
  }
}
