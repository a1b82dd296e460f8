/*
 * Twin of mission/Mission.java: the agent-parallel stages of a mission round (docs/mechanisms.md#missions).
 * Each stage recomputes a bidder's capability, cost, ask and score from its Philox words and its reputation
 * (which only the last stage changes), so nothing per task is stored:
 *   mission_bid           each eligible bidder's score into the mission's score histogram,
 *   mission_block_sums    per block of VS_GROUP agents, the bidders whose score is the marginal score,
 *   mission_block_prefix  the exclusive prefix of those sums over the mission's blocks in index order,
 *   mission_deliver       award (queue position = block prefix + scan in the block), delivery draw, payment
 *                         from escrow, subsidy, reputation, per-bidder columns and per-range totals.
 * Integer atomics only: histograms and totals are the same whatever the order of the adds.
 * Needs vs_reputation from gate.cl (the gate's reputation rule). A bidder bids only if vs_eligibility (vaesim.h)
 * lets its bid through (Mission.reason); the eligibility arguments are the bidder range's Eligibility.Limits and the
 * status, token and reputation columns. With boosted = 1 each bidder's capability and cost are those of its boost
 * (the backend's task boost column, millionths; Mission.boostedCapability, Mission.boostedCost); with boosted = 0 the
 * column is a stand-in that is never read.
 */
/* The stages, VS_MISSION_PPM and VS_MISSION_REJECTS (the row of the per-range totals, Mission.BIDS .., where the
   rejected bids by reason start) come from Java: vaesim_codes.h. */

/* Capability in millionths, once per agent and mission: INIT stream, counter (agent, 0, stage, mission). */
VS_INLINE vs_int vs_mission_capability(vs_int i, vs_int mission, vs_int cap_min, vs_int cap_max, vs_uint i0,
                                       vs_uint i1) {
  return vs_uniform(vs_agent_word(i, 0, VS_STAGE_MISSION_CAPABILITY, mission, i0, i1), cap_min, cap_max);
}

/* The agent's cost of a task this round (ticks). */
VS_INLINE vs_int vs_mission_cost(vs_int i, vs_int epoch, vs_int mission, vs_int cost_min, vs_int cost_max,
                                 vs_uint k0, vs_uint k1) {
  return vs_uniform(vs_agent_word(i, epoch, VS_STAGE_MISSION_COST, mission, k0, k1), cost_min, cost_max);
}

/* Mission.boostedCapability: the failure share divided by 1 + b / 10^6, rounded down; cap itself when b is 0. */
VS_INLINE vs_int vs_mission_boosted_capability(vs_int cap, vs_int b) {
  if (b == 0) return cap;
  return VS_MISSION_PPM - (vs_int) ((vs_long) (VS_MISSION_PPM - cap) * VS_MISSION_PPM / (VS_MISSION_PPM + (vs_long) b));
}

/* Mission.boostedCost: floor(cost x 10^6 / (10^6 + b)); cost itself when b is 0. */
VS_INLINE vs_int vs_mission_boosted_cost(vs_int cost, vs_int b) {
  if (b == 0) return cost;
  return (vs_int) ((vs_long) cost * VS_MISSION_PPM / (VS_MISSION_PPM + (vs_long) b));
}

/* Mission.score: ask / r^w, rounded up after each division; -1 when the mission's own rules keep it from bidding. */
VS_INLINE vs_long vs_mission_score(vs_int rep, vs_int cap, vs_int cost, vs_int min_cap, vs_int min_rep,
                                   vs_int subsidy_ticks, vs_int reserve, vs_int weight) {
  if (cap < min_cap || rep < min_rep) return -1;
  vs_long ask = (vs_long) cost - subsidy_ticks;
  if (ask < 1) ask = 1;
  if (ask > reserve) return -1;
  for (vs_int k = 0; k < weight; k++) ask = (ask * VS_MISSION_PPM + rep - 1) / rep;
  return ask;
}

/* Mission.reason: the one check for a bid, an order for one task that commits no money. */
VS_INLINE int vs_mission_reason(vs_int status, vs_int rep, vs_int bucket, vs_int largest, vs_long spend_limit,
                                vs_int capacity, vs_int probation_below, vs_int probation_largest) {
  return vs_eligibility(status, 1, vs_limit_int(rep, probation_below, largest, probation_largest), -1, 0,
                        spend_limit, capacity, bucket);
}

/* MissionSpec.payment: pay_score x r^w, rounded down after each multiplication, at most the reserve. */
VS_INLINE vs_long vs_mission_payment(vs_long pay_score, vs_int rep, vs_int weight, vs_int reserve) {
  if (pay_score < 0) return reserve;
  vs_long q = pay_score;
  for (vs_int k = 0; k < weight; k++) q = q * rep / VS_MISSION_PPM;
  return q < reserve ? q : reserve;
}

/* The agent's score this round by the mission's own rules, from its capability, cost and reputation. */
VS_INLINE vs_long vs_mission_agent_score(vs_int i, vs_int epoch, vs_int mission, vs_int cost_min, vs_int cost_max,
                                         vs_int cap_min, vs_int cap_max, vs_int min_cap, vs_int min_rep,
                                         vs_int subsidy_ticks, vs_int reserve, vs_int weight, vs_int rep, vs_int b,
                                         vs_uint k0, vs_uint k1, vs_uint i0, vs_uint i1, vs_int *cap) {
  *cap = vs_mission_boosted_capability(vs_mission_capability(i, mission, cap_min, cap_max, i0, i1), b);
  vs_int cost = vs_mission_boosted_cost(vs_mission_cost(i, epoch, mission, cost_min, cost_max, k0, k1), b);
  return vs_mission_score(rep, *cap, cost, min_cap, min_rep, subsidy_ticks, reserve, weight);
}

/* The agent's score when it bids (its own rules and the one check let it), else -1. */
VS_INLINE vs_long vs_mission_bid_score(vs_int i, vs_int epoch, vs_int mission, vs_int cost_min, vs_int cost_max,
                                       vs_int cap_min, vs_int cap_max, vs_int min_cap, vs_int min_rep,
                                       vs_int subsidy_ticks, vs_int reserve, vs_int weight, vs_int largest,
                                       vs_long spend_limit, vs_int capacity, vs_int probation_below,
                                       vs_int probation_largest, vs_int status, vs_int bucket, vs_int rep, vs_int b,
                                       vs_uint k0, vs_uint k1, vs_uint i0, vs_uint i1) {
  vs_int cap;
  vs_long s = vs_mission_agent_score(i, epoch, mission, cost_min, cost_max, cap_min, cap_max, min_cap, min_rep,
                                     subsidy_ticks, reserve, weight, rep, b, k0, k1, i0, i1, &cap);
  return s >= 0 && vs_mission_reason(status, rep, bucket, largest, spend_limit, capacity, probation_below,
                                     probation_largest) == VS_ELIGIBLE ? s : -1;
}

VS_KERNEL void mission_bid(vs_int from, vs_int to, vs_int epoch, vs_int mission, vs_int cost_min, vs_int cost_max,
                           vs_int cap_min, vs_int cap_max, vs_int min_cap, vs_int min_rep, vs_int subsidy_ticks,
                           vs_int reserve, vs_int weight, vs_int largest, vs_long spend_limit, vs_int capacity,
                           vs_int probation_below, vs_int probation_largest, VS_GLOBAL const vs_int *status,
                           VS_GLOBAL const vs_int *bucket, VS_GLOBAL const vs_int *reputation,
                           VS_GLOBAL const vs_int *boost, vs_int boosted, VS_GLOBAL vs_long *hist, vs_uint k0,
                           vs_uint k1, vs_uint i0, vs_uint i1) {
  VS_AGENT(i, from, to);
  vs_long s = vs_mission_bid_score(i, epoch, mission, cost_min, cost_max, cap_min, cap_max, min_cap, min_rep,
                                   subsidy_ticks, reserve, weight, largest, spend_limit, capacity, probation_below,
                                   probation_largest, status[i], bucket[i], reputation[i], boosted ? boost[i] : 0, k0,
                                   k1, i0, i1);
  if (s >= 0) VS_ATOMIC_ADD_LONG(&hist[s], (vs_long) 1);
}

VS_KERNEL void mission_block_sums(vs_int from, vs_int to, vs_int block_base, vs_int epoch, vs_int mission,
                                  vs_int cost_min, vs_int cost_max, vs_int cap_min, vs_int cap_max, vs_int min_cap,
                                  vs_int min_rep, vs_int subsidy_ticks, vs_int reserve, vs_int weight,
                                  vs_int largest, vs_long spend_limit, vs_int capacity, vs_int probation_below,
                                  vs_int probation_largest, vs_long marginal, VS_GLOBAL const vs_int *status,
                                  VS_GLOBAL const vs_int *bucket, VS_GLOBAL const vs_int *reputation,
                                  VS_GLOBAL const vs_int *boost, vs_int boosted, vs_uint k0, vs_uint k1, vs_uint i0,
                                  vs_uint i1, VS_GLOBAL vs_long *block_sums) {
  VS_LOCAL vs_long at_local[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  vs_long at = 0;
  if (valid) {
    vs_long s = vs_mission_bid_score(i, epoch, mission, cost_min, cost_max, cap_min, cap_max, min_cap, min_rep,
                                     subsidy_ticks, reserve, weight, largest, spend_limit, capacity,
                                     probation_below, probation_largest, status[i], bucket[i], reputation[i],
                                     boosted ? boost[i] : 0, k0, k1, i0, i1);
    at = s == marginal ? 1 : 0;
  }
  at_local[lid] = at;
  VS_BARRIER();
  vs_block_reduce(at_local, lid);
  if (lid == 0) block_sums[block_base + VS_GROUP_ID()] = at_local[0];
}

/* One work-item (items = 1): the mission's block sums become exclusive prefixes in index order. */
VS_KERNEL void mission_block_prefix(vs_int items, vs_int blocks, VS_GLOBAL vs_long *block_sums) {
  vs_long gid = VS_GLOBAL_ID();
  if (gid >= items) return;
  vs_long run = 0;
  for (vs_int b = 0; b < blocks; b++) {
    vs_long s = block_sums[b];
    block_sums[b] = run;
    run += s;
  }
}

VS_KERNEL void mission_deliver(vs_int from, vs_int to, vs_int block_base, vs_int column, vs_int epoch,
                               vs_int mission, vs_int cost_min, vs_int cost_max, vs_int cap_min, vs_int cap_max,
                               vs_int min_cap, vs_int min_rep, vs_int subsidy_ticks, vs_int reserve, vs_int weight,
                               vs_int largest, vs_long spend_limit, vs_int capacity, vs_int probation_below,
                               vs_int probation_largest, vs_long marginal, vs_long fill, vs_long total,
                               vs_long offset, vs_long pay_score, vs_int advance, vs_long subsidy, vs_long tick_size,
                               vs_int gain, vs_int loss, VS_GLOBAL vs_long *cash, VS_GLOBAL const vs_int *status,
                               VS_GLOBAL vs_int *bucket, VS_GLOBAL vs_int *reputation, VS_GLOBAL const vs_int *boost,
                               vs_int boosted, VS_GLOBAL vs_int *awarded,
                               VS_GLOBAL vs_int *delivered, VS_GLOBAL vs_long *paid,
                               VS_GLOBAL const vs_long *block_prefix, VS_GLOBAL vs_long *totals, vs_int totals_at,
                               vs_uint k0, vs_uint k1, vs_uint i0, vs_uint i1) {
  VS_LOCAL vs_long scan[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  vs_int cap = 0, rep = 0;
  vs_long s = -1;
  if (valid) {
    rep = reputation[i];
    s = vs_mission_agent_score(i, epoch, mission, cost_min, cost_max, cap_min, cap_max, min_cap, min_rep,
                               subsidy_ticks, reserve, weight, rep, boosted ? boost[i] : 0, k0, k1, i0, i1, &cap);
    if (s >= 0) {
      int reason = vs_mission_reason(status[i], rep, bucket[i], largest, spend_limit, capacity, probation_below,
                                     probation_largest);
      if (reason != VS_ELIGIBLE) {
        s = -1;
        if (reason >= 0) VS_ATOMIC_ADD_LONG(&totals[totals_at + VS_MISSION_REJECTS + reason], (vs_long) 1);
      } else if (capacity > 0) {
        bucket[i] -= VS_TOKEN;
      }
    }
  }
  scan[lid] = s == marginal ? 1 : 0;
  VS_BARRIER();
  if (lid == 0) vs_block_exclusive_prefix(scan);
  VS_BARRIER();
  vs_long row[VS_MISSION_REJECTS];
  for (int r = 0; r < VS_MISSION_REJECTS; r++) row[r] = 0;
  if (s >= 0) {
    row[0] = 1; /* bids */
    int win = s < marginal;
    if (s == marginal) {
      /* the c-th bidder at the marginal score wins iff cumulative rounding from the offset gives it a task */
      vs_long c = block_prefix[block_base + VS_GROUP_ID()] + scan[lid];
      win = (c + offset + 1) * fill / total - (c + offset) * fill / total == 1;
    }
    if (win) {
      vs_long price = vs_mission_payment(pay_score, rep, weight, reserve) * tick_size;
      vs_long threshold = ((vs_long) cap << 32) / VS_MISSION_PPM;
      int ok = vs_bernoulli(vs_agent_word(i, epoch, VS_STAGE_MISSION_DELIVERY, mission, k0, k1), threshold);
      vs_int col = column + (i - from);
      vs_long pay;
      awarded[col] += 1;
      if (ok) {
        pay = price;
        delivered[col] += 1;
        row[2] = 1;
        row[5] = subsidy;
        reputation[i] = vs_reputation(rep, 0, gain, loss);
      } else {
        pay = price / VS_MISSION_PPM * advance + price % VS_MISSION_PPM * advance / VS_MISSION_PPM;
        row[4] = pay;
        reputation[i] = vs_reputation(rep, 1, gain, loss);
      }
      cash[i] += pay + row[5];
      paid[col] += pay + row[5];
      row[1] = 1;
      row[3] = pay;
      row[6] = cap;
      row[7] = rep;
    }
  }
  for (int r = 0; r < VS_MISSION_REJECTS; r++) {
    VS_BARRIER();
    scan[lid] = row[r];
    VS_BARRIER();
    vs_block_reduce(scan, lid);
    if (lid == 0 && scan[0] != 0) VS_ATOMIC_ADD_LONG(&totals[totals_at + r], scan[0]);
  }
}
