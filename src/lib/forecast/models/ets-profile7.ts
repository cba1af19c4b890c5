/**
 * The sums of `seasonalLoss` (ets-profile.ts) for a season of 7 (daily data): the same arithmetic in the same
 * order, with every season buffer, the ring of eQ and the lagged sums in local variables instead of typed arrays. A
 * season buffer of 7 is a shift register (the state read at period t was written 7 periods earlier): no slot index,
 * no bounds check, no store per period. Each sum adds the same products in the same order as the generic loop, so
 * the loss is bit-identical: ets-profile.test.ts checks it against `etsLoss` (A,Ad,A, m = 7), and ets-daily.test.ts
 * that automatic ETS keeps the code before's AICc (to 1e-6) and forecasts on daily series. Written out by a
 * throw-away generator (one line per lag, one register shift per line); only for estimated seasons. Writes e0sq, rL, rB, aLL, aLB, aBB to `sums` and the lagged sums and
 * the last 7 eQ in the generic layout.
 */
export function seasonalSums7(
  y: Float64Array,
  hasTrend: boolean,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  out: { sums: Float64Array; qRing: Float64Array; rQ: Float64Array; aLQ: Float64Array; aBQ: Float64Array; cQ: Float64Array },
): void {
  const n = y.length;
  const { sums, qRing, rQ, aLQ, aBQ, cQ } = out;
  const bOn = hasTrend ? 1 : 0;
  let l0 = 0, b0 = 0, lL = 1, bL = 0, lB = 0, bB = bOn, lQ = 0, bQ = 0;
  let e0sq = 0, rL = 0, rB = 0, aLL = 0, aLB = 0, aBB = 0;
  let z0 = 0, z1 = 0, z2 = 0, z3 = 0, z4 = 0, z5 = 0, z6 = 0;
  let u0 = 0, u1 = 0, u2 = 0, u3 = 0, u4 = 0, u5 = 0, u6 = 0;
  let v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0, v6 = 0;
  let w0 = 1, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0;
  let q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0;
  let rq0 = 0, rq1 = 0, rq2 = 0, rq3 = 0, rq4 = 0, rq5 = 0, rq6 = 0;
  let al0 = 0, al1 = 0, al2 = 0, al3 = 0, al4 = 0, al5 = 0, al6 = 0;
  let ab0 = 0, ab1 = 0, ab2 = 0, ab3 = 0, ab4 = 0, ab5 = 0, ab6 = 0;
  let cq0 = 0, cq1 = 0, cq2 = 0, cq3 = 0, cq4 = 0, cq5 = 0, cq6 = 0;
  for (let t = 0; t < n; t++) {
    let lb = l0 + phi * b0;
    const e0 = y[t] - lb - z0;
    l0 = lb + alpha * e0;
    b0 = phi * b0 + beta * e0;
    const zn = z0 + gamma * e0;
    lb = lL + phi * bL;
    const eL = -lb - u0;
    lL = lb + alpha * eL;
    bL = phi * bL + beta * eL;
    const un = u0 + gamma * eL;
    lb = lB + phi * bB;
    const eB = -lb - v0;
    lB = lb + alpha * eB;
    bB = phi * bB + beta * eB;
    const vn = v0 + gamma * eB;
    e0sq += e0 * e0;
    rL += e0 * eL;
    rB += e0 * eB;
    aLL += eL * eL;
    aLB += eL * eB;
    aBB += eB * eB;
    lb = lQ + phi * bQ;
    const eQ = -lb - w0;
    lQ = lb + alpha * eQ;
    bQ = phi * bQ + beta * eQ;
    const wn = w0 + gamma * eQ;
    z0 = z1; z1 = z2; z2 = z3; z3 = z4; z4 = z5; z5 = z6; z6 = zn;
    u0 = u1; u1 = u2; u2 = u3; u3 = u4; u4 = u5; u5 = u6; u6 = un;
    v0 = v1; v1 = v2; v2 = v3; v3 = v4; v4 = v5; v5 = v6; v6 = vn;
    w0 = w1; w1 = w2; w2 = w3; w3 = w4; w4 = w5; w5 = w6; w6 = wn;
    q6 = q5; q5 = q4; q4 = q3; q3 = q2; q2 = q1; q1 = q0; q0 = eQ;
    rq0 += e0 * q0; al0 += eL * q0; ab0 += eB * q0; cq0 += eQ * q0;
    rq1 += e0 * q1; al1 += eL * q1; ab1 += eB * q1; cq1 += eQ * q1;
    rq2 += e0 * q2; al2 += eL * q2; ab2 += eB * q2; cq2 += eQ * q2;
    rq3 += e0 * q3; al3 += eL * q3; ab3 += eB * q3; cq3 += eQ * q3;
    rq4 += e0 * q4; al4 += eL * q4; ab4 += eB * q4; cq4 += eQ * q4;
    rq5 += e0 * q5; al5 += eL * q5; ab5 += eB * q5; cq5 += eQ * q5;
    rq6 += e0 * q6; al6 += eL * q6; ab6 += eB * q6; cq6 += eQ * q6;
  }
  // Back into the generic layout for the Gram matrix: qRing[t mod 7] = eQ(t) for the last 7 periods.
  qRing[(((n - 1 - 0) % 7) + 7) % 7] = q0;
  qRing[(((n - 1 - 1) % 7) + 7) % 7] = q1;
  qRing[(((n - 1 - 2) % 7) + 7) % 7] = q2;
  qRing[(((n - 1 - 3) % 7) + 7) % 7] = q3;
  qRing[(((n - 1 - 4) % 7) + 7) % 7] = q4;
  qRing[(((n - 1 - 5) % 7) + 7) % 7] = q5;
  qRing[(((n - 1 - 6) % 7) + 7) % 7] = q6;
  rQ[0] = rq0; rQ[1] = rq1; rQ[2] = rq2; rQ[3] = rq3; rQ[4] = rq4; rQ[5] = rq5; rQ[6] = rq6;
  aLQ[0] = al0; aLQ[1] = al1; aLQ[2] = al2; aLQ[3] = al3; aLQ[4] = al4; aLQ[5] = al5; aLQ[6] = al6;
  aBQ[0] = ab0; aBQ[1] = ab1; aBQ[2] = ab2; aBQ[3] = ab3; aBQ[4] = ab4; aBQ[5] = ab5; aBQ[6] = ab6;
  cQ[0] = cq0; cQ[1] = cq1; cQ[2] = cq2; cQ[3] = cq3; cQ[4] = cq4; cQ[5] = cq5; cQ[6] = cq6;
  sums[0] = e0sq; sums[1] = rL; sums[2] = rB; sums[3] = aLL; sums[4] = aLB; sums[5] = aBB;
}
