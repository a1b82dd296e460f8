/*
 * Twin of settle/Settle.java in three launches. Orders at a marginal tick are rationed by cumulative
 * rounding in agent-index order, which needs each order's queue position C: the quantity that lower-indexed
 * agents of the same market placed at that tick. Launches over a segment use work-groups of VS_GROUP agents
 * ("blocks"), numbered from the segment's block_base:
 *   settle_block_sums    each block's marginal bid and ask quantity,
 *   settle_block_prefix  per market, the exclusive prefix of those sums over its blocks in index order,
 *   settle               each agent's C = its block's prefix + the quantity before it in the block; fills.
 */

/* Marginal quantities of agent i: bid qty at the bid marginal tick, ask qty at the ask marginal tick. */
#define VS_MARGINAL_BID(i) (bid_qty[i] > 0 && bid_tick[i] == bid_marginal_tick ? (vs_long) bid_qty[i] : 0)
#define VS_MARGINAL_ASK(i) (ask_qty[i] > 0 && ask_tick[i] == ask_marginal_tick ? (vs_long) ask_qty[i] : 0)

VS_KERNEL void settle_block_sums(vs_int from, vs_int to, vs_int block_base,
                                 vs_int bid_marginal_tick, vs_int ask_marginal_tick,
                                 VS_GLOBAL const vs_int *bid_tick, VS_GLOBAL const vs_int *bid_qty,
                                 VS_GLOBAL const vs_int *ask_tick, VS_GLOBAL const vs_int *ask_qty,
                                 VS_GLOBAL vs_long *block_sums) {
  VS_LOCAL vs_long bids[VS_GROUP];
  VS_LOCAL vs_long asks[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  bids[lid] = valid ? VS_MARGINAL_BID(i) : 0;
  asks[lid] = valid ? VS_MARGINAL_ASK(i) : 0;
  VS_BARRIER();
  for (int stride = VS_GROUP / 2; stride > 0; stride >>= 1) {
    if (lid < stride) {
      bids[lid] += bids[lid + stride];
      asks[lid] += asks[lid + stride];
    }
    VS_BARRIER();
  }
  if (lid == 0) {
    vs_long block = block_base + VS_GROUP_ID();
    block_sums[2 * block] = bids[0];
    block_sums[2 * block + 1] = asks[0];
  }
}

/* One work-item per market: block sums become exclusive prefixes, walking the market's segments in order. */
VS_KERNEL void settle_block_prefix(vs_int markets, vs_int segments, VS_GLOBAL const vs_int *segment_market,
                                   VS_GLOBAL const vs_int *segment_block_base,
                                   VS_GLOBAL const vs_int *segment_blocks, VS_GLOBAL vs_long *block_sums) {
  vs_long gid = VS_GLOBAL_ID();
  if (gid >= markets) return;
  vs_long bid_run = 0, ask_run = 0;
  for (vs_int s = 0; s < segments; s++) {
    if (segment_market[s] != (vs_int) gid) continue;
    for (vs_int b = 0; b < segment_blocks[s]; b++) {
      vs_long k = 2 * ((vs_long) segment_block_base[s] + b);
      vs_long bs = block_sums[k], as = block_sums[k + 1];
      block_sums[k] = bid_run;
      block_sums[k + 1] = ask_run;
      bid_run += bs;
      ask_run += as;
    }
  }
}

VS_INLINE vs_long vs_share(vs_long cursor, vs_long qty, vs_long fill, vs_long total) {
  return (cursor + qty) * fill / total - cursor * fill / total;
}

/* A cohort's VS_FLOWS slots (vaesim_codes.h), as Settle.FLOW_*: orders booked, orders filled, net cash, net units. */

VS_KERNEL void settle(vs_int from, vs_int to, vs_int block_base, vs_int market, vs_int price_tick,
                      vs_long tick_size, vs_int fee_bps,
                      vs_int bid_marginal_tick, vs_long bid_marginal_fill, vs_long bid_marginal_total,
                      vs_int ask_marginal_tick, vs_long ask_marginal_fill, vs_long ask_marginal_total,
                      vs_int tracks_quota, vs_int surplus_sign,
                      VS_GLOBAL vs_long *cash, VS_GLOBAL vs_int *inventory, VS_GLOBAL vs_int *quota,
                      VS_GLOBAL const vs_int *trait,
                      VS_GLOBAL const vs_int *bid_tick, VS_GLOBAL const vs_int *bid_qty,
                      VS_GLOBAL const vs_int *ask_tick, VS_GLOBAL const vs_int *ask_qty,
                      VS_GLOBAL const vs_long *block_prefix, VS_GLOBAL vs_long *totals,
                      VS_GLOBAL vs_long *flows, VS_GLOBAL vs_long *segment_surplus, vs_int segment) {
  VS_LOCAL vs_long bids[VS_GROUP];
  VS_LOCAL vs_long asks[VS_GROUP];
  VS_LOCAL vs_long fees_local[VS_GROUP];
  VS_LOCAL vs_long surplus_local[VS_GROUP];
  VS_LOCAL vs_long orders_local[VS_GROUP];
  VS_LOCAL vs_long filled_local[VS_GROUP];
  VS_LOCAL vs_long cash_local[VS_GROUP];
  VS_LOCAL vs_long goods_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int in_range = gid < (vs_long) (to - from);
  const int valid = in_range && price_tick != 0;
  const vs_int i = from + (vs_int) gid;
  bids[lid] = valid ? VS_MARGINAL_BID(i) : 0;
  asks[lid] = valid ? VS_MARGINAL_ASK(i) : 0;
  VS_BARRIER();
  if (lid == 0) {
    vs_block_exclusive_prefix(bids);
    vs_block_exclusive_prefix(asks);
  }
  VS_BARRIER();
  vs_long fees = 0, surplus = 0, orders = 0, filled_orders = 0, net_cash = 0, net_goods = 0;
  if (in_range) orders = (bid_qty[i] > 0 ? 1 : 0) + (ask_qty[i] > 0 ? 1 : 0);
  if (valid) {
    vs_long block = block_base + VS_GROUP_ID();
    vs_long price = price_tick * tick_size;
    vs_int filled = 0;
    vs_int bq = bid_qty[i];
    if (bq > 0) {
      vs_int bt = bid_tick[i];
      vs_long f = bt > bid_marginal_tick ? bq
          : (bt == bid_marginal_tick ? vs_share(block_prefix[2 * block] + bids[lid], bq, bid_marginal_fill,
                                                bid_marginal_total) : 0);
      if (f > 0) {
        vs_long notional = price * f;
        vs_long fee = vs_fee(notional, fee_bps);
        cash[i] -= notional + fee;
        inventory[i] += (vs_int) f;
        fees += fee;
        filled += (vs_int) f;
        filled_orders++;
        net_cash -= notional + fee;
        net_goods += f;
      }
    }
    vs_int aq = ask_qty[i];
    if (aq > 0) {
      vs_int at = ask_tick[i];
      vs_long f = at < ask_marginal_tick ? aq
          : (at == ask_marginal_tick ? vs_share(block_prefix[2 * block + 1] + asks[lid], aq, ask_marginal_fill,
                                                ask_marginal_total) : 0);
      if (f > 0) {
        vs_long notional = price * f;
        vs_long fee = vs_fee(notional, fee_bps);
        cash[i] += notional - fee;
        inventory[i] -= (vs_int) f;
        fees += fee;
        filled += (vs_int) f;
        filled_orders++;
        net_cash += notional - fee;
        net_goods -= f;
      }
    }
    if (filled > 0) {
      if (tracks_quota) quota[i] -= filled;
      surplus = (vs_long) surplus_sign * (trait[i] - price_tick) * filled;
    }
  }
  fees_local[lid] = fees;
  surplus_local[lid] = surplus;
  orders_local[lid] = orders;
  filled_local[lid] = filled_orders;
  cash_local[lid] = net_cash;
  goods_local[lid] = net_goods;
  VS_BARRIER();
  for (int stride = VS_GROUP / 2; stride > 0; stride >>= 1) {
    if (lid < stride) {
      fees_local[lid] += fees_local[lid + stride];
      surplus_local[lid] += surplus_local[lid + stride];
      orders_local[lid] += orders_local[lid + stride];
      filled_local[lid] += filled_local[lid + stride];
      cash_local[lid] += cash_local[lid + stride];
      goods_local[lid] += goods_local[lid + stride];
    }
    VS_BARRIER();
  }
  if (lid == 0) {
    if (fees_local[0] != 0) VS_ATOMIC_ADD_LONG(&totals[2 * market], fees_local[0]);
    if (surplus_local[0] != 0) VS_ATOMIC_ADD_LONG(&totals[2 * market + 1], surplus_local[0]);
    VS_GLOBAL vs_long *f = flows + (vs_long) VS_FLOWS * segment;
    if (orders_local[0] != 0) VS_ATOMIC_ADD_LONG(&f[0], orders_local[0]);
    if (filled_local[0] != 0) VS_ATOMIC_ADD_LONG(&f[1], filled_local[0]);
    if (cash_local[0] != 0) VS_ATOMIC_ADD_LONG(&f[2], cash_local[0]);
    if (goods_local[0] != 0) VS_ATOMIC_ADD_LONG(&f[3], goods_local[0]);
    if (surplus_local[0] != 0) VS_ATOMIC_ADD_LONG(&segment_surplus[segment], surplus_local[0]);
  }
}

/*
 * Twin of settle/InducedSchedule.java: the units each active trader with an induced value can trade this period
 * (a seller: what it holds; a buyer: what its cash pays for at its value, fee included; at most units), added at
 * its value (buyers) or cost (sellers) tick into hist[at + tick]. Integer atomics: the same sums in any order.
 */
VS_KERNEL void induced_schedule(vs_int from, vs_int to, vs_int buyer, vs_int units, vs_long tick_size,
                                vs_int fee_bps, VS_GLOBAL const vs_long *cash, VS_GLOBAL const vs_int *inventory,
                                VS_GLOBAL const vs_int *status, VS_GLOBAL const vs_int *trait,
                                VS_GLOBAL vs_long *hist, vs_int at) {
  VS_AGENT(i, from, to);
  if (status[i] != 0) return;
  vs_long can;
  if (buyer) {
    vs_long price = trait[i] * tick_size;
    vs_long afford = cash[i] / (price + vs_fee(price, fee_bps));
    can = afford < units ? afford : units;
  } else {
    vs_int held = inventory[i] > 0 ? inventory[i] : 0;
    can = held < units ? held : units;
  }
  if (can > 0) VS_ATOMIC_ADD_LONG(&hist[at + trait[i]], can);
}
