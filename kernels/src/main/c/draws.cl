/*
 * Twin of rng/Draws.java: distributions of Philox words with vaesim's own log2 and 2^x, so that no decision calls
 * the platform's exp, log or pow (their last bits differ between Java, OpenCL and CUDA). Only integer operations,
 * single IEEE double +, -, *, / and floor, uncontracted (FP_CONTRACT OFF; -fmad=false for CUDA).
 */
/* VS_LN2, VS_LOG2E, VS_IRWIN_HALL_SCALE and VS_EXP2_LIMIT come from Draws.java, through vaesim_codes.h. */

/* log2((word + 1) / 2^32) in [-32, 0]: 2^e x m, ln m = 2 atanh((m - 1) / (m + 1)) by its odd series to s^13. */
VS_INLINE double vs_log2_unit(vs_uint word) {
  vs_ulong v = (vs_ulong) word + 1;
  int e = 63 - VS_CLZ_LONG(v);
  double m = (double) v / (double) ((vs_ulong) 1 << e);
  double s = (m - 1.0) / (m + 1.0);
  double s2 = s * s;
  double series = 2.0 / 13.0;
  series = 2.0 / 11.0 + s2 * series;
  series = 2.0 / 9.0 + s2 * series;
  series = 2.0 / 7.0 + s2 * series;
  series = 2.0 / 5.0 + s2 * series;
  series = 2.0 / 3.0 + s2 * series;
  series = 2.0 + s2 * series;
  return (double) (e - 32) + s * series * VS_LOG2E;
}

/* 2^x for x clamped to [-60, 60]: 2^floor(x) exactly times the Taylor series of e^(f ln 2) to the 11th power. */
VS_INLINE double vs_exp2(double x) {
  double y = x < -VS_EXP2_LIMIT ? -VS_EXP2_LIMIT : (x > VS_EXP2_LIMIT ? VS_EXP2_LIMIT : x);
  double n = floor(y);
  double t = (y - n) * VS_LN2;
  double p = 1.0 / 39916800.0;
  p = 1.0 / 3628800.0 + t * p;
  p = 1.0 / 362880.0 + t * p;
  p = 1.0 / 40320.0 + t * p;
  p = 1.0 / 5040.0 + t * p;
  p = 1.0 / 720.0 + t * p;
  p = 1.0 / 120.0 + t * p;
  p = 1.0 / 24.0 + t * p;
  p = 1.0 / 6.0 + t * p;
  p = 0.5 + t * p;
  p = 1.0 + t * p;
  p = 1.0 + t * p;
  int k = (int) n;
  return k >= 0 ? p * (double) ((vs_ulong) 1 << k) : p / (double) ((vs_ulong) 1 << -k);
}

VS_INLINE double vs_exp(double x) {
  return vs_exp2(x * VS_LOG2E);
}

/* Pareto draw, scale 1, tail exponent 1 / inverse_alpha: u^(-1/alpha) with u = (word + 1) / 2^32. */
VS_INLINE double vs_pareto(vs_uint word, double inverse_alpha) {
  return vs_exp2(-vs_log2_unit(word) * inverse_alpha);
}

/* Approximately standard normal: the Irwin-Hall sum of the four bytes of one word, centred and scaled. */
VS_INLINE double vs_normal(vs_uint word) {
  vs_int sum = (vs_int) (word & 0xFFu) + (vs_int) ((word >> 8) & 0xFFu) + (vs_int) ((word >> 16) & 0xFFu)
      + (vs_int) (word >> 24);
  return (double) (sum - 2 * 255) * VS_IRWIN_HALL_SCALE;
}
