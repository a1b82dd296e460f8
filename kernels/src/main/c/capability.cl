/*
 * Twin of capability/Capability.java: capability as evolving state (docs/capability.md). Each agent of a capability
 * cohort has a stock (micro-units, a long) and the boost it gives (millionths, an int) that negotiation reads:
 *   capability_gain    the units it won in the latest round of a compute or data auction, times a weight,
 *   capability_update  a share of the epoch's earnings reinvested (cash -> the capability account), depreciation,
 *                      then the boost, feedback x stock / (stock + half): diminishing returns, at most feedback.
 * Integer arithmetic except the boost's one division, single IEEE operations as in the Java twin.
 */
/* VS_CAPABILITY_MICRO (10^6) and VS_CAPABILITY_MAX_STOCK (stocks saturate there, so that no gain or purchase can
   overflow) come from Capability.java through vaesim_codes.h. */

/* floor(x * m / 10^6) for 0 <= x and 0 <= m <= 10^6, exactly and without overflow (twin of Capability.scale). */
VS_INLINE vs_long vs_capability_scale(vs_long x, vs_long m) {
  return x / VS_CAPABILITY_MICRO * m + x % VS_CAPABILITY_MICRO * m / VS_CAPABILITY_MICRO;
}

VS_INLINE vs_long vs_capability_add(vs_long stock, vs_long gain) {
  vs_long s = stock + gain;
  return s < VS_CAPABILITY_MAX_STOCK ? s : VS_CAPABILITY_MAX_STOCK;
}

VS_KERNEL void capability_gain(vs_int from, vs_int to, vs_int column, vs_long weight, VS_GLOBAL const vs_int *won,
                               VS_GLOBAL vs_long *stock) {
  VS_AGENT(i, from, to);
  vs_int w = won[column + (i - from)];
  if (w > 0) stock[i] = vs_capability_add(stock[i], (vs_long) w * weight);
}

VS_KERNEL void capability_update(vs_int from, vs_int to, vs_long reinvest, vs_long unit_cost, vs_long depreciation,
                                 double feedback, double half_stock, VS_GLOBAL const vs_int *status,
                                 VS_GLOBAL vs_long *cash, VS_GLOBAL vs_long *last_cash, VS_GLOBAL vs_long *stock,
                                 VS_GLOBAL vs_int *boost, VS_GLOBAL vs_long *invested) {
  VS_LOCAL vs_long spent_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const vs_int i = from + (vs_int) gid;
  vs_long spent = 0;
  if (gid < (vs_long) (to - from)) {
    vs_long c = cash[i];
    vs_long s = stock[i];
    vs_long earned = c - last_cash[i];
    if (status[i] == 0 && earned > 0 && reinvest > 0) {
      spent = vs_capability_scale(earned, reinvest);
      c -= spent;
      cash[i] = c;
      s = vs_capability_add(s, spent / unit_cost * VS_CAPABILITY_MICRO
                               + spent % unit_cost * VS_CAPABILITY_MICRO / unit_cost);
    }
    s -= vs_capability_scale(s, depreciation);
    stock[i] = s;
    boost[i] = (vs_int) floor(feedback * (double) s / ((double) s + half_stock));
    last_cash[i] = c;
  }
  spent_local[lid] = spent;
  VS_BARRIER();
  vs_block_reduce(spent_local, lid);
  if (lid == 0 && spent_local[0] != 0) VS_ATOMIC_ADD_LONG(&invested[0], spent_local[0]);
}
