/*
 * Twin of gateway/Gateway.java: the permeability gateway's two passes over a broker range (docs/permeability.md).
 * A broker with legs crosses only if vs_eligibility (vaesim.h) lets it (Gateway.legs); the eligibility arguments
 * are the range's Eligibility.Limits and the status, token and reputation columns. A range of open-access agents
 * (open_access 1: Gateway.Crossers) widens each agent's band by its own threshold, drawn from the gateway's key
 * (k0, k1), caps its imports by its cash and settles its goods in agent currency at the anchor.
 */

/* VS_GATEWAY_SHIFT, VS_PPM and VS_GATEWAY_REJECTS (the slot of the flow sums where the brokers the one check
   stopped start, by reason) come from Java: vaesim_codes.h. */
#define VS_GATEWAY_MASK ((((vs_long) 1) << VS_GATEWAY_SHIFT) - 1)

VS_INLINE vs_int vs_export_units(vs_int q, vs_int anchor, vs_int last, vs_int band, vs_int max_units) {
  return anchor > last + band && q > 0 ? (q < max_units ? q : max_units) : 0;
}

VS_INLINE vs_int vs_import_units(vs_int q, vs_int anchor, vs_int last, vs_int band, vs_int max_units,
                                 vs_int max_position) {
  vs_long room = (vs_long) max_position - q;
  return anchor < last - band && room > 0 ? (vs_int) (room < max_units ? room : max_units) : 0;
}

VS_INLINE vs_long vs_sell_currency(vs_long c, vs_long target, vs_long leg_cap) {
  vs_long want = c - target;
  return target > 0 && c > 2 * target ? (want < leg_cap ? want : leg_cap) : 0;
}

VS_INLINE vs_long vs_buy_currency(vs_long c, vs_long target, vs_long leg_cap) {
  vs_long want = target - c;
  return target > 0 && c < target / 2 ? (want < leg_cap ? want : leg_cap) : 0;
}

/* floor(x * f / 2^30) for 0 <= x < 2^61, 0 <= f <= 2^30. */
VS_INLINE vs_long vs_gateway_scale(vs_long x, vs_long f) {
  return (x >> VS_GATEWAY_SHIFT) * f + (((x & VS_GATEWAY_MASK) * f) >> VS_GATEWAY_SHIFT);
}

/* floor(ac * rate / 10^6) and its ceiling. */
VS_INLINE vs_long vs_convert_down(vs_long ac, vs_long rate) {
  return ac / VS_PPM * rate + ac % VS_PPM * rate / VS_PPM;
}

VS_INLINE vs_long vs_convert_up(vs_long ac, vs_long rate) {
  return vs_convert_down(ac, rate) + (ac % VS_PPM * rate % VS_PPM != 0 ? 1 : 0);
}

/* ceil(g * bps / 10^4) */
VS_INLINE vs_long vs_fee_up(vs_long g, vs_int bps) {
  return vs_fee(g, bps) + (g % 10000 * bps % 10000 != 0 ? 1 : 0);
}

/* Gateway.legs: agent i's four legs (export units, import units, currency to sell, to buy), all 0 unless it wants
   some (by its own max_units) and the one check lets them through, the goods legs capped by its largest order;
   returns the check's reason (VS_ELIGIBLE also when it wants nothing). */
VS_INLINE int vs_gateway_legs(vs_int i, vs_int last_tick, vs_int anchor_tick, vs_int band, vs_int max_units,
                              vs_long cash_target, vs_long unit_cost, vs_int open_access, vs_int threshold_min,
                              vs_int threshold_max, vs_uint k0, vs_uint k1, vs_int largest, vs_long spend_limit,
                              vs_int max_position, vs_int capacity, vs_int probation_below,
                              vs_int probation_largest, vs_long probation_spend_limit,
                              vs_int probation_max_position, VS_GLOBAL const vs_long *cash,
                              VS_GLOBAL const vs_int *inventory, VS_GLOBAL const vs_int *status,
                              VS_GLOBAL const vs_int *bucket, VS_GLOBAL const vs_int *reputation, vs_long legs[4]) {
  vs_int rep = reputation[i];
  vs_int q = inventory[i];
  vs_long c = cash[i];
  vs_int position = vs_limit_int(rep, probation_below, max_position, probation_max_position);
  vs_long spend = vs_limit_long(rep, probation_below, spend_limit, probation_spend_limit);
  vs_long leg_cap = cash_target < spend ? cash_target : spend;
  vs_long affordable = max_units; /* brokers: no cap by cash */
  if (open_access) { /* band + threshold <= 2^17 + 2^16 ticks: no overflow */
    band += vs_uniform(vs_agent_word(i, 0, VS_STAGE_OPEN_ACCESS, 0, k0, k1), threshold_min, threshold_max);
    affordable = c > 0 ? c / unit_cost : 0;
  }
  vs_int import_cap = (vs_int) (affordable < max_units ? affordable : max_units);
  legs[0] = vs_export_units(q, anchor_tick, last_tick, band, max_units);
  legs[1] = vs_import_units(q, anchor_tick, last_tick, band, import_cap, position);
  legs[2] = vs_sell_currency(c, cash_target, leg_cap);
  legs[3] = vs_buy_currency(c, cash_target, leg_cap);
  if ((legs[0] | legs[1] | legs[2] | legs[3]) == 0) return VS_ELIGIBLE;
  /* the legs stay within the largest order (capped below) and the spend limit (leg_cap): 1 unit, 0 credits */
  vs_int own_largest = vs_limit_int(rep, probation_below, largest, probation_largest);
  int reason = vs_eligibility(status[i], 1, own_largest, -1, 0, spend_limit, capacity, bucket[i]);
  if (reason != VS_ELIGIBLE) {
    legs[0] = 0; legs[1] = 0; legs[2] = 0; legs[3] = 0;
  } else if (own_largest < max_units) {
    legs[0] = vs_export_units(q, anchor_tick, last_tick, band, own_largest);
    legs[1] = vs_import_units(q, anchor_tick, last_tick, band,
                              (vs_int) (affordable < own_largest ? affordable : own_largest), position);
  }
  return reason;
}

/* The open-access and eligibility arguments of the gateway kernels, passed on to vs_gateway_legs. */
#define VS_GATEWAY_LIMITS open_access, threshold_min, threshold_max, k0, k1, largest, spend_limit, max_position, \
  capacity, probation_below, probation_largest, probation_spend_limit, probation_max_position

/* Gateway.unitCost: what one unit imported under open access costs at most, its price u and the fee rounded up. */
VS_INLINE vs_long vs_unit_cost(vs_long unit_ac, vs_int fee_bps) {
  return unit_ac + vs_fee_up(unit_ac, fee_bps);
}

/* Pass 1: the range's value, external money to pay (bound) and leg totals, into out[offset .. offset + 5]. */
VS_KERNEL void gateway_request(vs_int from, vs_int to, vs_int last_tick, vs_long tick_size, vs_int anchor_tick,
                               vs_long external_price, vs_long rate_ppm, vs_int fee_bps, vs_int band,
                               vs_int max_units, vs_long cash_target, vs_int open_access, vs_int threshold_min,
                               vs_int threshold_max, vs_uint k0, vs_uint k1, vs_int largest, vs_long spend_limit,
                               vs_int max_position, vs_int capacity, vs_int probation_below,
                               vs_int probation_largest, vs_long probation_spend_limit,
                               vs_int probation_max_position, VS_GLOBAL const vs_long *cash,
                               VS_GLOBAL const vs_int *inventory, VS_GLOBAL const vs_int *status,
                               VS_GLOBAL const vs_int *bucket, VS_GLOBAL const vs_int *reputation,
                               VS_GLOBAL vs_long *out, vs_int offset) {
  VS_AGENT(i, from, to);
  vs_long legs[4];
  vs_long unit_ac = anchor_tick * tick_size;
  vs_gateway_legs(i, last_tick, anchor_tick, band, max_units, cash_target, vs_unit_cost(unit_ac, fee_bps),
                  VS_GATEWAY_LIMITS, cash, inventory, status, bucket, reputation, legs);
  vs_long value = (legs[0] + legs[1]) * (last_tick * tick_size) + legs[2] + legs[3];
  vs_long pay = 0;
  if (open_access) {
    legs[3] = legs[0] * unit_ac; /* the agent currency the exports would draw from offshore at most */
  } else {
    vs_long import_em = legs[1] * external_price;
    vs_long buy_em = vs_convert_up(legs[3], rate_ppm);
    pay = import_em + vs_fee_up(import_em, fee_bps) + buy_em + vs_fee_up(buy_em, fee_bps);
  }
  if (value != 0) VS_ATOMIC_ADD_LONG(&out[offset + 0], value);
  if (pay != 0) VS_ATOMIC_ADD_LONG(&out[offset + 1], pay);
  for (int k = 0; k < 4; k++) {
    if (legs[k] != 0) VS_ATOMIC_ADD_LONG(&out[offset + 2 + k], legs[k]);
  }
}

/* Each block's four leg totals, into block_sums[4 (block_base + block) + leg] (blocks of VS_GROUP agents). */
VS_KERNEL void gateway_block_sums(vs_int from, vs_int to, vs_int block_base, vs_int last_tick, vs_int anchor_tick,
                                  vs_long tick_size, vs_int fee_bps, vs_int band, vs_int max_units,
                                  vs_long cash_target, vs_int open_access, vs_int threshold_min,
                                  vs_int threshold_max, vs_uint k0, vs_uint k1, vs_int largest, vs_long spend_limit,
                                  vs_int max_position, vs_int capacity, vs_int probation_below,
                                  vs_int probation_largest, vs_long probation_spend_limit,
                                  vs_int probation_max_position, VS_GLOBAL const vs_long *cash,
                                  VS_GLOBAL const vs_int *inventory, VS_GLOBAL const vs_int *status,
                                  VS_GLOBAL const vs_int *bucket, VS_GLOBAL const vs_int *reputation,
                                  VS_GLOBAL vs_long *block_sums) {
  VS_LOCAL vs_long sums[4 * VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  vs_long legs[4] = {0, 0, 0, 0};
  if (gid < (vs_long) (to - from)) {
    vs_gateway_legs(from + (vs_int) gid, last_tick, anchor_tick, band, max_units, cash_target,
                    vs_unit_cost(anchor_tick * tick_size, fee_bps), VS_GATEWAY_LIMITS, cash, inventory, status,
                    bucket, reputation, legs);
  }
  for (int k = 0; k < 4; k++) sums[4 * lid + k] = legs[k];
  VS_BARRIER();
  for (int stride = VS_GROUP / 2; stride > 0; stride >>= 1) {
    if (lid < stride) {
      for (int k = 0; k < 4; k++) sums[4 * lid + k] += sums[4 * (lid + stride) + k];
    }
    VS_BARRIER();
  }
  if (lid == 0) {
    vs_long block = block_base + VS_GROUP_ID();
    for (int k = 0; k < 4; k++) block_sums[4 * block + k] = sums[k];
  }
}

/* One work-item per range: its blocks' leg totals become exclusive prefixes, in index order. */
VS_KERNEL void gateway_block_prefix(vs_int ranges, VS_GLOBAL const vs_int *range_block_base,
                                    VS_GLOBAL const vs_int *range_blocks, VS_GLOBAL vs_long *block_sums) {
  vs_long gid = VS_GLOBAL_ID();
  if (gid >= ranges) return;
  vs_long run[4] = {0, 0, 0, 0};
  for (vs_int b = 0; b < range_blocks[gid]; b++) {
    vs_long o = 4 * ((vs_long) range_block_base[gid] + b);
    for (int k = 0; k < 4; k++) {
      vs_long x = block_sums[o + k];
      block_sums[o + k] = run[k];
      run[k] += x;
    }
  }
}

/* floor((c + q) f / 2^30) - floor(c f / 2^30): the cumulative-rounding share of a leg. */
VS_INLINE vs_long vs_gateway_share(vs_long cursor, vs_long q, vs_long fill) {
  return vs_gateway_scale(cursor + q, fill) - vs_gateway_scale(cursor, fill);
}

/* Pass 2: each agent's fills by cumulative rounding in index order; cash and goods move; flows into out. */
VS_KERNEL void gateway_apply(vs_int from, vs_int to, vs_int block_base, vs_int last_tick, vs_long tick_size,
                             vs_int anchor_tick, vs_long external_price, vs_long rate_ppm, vs_int fee_bps, vs_int band,
                             vs_int max_units, vs_long cash_target, vs_int open_access, vs_int threshold_min,
                             vs_int threshold_max, vs_uint k0, vs_uint k1, vs_int largest, vs_long spend_limit,
                             vs_int max_position,
                             vs_int capacity, vs_int probation_below, vs_int probation_largest,
                             vs_long probation_spend_limit, vs_int probation_max_position, vs_long fill_export,
                             vs_long fill_import, vs_long fill_sell, vs_long fill_buy,
                             VS_GLOBAL const vs_long *block_prefix, VS_GLOBAL vs_long *cash,
                             VS_GLOBAL vs_int *inventory, VS_GLOBAL const vs_int *status, VS_GLOBAL vs_int *bucket,
                             VS_GLOBAL const vs_int *reputation, VS_GLOBAL vs_long *out, vs_int offset) {
  VS_LOCAL vs_long before[4 * VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  vs_long legs[4] = {0, 0, 0, 0};
  int reason = VS_ELIGIBLE;
  vs_long unit_ac = anchor_tick * tick_size;
  if (valid) {
    reason = vs_gateway_legs(i, last_tick, anchor_tick, band, max_units, cash_target, vs_unit_cost(unit_ac, fee_bps),
                             VS_GATEWAY_LIMITS, cash, inventory, status, bucket, reputation, legs);
  }
  for (int k = 0; k < 4; k++) before[4 * lid + k] = legs[k];
  VS_BARRIER();
  /* exclusive prefix within the block, in agent order (one item scans: simple, and blocks are small) */
  if (lid == 0) {
    vs_long run[4] = {0, 0, 0, 0};
    for (int j = 0; j < VS_GROUP; j++) {
      for (int k = 0; k < 4; k++) {
        vs_long x = before[4 * j + k];
        before[4 * j + k] = run[k];
        run[k] += x;
      }
    }
  }
  VS_BARRIER();
  if (reason >= 0) VS_ATOMIC_ADD_LONG(&out[offset + VS_GATEWAY_REJECTS + reason], (vs_long) 1);
  if ((legs[0] | legs[1] | legs[2] | legs[3]) == 0) return;
  if (capacity > 0) bucket[i] -= VS_TOKEN;
  vs_long block = block_base + VS_GROUP_ID();
  vs_long ex = vs_gateway_share(block_prefix[4 * block + 0] + before[4 * lid + 0], legs[0], fill_export);
  vs_long im = vs_gateway_share(block_prefix[4 * block + 1] + before[4 * lid + 1], legs[1], fill_import);
  vs_long sell = vs_gateway_share(block_prefix[4 * block + 2] + before[4 * lid + 2], legs[2], fill_sell);
  vs_long b = vs_gateway_share(block_prefix[4 * block + 3] + before[4 * lid + 3], legs[3], fill_buy);
  if ((ex | im | sell | b) != 0) VS_ATOMIC_ADD_LONG(&out[offset + VS_GATEWAY_CROSSED], (vs_long) 1);
  inventory[i] = (vs_int) (inventory[i] - ex + im);
  vs_long gx = ex * external_price;
  vs_long fx = vs_fee(gx, fee_bps);
  vs_long gm = im * external_price;
  vs_long fm = vs_fee(gm, fee_bps);
  if (ex != 0) {
    VS_ATOMIC_ADD_LONG(&out[offset + 0], ex);
    VS_ATOMIC_ADD_LONG(&out[offset + 1], gx);
    VS_ATOMIC_ADD_LONG(&out[offset + 2], fx);
  }
  if (im != 0) {
    VS_ATOMIC_ADD_LONG(&out[offset + 3], im);
    VS_ATOMIC_ADD_LONG(&out[offset + 4], gm);
    VS_ATOMIC_ADD_LONG(&out[offset + 5], fm);
  }
  if (open_access) {
    /* the export's external money, less its fee, buys agent currency; the import's agent currency buys the
       external money of the goods and their fee (Gateway.apply) */
    vs_long ac_in = ex * unit_ac - vs_fee(ex * unit_ac, fee_bps);
    vs_long out_ac = im * unit_ac + vs_fee_up(im * unit_ac, fee_bps);
    cash[i] = cash[i] + ac_in - out_ac;
    if (out_ac != 0) {
      VS_ATOMIC_ADD_LONG(&out[offset + 6], out_ac);
      VS_ATOMIC_ADD_LONG(&out[offset + 7], gm + fm);
    }
    if (ac_in != 0) {
      VS_ATOMIC_ADD_LONG(&out[offset + 9], ac_in);
      VS_ATOMIC_ADD_LONG(&out[offset + 10], gx - fx);
    }
    return;
  }
  cash[i] = cash[i] - sell + b;
  if (sell != 0) {
    vs_long g = vs_convert_down(sell, rate_ppm);
    VS_ATOMIC_ADD_LONG(&out[offset + 6], sell);
    VS_ATOMIC_ADD_LONG(&out[offset + 7], g);
    VS_ATOMIC_ADD_LONG(&out[offset + 8], vs_fee(g, fee_bps));
  }
  if (b != 0) {
    vs_long g = vs_convert_down(b, rate_ppm);
    VS_ATOMIC_ADD_LONG(&out[offset + 9], b);
    VS_ATOMIC_ADD_LONG(&out[offset + 10], g);
    VS_ATOMIC_ADD_LONG(&out[offset + 11], vs_fee(g, fee_bps));
  }
}
