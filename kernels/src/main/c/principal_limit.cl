/*
 * Twin of gate/PrincipalLimit.java in three launches, like settlement's queue positions. Launches over a
 * segment use work-groups of VS_GROUP agents ("blocks"), numbered from the segment's block_base:
 *   principal_limit_block_sums  each block's orders (bid and ask slots in use after the agents' own gate),
 *   principal_limit_prefix      per limited principal, the exclusive prefix of its blocks in index order and
 *                               its total,
 *   principal_limit             each order's C = its block's prefix + the orders before it in the block; the
 *                               order passes iff floor((C + 1 + off) A / T) > floor((C + off) A / T).
 */

#define VS_ORDERS_OF(i) ((vs_long) ((bid_qty[i] > 0 ? 1 : 0) + (ask_qty[i] > 0 ? 1 : 0)))

VS_KERNEL void principal_limit_block_sums(vs_int from, vs_int to, vs_int block_base,
                                          VS_GLOBAL const vs_int *bid_qty, VS_GLOBAL const vs_int *ask_qty,
                                          VS_GLOBAL vs_long *block_sums) {
  VS_LOCAL vs_long orders[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const vs_int i = from + (vs_int) gid;
  orders[lid] = gid < (vs_long) (to - from) ? VS_ORDERS_OF(i) : 0;
  VS_BARRIER();
  vs_block_reduce(orders, lid);
  if (lid == 0) block_sums[block_base + VS_GROUP_ID()] = orders[0];
}

/* One work-item per limited principal: its blocks' sums become exclusive prefixes, its total goes to totals. */
VS_KERNEL void principal_limit_prefix(vs_int limits, vs_int segments, VS_GLOBAL const vs_int *segment_limit,
                                      VS_GLOBAL const vs_int *segment_block_base,
                                      VS_GLOBAL const vs_int *segment_blocks, VS_GLOBAL vs_long *block_sums,
                                      VS_GLOBAL vs_long *totals) {
  vs_long gid = VS_GLOBAL_ID();
  if (gid >= limits) return;
  totals[gid] = vs_group_block_prefix((vs_int) gid, segments, segment_limit, segment_block_base, segment_blocks,
                                      block_sums);
}

VS_INLINE int vs_limit_passes(vs_long c, vs_long allowed, vs_long total, vs_long offset) {
  return (c + 1 + offset) * allowed / total > (c + offset) * allowed / total;
}

VS_KERNEL void principal_limit(vs_int from, vs_int to, vs_int block_base, vs_int limit, vs_int epoch,
                               VS_GLOBAL const vs_long *allowed_by_limit, VS_GLOBAL const vs_long *totals,
                               VS_GLOBAL const vs_long *block_prefix, VS_GLOBAL vs_int *bid_qty,
                               VS_GLOBAL vs_int *ask_qty, VS_GLOBAL vs_long *rejects, vs_int reject_base,
                               VS_GLOBAL vs_long *segment_rejects, vs_int segment) {
  VS_LOCAL vs_long before[VS_GROUP];
  const int lid = VS_LOCAL_ID();
  const vs_long gid = VS_GLOBAL_ID();
  const int valid = gid < (vs_long) (to - from);
  const vs_int i = from + (vs_int) gid;
  before[lid] = valid ? VS_ORDERS_OF(i) : 0;
  VS_BARRIER();
  if (lid == 0) vs_block_exclusive_prefix(before);
  VS_BARRIER();
  vs_long total = totals[limit];
  vs_long allowed = allowed_by_limit[limit];
  if (!valid || allowed >= total) return;
  /* the Weyl offset of PrincipalLimit.offset: (epoch x 2654435761 mod 2^32) mod total */
  vs_long offset = (vs_long) ((unsigned int) epoch * 2654435761u) % total;
  vs_long c = block_prefix[block_base + VS_GROUP_ID()] + before[lid];
  vs_int dropped = 0;
  if (bid_qty[i] > 0) {
    if (!vs_limit_passes(c, allowed, total, offset)) { bid_qty[i] = 0; dropped++; }
    c++;
  }
  if (ask_qty[i] > 0) {
    if (!vs_limit_passes(c, allowed, total, offset)) { ask_qty[i] = 0; dropped++; }
  }
  if (dropped > 0) {
    VS_ATOMIC_ADD_LONG(&rejects[reject_base + VS_PRINCIPAL_RATE_LIMIT], (vs_long) dropped);
    VS_ATOMIC_ADD_LONG(&segment_rejects[segment], (vs_long) dropped);
  }
}
