/*
 * Twin of relationships/Relationships.java: trade relationships between a buyers' and a sellers' cohort, one unit a
 * pair an epoch at the market's last price. Three passes (keep, match, release), one work-item per buyer (per index
 * of the longer side for release); partners are local indices, VS_RELATIONSHIP_SINGLE or _LEFT when none. No two
 * items of a pass touch the same agent (Relationships' documentation), so no atomics are needed. The match pass
 * gets the permutation's domain n = max(buyers, sellers) and its half bits h (Exchange.halfBits) from the host.
 * vs_permute comes from exchange.cl; VS_STAGE_RELATIONSHIP, VS_STAGE_PERMUTE and the VS_RELATIONSHIP_* codes from
 * vaesim_codes.h.
 */

/* Relationships.valueTick: an agent's private value or cost in ticks, fixed for the run. */
VS_INLINE vs_int vs_relationship_value(vs_int agent, vs_int lo, vs_int hi, vs_uint k0, vs_uint k1) {
  vs_uint w[4];
  vs_philox4x32_10((vs_uint) agent, 0u, VS_STAGE_RELATIONSHIP, 0u, k0, k1, w);
  return vs_uniform(w[0], lo, hi);
}

/* Relationships.trade: one unit from seller s to buyer j (local indices) at last ticks, when it pays both. */
VS_INLINE int vs_relationship_trade(vs_int j, vs_int s, vs_int buyers_start, vs_int sellers_start,
                                    vs_long tick_size, vs_int value_min, vs_int value_max, vs_uint k0, vs_uint k1,
                                    vs_int last, VS_GLOBAL vs_long *cash, VS_GLOBAL vs_int *inventory,
                                    VS_GLOBAL const vs_int *status) {
  vs_int b = buyers_start + j;
  vs_int a = sellers_start + s;
  vs_int vb = vs_relationship_value(b, value_min, value_max, k0, k1);
  vs_int cs = vs_relationship_value(a, value_min, value_max, k0, k1);
  vs_long price = (vs_long) last * tick_size;
  if (status[b] != 0 || status[a] != 0 || last <= 0 || last > vb || last < cs || cash[b] < price
      || inventory[a] < 1) {
    return 0;
  }
  cash[b] -= price;
  cash[a] += price;
  inventory[b] += 1;
  inventory[a] -= 1;
  return 1;
}

/* Relationships.stays: the pair stays together after buyer b's trade with probability loyalty / 2^32. */
VS_INLINE int vs_relationship_stays(vs_int b, vs_int epoch, vs_long loyalty, vs_uint k0, vs_uint k1) {
  vs_uint w[4];
  vs_philox4x32_10((vs_uint) b, (vs_uint) epoch, VS_STAGE_RELATIONSHIP, 1u, k0, k1, w);
  return vs_bernoulli(w[0], loyalty);
}

VS_KERNEL void relationships_keep(vs_int from, vs_int to, vs_int buyers_start, vs_int sellers_start,
                                  vs_long tick_size, vs_int value_min, vs_int value_max, vs_long loyalty,
                                  vs_uint k0, vs_uint k1, vs_int last, vs_int epoch, VS_GLOBAL vs_long *cash,
                                  VS_GLOBAL vs_int *inventory, VS_GLOBAL const vs_int *status,
                                  VS_GLOBAL vs_int *buyer_partner, VS_GLOBAL vs_int *seller_partner,
                                  VS_GLOBAL vs_int *traded) {
  VS_AGENT(j, from, to);
  traded[j] = VS_RELATIONSHIP_NONE;
  vs_int s = buyer_partner[j];
  if (s < 0) return;
  if (vs_relationship_trade(j, s, buyers_start, sellers_start, tick_size, value_min, value_max, k0, k1, last, cash,
                            inventory, status)) {
    traded[j] = VS_RELATIONSHIP_REPEAT;
    if (vs_relationship_stays(buyers_start + j, epoch, loyalty, k0, k1)) return;
  }
  buyer_partner[j] = VS_RELATIONSHIP_LEFT;
  seller_partner[s] = VS_RELATIONSHIP_LEFT;
}

VS_KERNEL void relationships_match(vs_int from, vs_int to, vs_int buyers_start, vs_int sellers_start, vs_int sellers,
                                   vs_int n, vs_int h, vs_long tick_size, vs_int value_min, vs_int value_max,
                                   vs_long loyalty, vs_uint k0, vs_uint k1, vs_int last, vs_int epoch,
                                   VS_GLOBAL vs_long *cash, VS_GLOBAL vs_int *inventory,
                                   VS_GLOBAL const vs_int *status, VS_GLOBAL vs_int *buyer_partner,
                                   VS_GLOBAL vs_int *seller_partner, VS_GLOBAL vs_int *traded) {
  VS_AGENT(j, from, to);
  if (buyer_partner[j] != VS_RELATIONSHIP_SINGLE) return;
  vs_int s = vs_permute(j, n, h, k0, k1, epoch);
  if (s >= sellers || seller_partner[s] != VS_RELATIONSHIP_SINGLE) return;
  if (vs_relationship_trade(j, s, buyers_start, sellers_start, tick_size, value_min, value_max, k0, k1, last, cash,
                            inventory, status)) {
    traded[j] = VS_RELATIONSHIP_FIRST;
    int stay = vs_relationship_stays(buyers_start + j, epoch, loyalty, k0, k1);
    buyer_partner[j] = stay ? s : VS_RELATIONSHIP_LEFT;
    seller_partner[s] = stay ? j : VS_RELATIONSHIP_LEFT;
  }
}

VS_KERNEL void relationships_release(vs_int from, vs_int to, vs_int buyers, vs_int sellers,
                                     VS_GLOBAL vs_int *buyer_partner, VS_GLOBAL vs_int *seller_partner) {
  VS_AGENT(k, from, to);
  if (k < buyers && buyer_partner[k] == VS_RELATIONSHIP_LEFT) buyer_partner[k] = VS_RELATIONSHIP_SINGLE;
  if (k < sellers && seller_partner[k] == VS_RELATIONSHIP_LEFT) seller_partner[k] = VS_RELATIONSHIP_SINGLE;
}
