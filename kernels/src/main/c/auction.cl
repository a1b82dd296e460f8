/*
 * Twin of auction/Auction.java: the agent-parallel stages of a resource auction round (docs/mechanisms.md).
 * Each stage recomputes a bidder's values and bids from its Philox word and its cash (unchanged between the
 * stages of a round), so nothing per unit is stored:
 *   auction_bid           unit bids into the group's bid histogram, unit values into the value histogram,
 *   auction_block_sums    per block of VS_GROUP agents, the units bid at the group's marginal tick,
 *   auction_block_prefix  per group, the exclusive prefix of those sums over its blocks in index order,
 *   auction_allocate      each agent's units (queue position = block prefix + scan in the block) and payment,
 *   auction_envy          whether the agent prefers a bundle another bidder got.
 * Integer atomics only: histograms, totals and counts are the same whatever the order of the adds.
 * A bidder takes part in a round only if vs_eligibility (vaesim.h) lets its bid through (Auction.reason); the
 * eligibility arguments are the bidder range's Eligibility.Limits and the status, token and reputation columns.
 * With boosted = 1 each bidder's base value is raised by its boost (the backend's value boost column, millionths;
 * Auction.boosted); with boosted = 0 the column is a stand-in that is never read.
 */
/* VS_STAGE_AUCTION, VS_AUCTION_REJECTS (the row of the per-range totals where rejected bids by reason start) and
   VS_AUCTION_ABSENT (won of a bidder that sat the latest round out) come from Java: vaesim_codes.h. */

/* Auction.reason: the one check for a round's bid, an order of one unit or more whose payment stays within the
   spend limit by construction. */
VS_INLINE int vs_auction_reason(vs_int status, vs_int rep, vs_int bucket, vs_int largest, vs_long spend_limit,
                                vs_int capacity, vs_int probation_below, vs_int probation_largest) {
  return vs_eligibility(status, 1, vs_limit_int(rep, probation_below, largest, probation_largest), -1, 0,
                        spend_limit, capacity, bucket);
}

VS_INLINE vs_int vs_auction_next(vs_int v, vs_int decay) {
  return v * decay / 1000;
}

/* Ticks the round's budget pays for: the token budget, else cash capped by the scope's spend limit. */
VS_INLINE vs_long vs_auction_affordable(vs_long cash, vs_long token_budget, vs_long spend_limit,
                                        vs_long tick_size) {
  return (token_budget > 0 ? token_budget : (cash < spend_limit ? cash : spend_limit)) / tick_size;
}

/* The bid for unit k worth v: min(v, or the top tick for tokens, floor(affordable / k)). */
VS_INLINE vs_int vs_auction_bid_tick(vs_int v, vs_int k, vs_long affordable, vs_int tokens, vs_int max_tick) {
  vs_int cap = tokens ? max_tick : v;
  vs_long afford = affordable / k;
  return afford < (vs_long) cap ? (vs_int) afford : cap;
}

VS_INLINE vs_int vs_auction_base(vs_int i, vs_int epoch, vs_int auction, vs_int value_min, vs_int value_max,
                                 vs_uint k0, vs_uint k1) {
  return vs_uniform(vs_agent_word(i, epoch, VS_STAGE_AUCTION, auction, k0, k1), value_min, value_max);
}

/* Auction.boosted: base + floor(base x b / 10^6), at most the top tick; base itself when b is 0. */
VS_INLINE vs_int vs_auction_boosted(vs_int base, vs_int b, vs_int max_tick) {
  if (b == 0) return base;
  vs_long v = base + (vs_long) base * b / 1000000;
  return v < max_tick ? (vs_int) v : max_tick;
}

/* Units bid strictly above marginal_tick (*above) and at it (*at). */
VS_INLINE void vs_auction_count(vs_int base, vs_int max_units, vs_int decay, vs_int reserve, vs_int max_tick,
                                vs_long affordable, vs_int tokens, vs_int marginal_tick, vs_int *above, vs_int *at) {
  vs_int a = 0, m = 0, v = base;
  for (vs_int k = 1; k <= max_units && v > 0; k++) {
    vs_int t = vs_auction_bid_tick(v, k, affordable, tokens, max_tick);
    if (t < reserve) break;
    if (t > marginal_tick) a++;
    else if (t == marginal_tick) m++;
    v = vs_auction_next(v, decay);
  }
  *above = a;
  *at = m;
}

/* What units 1..x are worth (ticks). */
VS_INLINE vs_long vs_auction_value_of(vs_int base, vs_int max_units, vs_int decay, vs_int x) {
  vs_long sum = 0;
  vs_int v = base;
  for (vs_int k = 1; k <= x && k <= max_units && v > 0; k++) {
    sum += v;
    v = vs_auction_next(v, decay);
  }
  return sum;
}

/* How many units are worth strictly more than price ticks. */
VS_INLINE vs_int vs_auction_worth_more(vs_int base, vs_int max_units, vs_int decay, vs_long price) {
  vs_int n = 0, v = base;
  for (vs_int k = 1; k <= max_units && (vs_long) v > price; k++) {
    n++;
    v = vs_auction_next(v, decay);
  }
  return n;
}

VS_KERNEL void auction_bid(vs_int from, vs_int to, vs_int epoch, vs_int auction, vs_int value_min,
                           vs_int value_max, vs_int max_units, vs_int decay, vs_int reserve, vs_int max_tick,
                           vs_long tick_size, vs_long token_budget, vs_int largest, vs_long spend_limit,
                           vs_int capacity, vs_int probation_below, vs_int probation_largest,
                           vs_long probation_spend_limit, VS_GLOBAL const vs_long *cash,
                           VS_GLOBAL const vs_int *status, VS_GLOBAL const vs_int *bucket,
                           VS_GLOBAL const vs_int *reputation, VS_GLOBAL const vs_int *boost, vs_int boosted,
                           VS_GLOBAL vs_long *demand, vs_int demand_base, VS_GLOBAL vs_long *values, vs_uint k0,
                           vs_uint k1) {
  VS_AGENT(i, from, to);
  vs_int rep = reputation[i];
  if (vs_auction_reason(status[i], rep, bucket[i], largest, spend_limit, capacity, probation_below,
                        probation_largest) != VS_ELIGIBLE) return;
  vs_int units = vs_limit_int(rep, probation_below, largest, probation_largest);
  if (units > max_units) units = max_units;
  vs_int tokens = token_budget > 0;
  vs_int v = vs_auction_boosted(vs_auction_base(i, epoch, auction, value_min, value_max, k0, k1),
                                boosted ? boost[i] : 0, max_tick);
  vs_long affordable = vs_auction_affordable(cash[i], token_budget,
                                             vs_limit_long(rep, probation_below, spend_limit, probation_spend_limit),
                                             tick_size);
  vs_int bidding = 1;
  vs_int bid_run_tick = 0, value_run_tick = 0;
  vs_long bid_run = 0, value_run = 0;
  for (vs_int k = 1; k <= max_units && v > 0; k++) {
    if (v != value_run_tick) {
      if (value_run > 0) VS_ATOMIC_ADD_LONG(&values[value_run_tick], value_run);
      value_run_tick = v;
      value_run = 0;
    }
    value_run++;
    if (bidding && k <= units) {
      vs_int t = vs_auction_bid_tick(v, k, affordable, tokens, max_tick);
      if (t < reserve) {
        bidding = 0;
      } else {
        if (t != bid_run_tick) {
          if (bid_run > 0) VS_ATOMIC_ADD_LONG(&demand[demand_base + bid_run_tick], bid_run);
          bid_run_tick = t;
          bid_run = 0;
        }
        bid_run++;
      }
    }
    v = vs_auction_next(v, decay);
  }
  if (value_run > 0) VS_ATOMIC_ADD_LONG(&values[value_run_tick], value_run);
  if (bid_run > 0) VS_ATOMIC_ADD_LONG(&demand[demand_base + bid_run_tick], bid_run);
}

/* Agent i's units above and at the marginal tick, when it takes part in the round (else none). */
VS_INLINE void vs_auction_counted(vs_int i, vs_int epoch, vs_int auction, vs_int value_min, vs_int value_max,
                                  vs_int max_units, vs_int decay, vs_int reserve, vs_int max_tick, vs_long tick_size,
                                  vs_long token_budget, vs_int largest, vs_long spend_limit, vs_int probation_below,
                                  vs_int probation_largest, vs_long probation_spend_limit, vs_int marginal_tick,
                                  vs_long cash, vs_int rep, vs_int b, vs_uint k0, vs_uint k1, vs_int *base,
                                  vs_int *above, vs_int *at) {
  vs_int units = vs_limit_int(rep, probation_below, largest, probation_largest);
  if (units > max_units) units = max_units;
  *base = vs_auction_boosted(vs_auction_base(i, epoch, auction, value_min, value_max, k0, k1), b, max_tick);
  vs_auction_count(*base, units, decay, reserve, max_tick,
                   vs_auction_affordable(cash, token_budget,
                                         vs_limit_long(rep, probation_below, spend_limit, probation_spend_limit),
                                         tick_size),
                   token_budget > 0, marginal_tick, above, at);
}

VS_KERNEL void auction_block_sums(vs_int from, vs_int to, vs_int block_base, vs_int epoch, vs_int auction,
                                  vs_int value_min, vs_int value_max, vs_int max_units, vs_int decay,
                                  vs_int reserve, vs_int max_tick, vs_long tick_size, vs_long token_budget,
                                  vs_int largest, vs_long spend_limit, vs_int capacity, vs_int probation_below,
                                  vs_int probation_largest, vs_long probation_spend_limit, vs_int marginal_tick,
                                  VS_GLOBAL const vs_long *cash, VS_GLOBAL const vs_int *status,
                                  VS_GLOBAL const vs_int *bucket, VS_GLOBAL const vs_int *reputation,
                                  VS_GLOBAL const vs_int *boost, vs_int boosted, vs_uint k0, vs_uint k1,
                                  VS_GLOBAL vs_long *block_sums) {
  VS_LOCAL vs_long at_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  vs_int base = 0, above = 0, at = 0;
  if (valid && vs_auction_reason(status[i], reputation[i], bucket[i], largest, spend_limit, capacity,
                                 probation_below, probation_largest) == VS_ELIGIBLE) {
    vs_auction_counted(i, epoch, auction, value_min, value_max, max_units, decay, reserve, max_tick, tick_size,
                       token_budget, largest, spend_limit, probation_below, probation_largest, probation_spend_limit,
                       marginal_tick, cash[i], reputation[i], boosted ? boost[i] : 0, k0, k1, &base, &above, &at);
  }
  at_local[lid] = at;
  VS_BARRIER();
  vs_block_reduce(at_local, lid);
  if (lid == 0) block_sums[block_base + VS_GROUP_ID()] = at_local[0];
}

/* One work-item per group: block sums become exclusive prefixes, walking the group's ranges in index order. */
VS_KERNEL void auction_block_prefix(vs_int groups, vs_int ranges, VS_GLOBAL const vs_int *range_group,
                                    VS_GLOBAL const vs_int *range_block_base, VS_GLOBAL const vs_int *range_blocks,
                                    VS_GLOBAL vs_long *block_sums) {
  vs_long gid = VS_GLOBAL_ID();
  if (gid >= groups) return;
  vs_group_block_prefix((vs_int) gid, ranges, range_group, range_block_base, range_blocks, block_sums);
}

VS_KERNEL void auction_allocate(vs_int from, vs_int to, vs_int block_base, vs_int column, vs_int epoch,
                                vs_int auction, vs_int value_min, vs_int value_max, vs_int max_units, vs_int decay,
                                vs_int reserve, vs_int max_tick, vs_long tick_size, vs_long token_budget,
                                vs_int largest, vs_long spend_limit, vs_int capacity, vs_int probation_below,
                                vs_int probation_largest, vs_long probation_spend_limit, vs_int marginal_tick,
                                vs_long fill, vs_long total, vs_long offset, vs_int price, vs_int totals_at,
                                vs_int qty_at, VS_GLOBAL vs_long *cash, VS_GLOBAL const vs_int *status,
                                VS_GLOBAL vs_int *bucket, VS_GLOBAL const vs_int *reputation,
                                VS_GLOBAL const vs_int *boost, vs_int boosted, VS_GLOBAL vs_int *won,
                                VS_GLOBAL vs_long *total_won, VS_GLOBAL const vs_long *block_prefix,
                                VS_GLOBAL vs_long *totals, VS_GLOBAL vs_long *qty, vs_uint k0, vs_uint k1) {
  VS_LOCAL vs_long at_local[VS_GROUP];
  VS_LOCAL vs_long units_local[VS_GROUP];
  VS_LOCAL vs_long paid_local[VS_GROUP];
  VS_LOCAL vs_long value_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  const vs_int tokens = token_budget > 0;
  int reason = VS_ABSENT;
  vs_int base = 0, above = 0, at = 0;
  if (valid) {
    reason = vs_auction_reason(status[i], reputation[i], bucket[i], largest, spend_limit, capacity, probation_below,
                               probation_largest);
    if (reason == VS_ELIGIBLE) {
      vs_auction_counted(i, epoch, auction, value_min, value_max, max_units, decay, reserve, max_tick, tick_size,
                         token_budget, largest, spend_limit, probation_below, probation_largest,
                         probation_spend_limit, marginal_tick, cash[i], reputation[i], boosted ? boost[i] : 0, k0, k1,
                         &base, &above, &at);
    }
  }
  at_local[lid] = at;
  VS_BARRIER();
  if (lid == 0) vs_block_exclusive_prefix(at_local);
  VS_BARRIER();
  vs_long units = 0, paid = 0, value = 0;
  if (valid && reason != VS_ELIGIBLE) {
    won[column + (i - from)] = VS_AUCTION_ABSENT;
    if (reason >= 0) VS_ATOMIC_ADD_LONG(&totals[totals_at + VS_AUCTION_REJECTS + reason], (vs_long) 1);
  } else if (valid) {
    if (capacity > 0) bucket[i] -= VS_TOKEN;
    vs_long share = 0;
    if (at > 0) {
      vs_long c = block_prefix[block_base + VS_GROUP_ID()] + at_local[lid];
      share = (c + offset + at) * fill / total - (c + offset) * fill / total;
    }
    vs_int x = above + (vs_int) share;
    vs_long payment = (vs_long) x * price * tick_size;
    if (!tokens) cash[i] -= payment;
    vs_int col = column + (i - from);
    won[col] = x;
    total_won[col] += x;
    units = x;
    paid = payment;
    value = vs_auction_value_of(base, max_units, decay, x);
    VS_ATOMIC_ADD_LONG(&qty[qty_at + x], (vs_long) 1);
  }
  units_local[lid] = units;
  paid_local[lid] = paid;
  value_local[lid] = value;
  VS_BARRIER();
  for (int stride = VS_GROUP / 2; stride > 0; stride >>= 1) {
    if (lid < stride) {
      units_local[lid] += units_local[lid + stride];
      paid_local[lid] += paid_local[lid + stride];
      value_local[lid] += value_local[lid + stride];
    }
    VS_BARRIER();
  }
  if (lid == 0) {
    if (units_local[0] != 0) VS_ATOMIC_ADD_LONG(&totals[totals_at], units_local[0]);
    if (paid_local[0] != 0) VS_ATOMIC_ADD_LONG(&totals[totals_at + 1], paid_local[0]);
    if (value_local[0] != 0) VS_ATOMIC_ADD_LONG(&totals[totals_at + 2], value_local[0]);
  }
}

/* Whether q units at price p (q = -1: no such bundle) are worth more to the agent than own. */
VS_INLINE int vs_auction_better(vs_int q, vs_int base, vs_int max_units, vs_int decay, vs_long p, vs_long own) {
  return q >= 0 && vs_auction_value_of(base, max_units, decay, q) - q * p > own;
}

VS_KERNEL void auction_envy(vs_int from, vs_int to, vs_int column, vs_int epoch, vs_int auction, vs_int value_min,
                            vs_int value_max, vs_int max_units, vs_int decay, vs_int max_tick, vs_int own_price,
                            vs_int weight, vs_int prices, VS_GLOBAL const vs_int *price_ticks,
                            VS_GLOBAL const vs_int *below, VS_GLOBAL const vs_int *above,
                            VS_GLOBAL const vs_int *below1, VS_GLOBAL const vs_int *above1, vs_int span,
                            VS_GLOBAL const vs_int *won, VS_GLOBAL const vs_int *boost, vs_int boosted,
                            VS_GLOBAL vs_long *counts, vs_int counts_at, vs_uint k0, vs_uint k1) {
  VS_LOCAL vs_long envious_local[VS_GROUP];
  VS_LOCAL vs_long envious1_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  vs_long e = 0, e1 = 0;
  vs_int x = valid ? won[column + (i - from)] : VS_AUCTION_ABSENT;
  if (x != VS_AUCTION_ABSENT) { /* a bidder that did not take part envies nobody */
    vs_int base = vs_auction_boosted(vs_auction_base(i, epoch, auction, value_min, value_max, k0, k1),
                                     boosted ? boost[i] : 0, max_tick);
    vs_long own = vs_auction_value_of(base, max_units, decay, x) - (vs_long) weight * x * own_price;
    for (vs_int m = 0; m < prices; m++) {
      vs_long p = (vs_long) weight * price_ticks[m];
      vs_int at = m * span + vs_auction_worth_more(base, max_units, decay, p);
      if (vs_auction_better(below[at], base, max_units, decay, p, own)
          || vs_auction_better(above[at], base, max_units, decay, p, own)) e = 1;
      if (vs_auction_better(below1[at], base, max_units, decay, p, own)
          || vs_auction_better(above1[at], base, max_units, decay, p, own)) e1 = 1;
    }
  }
  envious_local[lid] = e;
  envious1_local[lid] = e1;
  VS_BARRIER();
  for (int stride = VS_GROUP / 2; stride > 0; stride >>= 1) {
    if (lid < stride) {
      envious_local[lid] += envious_local[lid + stride];
      envious1_local[lid] += envious1_local[lid + stride];
    }
    VS_BARRIER();
  }
  if (lid == 0) {
    if (envious_local[0] != 0) VS_ATOMIC_ADD_LONG(&counts[counts_at], envious_local[0]);
    if (envious1_local[0] != 0) VS_ATOMIC_ADD_LONG(&counts[counts_at + 1], envious1_local[0]);
  }
}
