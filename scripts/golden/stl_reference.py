"""Reference STL decompositions from statsmodels' STL (a port of the netlib Fortran R's stl() runs).

Run from the repo root:  PYTHONPATH=.pyref python3 scripts/golden/stl_reference.py
Writes tests/fixtures/golden/forecast/stl.json.

statsmodels' defaults differ from R's (seasonal_deg 1, jumps 1, 5 inner passes), so every R default is passed
explicitly: s.degree 0, t.degree 1, l.degree 1, jumps ceil(window / 10), inner 2 / outer 0 (robust: 1 / 15),
t.window = nextodd(ceil(1.5 * period / (1 - 1.5 / s.window))), l.window = nextodd(period).
"""

import json
import math
import os
import sys

import numpy as np
import statsmodels
from statsmodels.tsa.seasonal import STL

sys.path.insert(0, os.path.dirname(__file__))
from series import AIR_PASSENGERS  # noqa: E402


def next_odd(x):
    return x + 1 if x % 2 == 0 else x


def r_stl(y, period, s_window, robust):
    t_window = next_odd(math.ceil(1.5 * period / (1 - 1.5 / s_window)))
    l_window = next_odd(period)
    res = STL(
        np.asarray(y, dtype=float), period=period, seasonal=s_window, trend=t_window, low_pass=l_window,
        seasonal_deg=0, trend_deg=1, low_pass_deg=1, robust=robust,
        seasonal_jump=math.ceil(s_window / 10), trend_jump=math.ceil(t_window / 10),
        low_pass_jump=math.ceil(l_window / 10),
    ).fit(inner_iter=1 if robust else 2, outer_iter=15 if robust else 0)
    return {
        "period": period, "seasonalWindow": s_window, "robust": robust,
        "trendWindow": t_window, "lowPassWindow": l_window,
        "seasonal": [float(v) for v in res.seasonal], "trend": [float(v) for v in res.trend],
    }


# A weekly-like series, 130 periods with period 52 (fewer than three cycles, as in the Walmart backtest): trend,
# a yearly wave and a deterministic pseudo-noise term (no RNG, so the series is reproducible anywhere).
WEEKLY = [
    1000 + 2 * t + 150 * math.sin(2 * math.pi * t / 52) + 60 * math.cos(4 * math.pi * t / 52)
    + 40 * math.sin(t * t * 0.7 + 1.3)
    for t in range(130)
]

cases = [
    {"name": "airline, s.window 11", "y": [float(v) for v in AIR_PASSENGERS], **r_stl(AIR_PASSENGERS, 12, 11, False)},
    {"name": "airline, s.window 7, robust", "y": [float(v) for v in AIR_PASSENGERS], **r_stl(AIR_PASSENGERS, 12, 7, True)},
    {"name": "weekly 130 periods, period 52, s.window 11", "y": WEEKLY, **r_stl(WEEKLY, 52, 11, False)},
]
out = {"source": f"statsmodels {statsmodels.__version__} STL, numpy {np.__version__}; scripts/golden/stl_reference.py",
       "cases": cases}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "golden", "forecast", "stl.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
