/*
 * vaesim.h: the portable layer under every kernel. One C source per kernel compiles as OpenCL C (through
 * JOCL) and as CUDA (__CUDACC__), with the same integer arithmetic as its Java twin.
 *
 * The numbers Java and C share (stages, reject reasons, model codes) are in vaesim_codes.h, which the build
 * generates from the Java constants (device/CodesHeader.java) and the program text puts before this file.
 *
 * Parity rules (docs/architecture.md): money and quantities are 64/32-bit integers; floating point only
 * inside one agent's decision, never contracted into FMA; integer atomics only (order-independent sums).
 */
#ifndef VAESIM_H
#define VAESIM_H

#ifdef __CUDACC__
  #define VS_KERNEL extern "C" __global__
  #define VS_GLOBAL
  #define VS_LOCAL __shared__
  #define VS_LOCAL_PTR
  #define VS_INLINE __device__ static inline
  #define VS_GLOBAL_ID() ((long long) blockIdx.x * blockDim.x + threadIdx.x)
  #define VS_LOCAL_ID() ((int) threadIdx.x)
  #define VS_GROUP_ID() ((long long) blockIdx.x)
  #define VS_BARRIER() __syncthreads()
  typedef int vs_int;
  typedef unsigned int vs_uint;
  typedef long long vs_long;
  typedef unsigned long long vs_ulong;
  typedef unsigned char vs_uchar;
  #define VS_ATOMIC_ADD_LONG(p, v) atomicAdd((unsigned long long *) (p), (unsigned long long) (v))
  #define VS_ATOMIC_MIN_LONG(p, v) atomicMin((long long *) (p), (long long) (v))
  #define VS_ATOMIC_MAX_LONG(p, v) atomicMax((long long *) (p), (long long) (v))
  #define VS_ATOMIC_ADD_LOCAL_INT(p, v) atomicAdd((int *) (p), (int) (v))
  #define VS_CLZ_LONG(x) __clzll((long long) (x))
  #define VS_MUL_HI_LONG(a, b) __mul64hi((a), (b))
#else
  #pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
  #pragma OPENCL EXTENSION cl_khr_fp64 : enable
  #pragma OPENCL FP_CONTRACT OFF
  #define VS_KERNEL __kernel
  #define VS_GLOBAL __global
  #define VS_LOCAL __local
  #define VS_LOCAL_PTR __local
  #define VS_INLINE static inline
  #define VS_GLOBAL_ID() ((long) get_global_id(0))
  #define VS_LOCAL_ID() ((int) get_local_id(0))
  #define VS_GROUP_ID() ((long) get_group_id(0))
  #define VS_BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
  typedef int vs_int;
  typedef uint vs_uint;
  typedef long vs_long;
  typedef ulong vs_ulong;
  typedef uchar vs_uchar;
  #define VS_ATOMIC_ADD_LONG(p, v) atom_add((p), (v))
  /* 64-bit min/max by compare-and-swap, so that only cl_khr_int64_base_atomics is required */
  #define VS_ATOMIC_MIN_LONG(p, v) vs_atomic_min_long((p), (v))
  #define VS_ATOMIC_MAX_LONG(p, v) vs_atomic_max_long((p), (v))
  #define VS_ATOMIC_ADD_LOCAL_INT(p, v) atomic_add((volatile __local int *) (p), (v))
  #define VS_CLZ_LONG(x) ((int) clz((ulong) (x)))
  #define VS_MUL_HI_LONG(a, b) mul_hi((a), (b))
VS_INLINE void vs_atomic_min_long(VS_GLOBAL vs_long *p, vs_long v) {
  vs_long seen = *p;
  while (v < seen) {
    vs_long before = atom_cmpxchg(p, seen, v);
    if (before == seen) break;
    seen = before;
  }
}
VS_INLINE void vs_atomic_max_long(VS_GLOBAL vs_long *p, vs_long v) {
  vs_long seen = *p;
  while (v > seen) {
    vs_long before = atom_cmpxchg(p, seen, v);
    if (before == seen) break;
    seen = before;
  }
}
#endif

/* Agent index of this work-item in a launch over [from, to); returns from the kernel when outside. */
#define VS_AGENT(i, from, to) \
  vs_long vs_gid_ = VS_GLOBAL_ID(); \
  if (vs_gid_ >= (vs_long) ((to) - (from))) return; \
  const vs_int i = (from) + (vs_int) vs_gid_

/* ---------------- Philox4x32-10 (Salmon et al. 2011), twin of rng/Philox.java ---------------- */

VS_INLINE void vs_philox4x32_10(vs_uint c0, vs_uint c1, vs_uint c2, vs_uint c3, vs_uint k0, vs_uint k1,
                                vs_uint out[4]) {
  for (int round = 0; round < 10; round++) {
    vs_ulong p0 = (vs_ulong) 0xD2511F53u * c0;
    vs_ulong p1 = (vs_ulong) 0xCD9E8D57u * c2;
    vs_uint n0 = (vs_uint) (p1 >> 32) ^ c1 ^ k0;
    vs_uint n2 = (vs_uint) (p0 >> 32) ^ c3 ^ k1;
    c1 = (vs_uint) p1;
    c3 = (vs_uint) p0;
    c0 = n0;
    c2 = n2;
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

/* Agent i's word for (epoch, stage, draw): lane i & 3 of the block with counter (i >> 2, epoch, stage, draw). */
VS_INLINE vs_uint vs_agent_word(vs_int agent, vs_int epoch, vs_int stage, vs_int draw, vs_uint k0, vs_uint k1) {
  vs_uint out[4];
  vs_philox4x32_10((vs_uint) agent >> 2, (vs_uint) epoch, (vs_uint) stage, (vs_uint) draw, k0, k1, out);
  return out[agent & 3];
}

/* Lemire multiply-shift: uniform integer in [lo, hi] from one word. */
VS_INLINE vs_int vs_uniform(vs_uint word, vs_int lo, vs_int hi) {
  vs_ulong span = (vs_ulong) ((vs_long) hi - lo + 1);
  return lo + (vs_int) (((vs_ulong) word * span) >> 32);
}

VS_INLINE int vs_bernoulli(vs_uint word, vs_long threshold) {
  return (vs_long) word < threshold;
}

/*
 * Tree-reduces values[0 .. VS_GROUP) in place: the block's sum is values[0] afterwards. Every item of the block
 * calls it, after writing its value and a barrier, since it holds barriers itself.
 */
VS_INLINE void vs_block_reduce(VS_LOCAL_PTR vs_long *values, int lid) {
  for (int stride = VS_GROUP / 2; stride > 0; stride >>= 1) {
    if (lid < stride) values[lid] += values[lid + stride];
    VS_BARRIER();
  }
}

/*
 * The exclusive prefix of values[0 .. VS_GROUP) in place, in agent order: the queue position of each item of a
 * block within it. One item runs it (a sequential scan keeps it simple), between two barriers of the caller.
 */
VS_INLINE void vs_block_exclusive_prefix(VS_LOCAL_PTR vs_long *values) {
  vs_long run = 0;
  for (int k = 0; k < VS_GROUP; k++) {
    vs_long next = values[k];
    values[k] = run;
    run += next;
  }
}

/*
 * For one group g (a principal, an auction's bidder group): the block sums of its ranges become exclusive
 * prefixes, walking its ranges in index order and each range's blocks in order; returns the group's total.
 * Ranges of other groups are skipped, so one work-item per group can run it over the same arrays.
 */
VS_INLINE vs_long vs_group_block_prefix(vs_int g, vs_int ranges, VS_GLOBAL const vs_int *range_group,
                                        VS_GLOBAL const vs_int *range_block_base,
                                        VS_GLOBAL const vs_int *range_blocks, VS_GLOBAL vs_long *block_sums) {
  vs_long run = 0;
  for (vs_int r = 0; r < ranges; r++) {
    if (range_group[r] != g) continue;
    for (vs_int b = 0; b < range_blocks[r]; b++) {
      vs_long k = (vs_long) range_block_base[r] + b;
      vs_long s = block_sums[k];
      block_sums[k] = run;
      run += s;
    }
  }
  return run;
}

VS_INLINE vs_int vs_clamp_tick(vs_int tick, vs_int max_tick) {
  return tick < 1 ? 1 : (tick < max_tick ? tick : max_tick);
}

/* floor / ceil of a finite price as a tick on the grid 1..max_tick (twins of Orders.floorTick / ceilTick). */
VS_INLINE vs_int vs_floor_tick(double price, vs_int max_tick) {
  return price < 1.0 ? 1 : (price >= max_tick ? max_tick : (vs_int) floor(price));
}

VS_INLINE vs_int vs_ceil_tick(double price, vs_int max_tick) {
  return price <= 1.0 ? 1 : (price > max_tick ? max_tick : (vs_int) ceil(price));
}

/* floor(notional * bps / 10000), split so that it cannot overflow (twin of gate/Fees.java). */
VS_INLINE vs_long vs_fee(vs_long notional, vs_int bps) {
  return notional / 10000 * bps + notional % 10000 * bps / 10000;
}

/* ---------------- The one check (twin of gate/Eligibility.java; docs/safety.md) ---------------- */

/* The reject reasons (VS_KILLED ..), vs_eligibility's other answers (VS_ELIGIBLE, VS_ABSENT), the token an action
   costs (VS_TOKEN), VS_GROUP and VS_STAGE_DECIDE come from Java: vaesim_codes.h, generated at build time. */

/*
 * Eligibility.check: why an agent may not take an action, or VS_ELIGIBLE. Status (killed; pending or refused are
 * absent), size against the largest order (0 on a venue the scope does not authorize), the mechanism's own reason
 * (-1 for none), the amount committed against the spend limit, and last the token bucket (capacity 0: none). The
 * caller charges VS_TOKEN for an eligible action of a rate-limited agent.
 */
VS_INLINE int vs_eligibility(vs_int status, vs_long qty, vs_int largest, int own, vs_long amount,
                             vs_long spend_limit, vs_int capacity, vs_int tokens) {
  if (status != 0) return status == 1 ? VS_KILLED : VS_ABSENT;
  if (qty > (vs_long) largest) return VS_SCOPE;
  if (own >= 0) return own;
  if (amount > spend_limit) return VS_SCOPE;
  return capacity > 0 && tokens < VS_TOKEN ? VS_RATE_LIMIT : VS_ELIGIBLE;
}

/* Eligibility.limit: the scope's limit, or the probation's if smaller while the reputation is below the line. */
VS_INLINE vs_int vs_limit_int(vs_int reputation, vs_int below, vs_int scope_limit, vs_int probation_limit) {
  return reputation < below && probation_limit < scope_limit ? probation_limit : scope_limit;
}

VS_INLINE vs_long vs_limit_long(vs_int reputation, vs_int below, vs_long scope_limit, vs_long probation_limit) {
  return reputation < below && probation_limit < scope_limit ? probation_limit : scope_limit;
}

#endif
