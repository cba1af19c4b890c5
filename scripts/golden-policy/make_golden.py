"""Writes the golden values the policy tests compare against (tests/fixtures/golden/policy/*.json).

Every number here comes either from SciPy/NumPy, computed by a method independent of the TypeScript code
(numerical integration, optimisation, Markov-chain stationary distributions), or from a publication that
is named next to it. Run: python3 scripts/golden-policy/make_golden.py  (numpy, scipy).
"""
import json
import math
import os
import sys

import mpmath
import numpy as np
import scipy
from scipy import integrate, optimize, stats

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'golden', 'policy')
META = {'generator': 'scripts/golden-policy/make_golden.py', 'numpy': np.__version__, 'scipy': scipy.__version__,
        'mpmath': mpmath.__version__,
        'python': sys.version.split()[0]}


def write(name, payload):
    payload = {'meta': META, **payload}
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(payload, f, indent=1)
        f.write('\n')


def normal_golden():
    mpmath.mp.dps = 60
    zs = [-38.0, -20.0, -10.0, -7.5, -5.7, -3.0, -1.5, -0.6744, -0.3, 0.0, 1e-17, 0.25, 0.6745, 1.0, 1.96, 2.5,
          4.0, 5.65, 5.66, 8.0, 12.0, 20.0, 37.0]
    rows = []
    for z in zs:
        x = mpmath.mpf(z)
        pdf = mpmath.npdf(x)
        sf = mpmath.erfc(x / mpmath.sqrt(2)) / 2
        cdf = mpmath.erfc(-x / mpmath.sqrt(2)) / 2
        loss = pdf - x * sf
        loss2 = ((x * x + 1) * sf - x * pdf) / 2
        rows.append({'z': z, 'pdf': float(pdf), 'cdf': float(cdf), 'sf': float(sf), 'loss': float(loss),
                     'loss2': float(loss2)})
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.02, 0.075, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.925, 0.95,
          0.975, 0.99, 0.999, 1 - 1e-9, 1 - 1e-15]
    quant = []
    for p in ps:
        target = mpmath.mpf(p)
        z = mpmath.findroot(lambda x: mpmath.erfc(-x / mpmath.sqrt(2)) / 2 - target, float(stats.norm.ppf(p)))
        quant.append({'p': p, 'z': float(z), 'scipy': float(stats.norm.ppf(p))})
    dfs = [1, 2, 3, 4, 5, 7, 9, 10, 19, 29, 49, 99, 999, 9999, 1000000]
    tq = [{'df': d, 'p': p, 't': float(stats.t.ppf(p, d))} for d in dfs for p in (0.9, 0.95, 0.975, 0.995)]
    write('normal.json', {
        'source': 'mpmath (60 digits): φ = npdf, Φ and 1 − Φ from erfc, L(z) = φ(z) − z(1 − Φ(z)), '
                  'L2(z) = ½[(z² + 1)(1 − Φ(z)) − zφ(z)], quantiles by findroot on Φ (scipy.stats.norm.ppf kept '
                  'alongside); Student t quantiles from scipy.stats.t.ppf.',
        'points': rows, 'quantiles': quant, 'studentT': tq})


def pmf_poisson(mean, tol=1e-17):
    hi = int(mean + 40 * math.sqrt(mean) + 40)
    k = np.arange(hi + 1)
    p = stats.poisson.pmf(k, mean)
    return p / p.sum()


def pmf_nbinom(mean, var):
    r = mean * mean / (var - mean)
    prob = mean / var  # scipy's success probability
    hi = int(mean + 60 * math.sqrt(var) + 60)
    p = stats.nbinom.pmf(np.arange(hi + 1), r, prob)
    return p / p.sum()


def conv_power(p, n):
    out = np.array([1.0])
    for _ in range(n):
        out = np.convolve(out, p)
    return out


def G_table(pmf_lead, h, p, lo, hi):
    """G(y) for y in [lo, hi] by direct summation over the demand support."""
    k = np.arange(len(pmf_lead))
    ys = np.arange(lo, hi + 1)
    left = np.array([np.sum(np.maximum(y - k, 0) * pmf_lead) for y in ys])
    short = np.array([np.sum(np.maximum(k - y, 0) * pmf_lead) for y in ys])
    return ys, h * left + p * short


def markov_cost(pmf, Gfun, K, s, S):
    """Long-run average cost of (s,S) from the stationary distribution of the post-order inventory position.

    State y in s+1..S. Next period's position before ordering is y - D; if that is <= s we order up to S.
    Independent of the renewal-reward formula used by the TypeScript code.
    """
    n = S - s
    ys = np.arange(s + 1, S + 1)
    P = np.zeros((n, n))
    cdf = np.cumsum(pmf)
    order_prob = np.zeros(n)
    for i, y in enumerate(ys):
        for j, y2 in enumerate(ys):
            d = y - y2
            if 0 <= d < len(pmf):
                P[i, j] += pmf[d]
        # P(y - D <= s) = P(D >= y - s)
        need = y - s
        tail = 1.0 - (cdf[need - 1] if need - 1 < len(cdf) else 1.0)
        P[i, n - 1] += tail
        order_prob[i] = tail
    A = P.T - np.eye(n)
    A[-1, :] = 1.0
    b = np.zeros(n)
    b[-1] = 1.0
    pi = np.linalg.solve(A, b)
    return float(pi @ Gfun(ys) + K * (pi @ order_prob))


def brute_force_ss(name, pmf, K, h, p, L, s_range, width, note):
    lead = conv_power(pmf, L + 1)
    lo = s_range[0] - 2
    hi = s_range[1] + width + 2
    ys, gs = G_table(lead, h, p, lo, hi)
    gmap = dict(zip(ys.tolist(), gs.tolist()))
    Gfun = lambda arr: np.array([gmap[int(y)] for y in arr])
    best = None
    for s in range(s_range[0], s_range[1] + 1):
        for S in range(s + 1, s + width + 1):
            c = markov_cost(pmf, Gfun, K, s, S)
            if best is None or c < best[2] - 1e-12:
                best = (s, S, c)
    s, S, c = best
    assert s_range[0] < s < s_range[1] and S < s + width, f'{name}: optimum on the search boundary {best}'
    # A few non-optimal policies as evaluation checks.
    others = []
    for (s2, S2) in [(s - 3, S), (s, S + 5), (s + 2, S - 4)]:
        if S2 > s2:
            others.append({'s': s2, 'S': S2, 'cost': markov_cost(pmf, Gfun, K, s2, S2)})
    return {'name': name, 'note': note, 'K': K, 'h': h, 'p': p, 'L': L, 's': s, 'S': S, 'cost': c,
            'others': others, 'searched': {'s': list(s_range), 'maxWidth': width}}


def ss_golden():
    published = {
        'source': 'Zheng & Federgruen (1991), Operations Research 39(4), Table I (Poisson demand, K=64, h=1, '
                  'p=9, L=0), as transcribed in LarrySnyder/stockpyl tests/test_ss.py (test_fz_instances); '
                  'Snyder & Shen, Fundamentals of Supply Chain Theory (2nd ed.), Example 4.7 and Problem 4.31, '
                  'via stockpyl tests/test_ss.py.',
        'zhengFedergruen': [
            {'mean': m, 's': s, 'S': S, 'cost': c} for m, s, S, c in zip(
                list(range(10, 80, 5)) + [21, 22, 23, 24, 51, 52, 59, 61, 63, 64],
                [6, 10, 14, 19, 23, 28, 33, 37, 42, 47, 52, 56, 62, 67, 15, 16, 17, 18, 43, 44, 51, 52, 54, 55],
                [40, 49, 62, 56, 66, 77, 87, 97, 108, 118, 129, 75, 81, 86, 65, 68, 52, 54, 110, 112, 126, 131, 73, 74],
                [35.022, 42.698, 49.173, 54.262, 57.819, 61.215, 64.512, 67.776, 70.975, 74.149, 77.306, 78.518,
                 79.037, 79.554, 50.406, 51.632, 52.757, 53.518, 71.611, 72.246, 76.679, 77.929, 78.287, 78.402])],
        'snyderShen': [
            {'name': 'Example 4.7', 'mean': 6, 'K': 5, 'h': 1, 'p': 4, 's': 4, 'S': 10, 'cost': 8.034111561471644,
             'evaluations': [{'s': 4, 'S': 10, 'cost': 8.034111561471644}, {'s': 6, 'S': 18, 'cost': 10.193798671644046}]},
            {'name': 'Problem 4.31', 'mean': 4, 'K': 150, 'h': 40, 'p': 125, 's': 2, 'S': 7, 'cost': 223.5748295669688,
             'evaluations': [{'s': 4, 'S': 10, 'cost': 262.2755613772775}, {'s': 2, 'S': 7, 'cost': 223.5748295669688}]},
        ],
    }
    custom = np.zeros(6)
    custom[[0, 1, 2, 3, 5]] = [0.3, 0.2, 0.1, 0.25, 0.15]
    brute = [
        brute_force_ss('poisson10-L0', pmf_poisson(10), 64, 1, 9, 0, (-5, 20), 70, 'published instance, re-derived'),
        brute_force_ss('poisson10-L2', pmf_poisson(10), 64, 1, 9, 2, (10, 40), 70, 'lead time 2'),
        brute_force_ss('poisson1-L1', pmf_poisson(1), 10, 1, 19, 1, (-5, 8), 30, 'slow mover'),
        brute_force_ss('poisson3.5-K0-L1', pmf_poisson(3.5), 0, 2, 10, 1, (0, 15), 12, 'K = 0: base stock'),
        brute_force_ss('nbinom5-15-L1', pmf_nbinom(5, 15), 20, 1, 5, 1, (-5, 20), 50, 'negative binomial mean 5, variance 15'),
        brute_force_ss('custom-pmf-L0', custom, 8, 0.5, 4, 0, (-5, 10), 30, 'pmf {0:.3,1:.2,2:.1,3:.25,5:.15}'),
    ]
    write('ss.json', {'published': published, 'bruteForce': {
        'source': 'Exhaustive search over (s,S) with each cost from the stationary distribution of the Markov chain '
                  'of the post-order inventory position (numpy.linalg.solve), G(y) by direct summation over the '
                  '(L+1)-period demand pmf (scipy.stats pmfs, numpy.convolve).',
        'instances': brute, 'customPmf': custom.tolist()}})


def newsvendor_golden():
    rows = []
    for (h, p, mu, sd) in [(0.18, 0.7, 50, 8), (43, 79, 900, 60), (1, 1, 10, 3), (2, 0.5, 100, 30)]:
        ratio = p / (p + h)
        q = stats.norm.ppf(ratio, mu, sd)
        cost = integrate.quad(lambda x: (h * max(q - x, 0) + p * max(x - q, 0)) * stats.norm.pdf(x, mu, sd),
                              mu - 40 * sd, mu + 40 * sd, points=[q], limit=500, epsabs=1e-13)[0]
        short = integrate.quad(lambda x: (x - q) * stats.norm.pdf(x, mu, sd), q, mu + 40 * sd, epsabs=1e-14)[0]
        rows.append({'kind': 'normal', 'h': h, 'p': p, 'mean': mu, 'sd': sd, 'orderQuantity': float(q), 'cost': cost,
                     'expectedShortage': short, 'fillRate': 1 - short / mu})
    for (h, p, mu) in [(1, 4, 6), (200, 270, 18), (1, 9, 0.7), (3, 1, 40)]:
        ratio = p / (p + h)
        q = int(stats.poisson.ppf(ratio, mu))
        k = np.arange(0, int(mu + 60 * math.sqrt(mu) + 60))
        pm = stats.poisson.pmf(k, mu)
        cost = float(np.sum((h * np.maximum(q - k, 0) + p * np.maximum(k - q, 0)) * pm))
        short = float(np.sum(np.maximum(k - q, 0) * pm))
        rows.append({'kind': 'poisson', 'h': h, 'p': p, 'mean': mu, 'orderQuantity': q, 'cost': cost,
                     'expectedShortage': short, 'fillRate': 1 - short / mu,
                     'cycleServiceLevel': float(stats.poisson.cdf(q, mu))})
    published = [
        {'name': 'Snyder & Shen Example 4.1/4.3', 'kind': 'normal', 'h': 0.18, 'p': 0.7, 'mean': 50, 'sd': 8,
         'orderQuantity': 56.603955927433887, 'cost': 1.997605193176645, 'evaluate': {'q': 40, 'cost': 7.356131552870388}},
        {'name': 'Snyder & Shen Problem 4.1', 'kind': 'normal', 'h': 43, 'p': 79, 'mean': 900, 'sd': 60,
         'orderQuantity': 922.7214038234755, 'cost': 2718.196781782411, 'evaluate': {'q': 1040, 'cost': 6044.298415188692}},
        {'name': 'Snyder & Shen Example 4.7 (no K)', 'kind': 'poisson', 'h': 1, 'p': 4, 'mean': 6,
         'orderQuantity': 8, 'cost': 3.570106945770946, 'evaluate': {'q': 5, 'cost': 6.590296024616344}},
        {'name': 'Snyder & Shen Problem 4.8(a)', 'kind': 'poisson', 'h': 200, 'p': 270, 'mean': 18,
         'orderQuantity': 19, 'cost': 786.0884409351115, 'evaluate': {'q': 13, 'cost': 1445.751062891969}},
        {'name': 'Snyder & Shen Problem 4.7(b)', 'kind': 'pmf', 'h': 500000, 'p': 1000000,
         'pmf': {'1': 0.25, '2': 0.05, '3': 0.1, '4': 0.2, '5': 0.15, '6': 0.10, '7': 0.10, '8': 0.05},
         'orderQuantity': 5, 'cost': 1225000, 'evaluate': {'q': 3, 'cost': 1725000}},
        {'name': 'Snyder & Shen Example 4.4 (base stock, L=4)', 'kind': 'base-stock', 'h': 0.18, 'p': 0.7,
         'mean': 50, 'sd': 8, 'L': 4, 'orderQuantity': 264.7668943741548, 'cost': 4.466781004149578,
         'evaluate': {'q': 180, 'cost': 49.000164748034095}},
    ]
    write('newsvendor.json', {
        'source': 'computed: scipy.stats.norm/poisson ppf, integrate.quad and direct pmf sums; published: Snyder & '
                  'Shen, Fundamentals of Supply Chain Theory, as asserted in LarrySnyder/stockpyl '
                  'tests/test_newsvendor.py.',
        'computed': rows, 'published': published})


def eoq_golden():
    write('eoq.json', {
        'source': 'Snyder & Shen, Fundamentals of Supply Chain Theory, Examples 3.1 and 3.8 and Problems 3.1 and '
                  '3.2(b), as asserted in LarrySnyder/stockpyl tests/test_eoq.py; closed forms re-checked here.',
        'cases': [
            {'name': 'Example 3.1', 'K': 8, 'h': 0.225, 'lambda': 1300, 'Q': 304.0467800264368, 'cost': 68.410525505948272},
            {'name': 'Problem 3.1', 'K': 2250, 'h': 275, 'lambda': 182500, 'Q': 1728.109844993551, 'cost': 475230.2073732266},
            {'name': 'Example 3.8', 'K': 8, 'h': 0.225, 'p': 5, 'lambda': 1300, 'Q': 310.8125551589646,
             'stockoutFraction': 0.043062200956938, 'cost': 66.921363550973254},
            {'name': 'Problem 3.2(b)', 'K': 40, 'h': 165 * 0.17 + 12, 'p': 60, 'lambda': 2080, 'Q': 83.235448128898042,
             'stockoutFraction': 0.400299850074962, 'cost': 1999.148244415212},
        ]})


def rq_golden():
    def g(y, h, p, mu, sd):
        z = (y - mu) / sd
        loss = stats.norm.pdf(z) - z * stats.norm.sf(z)
        return h * (y - mu) + (h + p) * sd * loss

    def cost(r, Q, h, p, K, lam, sd_l, mu_l):
        return (K * lam + integrate.quad(lambda y: g(y, h, p, mu_l, sd_l), r, r + Q, epsabs=1e-12, limit=200)[0]) / Q

    cases = []
    for name, (h, p, K, lam, sd, L) in {
        'Snyder & Shen Example 5.1': (0.225, 7.5, 8, 1300, 150, 1 / 12),
        'Snyder & Shen Problem 5.1': (3.1, 45, 50, 800, 40, 4 / 365),
        'Snyder & Shen Problem 5.3': (1.5 / 7, 40, 85, 192, 17.4, 3),
    }.items():
        mu_l, sd_l = lam * L, sd * math.sqrt(L)
        res = optimize.minimize(lambda x: cost(x[0], x[1], h, p, K, lam, sd_l, mu_l),
                                x0=[mu_l, math.sqrt(2 * K * lam / h)], method='Nelder-Mead',
                                options={'xatol': 1e-9, 'fatol': 1e-12, 'maxiter': 20000})
        r, Q = res.x
        cases.append({'name': name, 'h': h, 'p': p, 'K': K, 'lambda': lam, 'sd': sd, 'L': L, 'r': float(r), 'Q': float(Q),
                      'cost': float(res.fun), 'evaluate': [{'r': 100, 'Q': 250, 'cost': cost(100, 250, h, p, K, lam, sd_l, mu_l)}]})
    write('rq.json', {
        'source': 'Continuous-review (r,Q), normal lead-time demand, backorders: cost (Kλ + ∫_r^{r+Q} g(y) dy)/Q with '
                  'g(y) = h(y-μ_L) + (h+p)σ_L·L((y-μ_L)/σ_L), integrated by scipy.integrate.quad and minimised by '
                  'scipy.optimize.minimize (Nelder-Mead). Instances from Snyder & Shen Ch. 5 (stockpyl instances.py). '
                  'Published check: cost(126.8, 328.5) = 78.071162509282942 in Example 5.1 (stockpyl tests/test_rq.py).',
        'cases': cases, 'published': [{'name': 'Snyder & Shen Example 5.1', 'r': 126.8, 'Q': 328.5, 'cost': 78.071162509282942}]})


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    normal_golden()
    eoq_golden()
    newsvendor_golden()
    rq_golden()
    ss_golden()
    print('wrote', sorted(os.listdir(OUT)))
