/**
 * exp and log that give the same bits on every JavaScript engine. Math.exp, Math.log,
 * Math.log1p and Math.pow are implementation-defined approximations: Node 20's V8 and
 * Chromium 156's V8 differ in the last bit for about half of all inputs (measured), which
 * flips near-tie splits in tree boosting and so changed browser results against the CLI.
 * These are fdlibm's algorithms (e_exp.c, e_log.c) in plain double arithmetic (+ - * /,
 * which IEEE 754 fixes exactly), accurate to < 1 ulp.
 */

const F64 = new Float64Array(1);
const U32 = new Int32Array(F64.buffer);
// little-endian on every platform tfjs/Vite target; checked once
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** 2^k for k in [-1074, 1023] at index k + 1074, built by exact doubling. */
const POW2 = (() => {
  const t = new Float64Array(1074 + 1024);
  t[1074] = 1;
  for (let k = 1; k <= 1023; k++) t[1074 + k] = t[1073 + k] * 2;
  for (let k = 1; k <= 1074; k++) t[1074 - k] = t[1075 - k] / 2;
  return t;
})();

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/** e^x, the same on every engine (fdlibm e_exp.c). */
export function exp(x: number): number {
  if (!(x === x)) return x;
  if (x > 709.782712893383973096) return Infinity;
  if (x < -745.13321910194110842) return 0;
  const ax = x < 0 ? -x : x;
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax > 0.5 * 0.6931471805599453) {
    if (ax < 1.5 * 0.6931471805599453) {
      k = x < 0 ? -1 : 1;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    } else {
      k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < 3.725290298461914e-9) return 1 + x;
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * POW2[1074 + 1023] : y * POW2[1074 + k];
  return y * POW2[1074 + k + 1000] * POW2[1074 - 1000];
}

const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural log, the same on every engine (fdlibm e_log.c). */
export function log(x: number): number {
  F64[0] = x;
  let hx = U32[HI];
  const lx = U32[LO];
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= 1.8014398509481984e16;
    F64[0] = x;
    hx = U32[HI];
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  U32[HI] = hx | (i0 ^ 0x3ff00000);
  x = F64[0];
  k += i0 >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/** log(1 + x), accurate near 0 (Goldberg's correction), the same on every engine. */
export function log1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (u === Infinity) return u;
  return (log(u) * x) / (u - 1);
}

/** 1 / (1 + e^-z), stable for large |z|, the same on every engine. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

/** log(1 + e^z), stable, the same on every engine. */
export function softplus(z: number): number {
  return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}
