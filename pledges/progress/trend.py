"""Ordinary least squares over the recent window, its prediction band, and the year of arrival."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Latest year of arrival that is still reported; beyond it the trend "never arrives".
LAST_YEAR = 9999
FLAT_CORRELATION = 1e-9


@dataclass(frozen=True, slots=True)
class Fit:
    """A straight line through the trend points, with what its uncertainty needs."""

    n: int
    slope: float
    slope_se: float | None
    x_mean: float
    y_mean: float
    sxx: float
    residual_sd: float | None

    def at(self, year: float) -> float:
        """The fitted value in a year."""
        return self.y_mean + self.slope * (year - self.x_mean)


def fit(years, values) -> Fit | None:
    """The OLS line through (year, value) points; None with fewer than two distinct years."""
    return fit_many([list(zip(years, values, strict=True))])[0]


def _total(columns: np.ndarray) -> np.ndarray:
    """Each row's sum, left to right from 0.0: what Python's sum() gives (padding adds 0.0)."""
    total = np.zeros(len(columns))
    for column in columns.T:
        total = total + column
    return total


def fit_many(groups: Sequence[Sequence[tuple]]) -> list[Fit | None]:
    """`fit` of many point lists ((year, value, ...) tuples) at once, one row a list.

    Every line gets the operations plain Python would do, in the same order (sums left to right,
    squares by the float power), so a line is the same alone or among thousands.
    """
    count = len(groups)
    lengths = np.fromiter(map(len, groups), dtype=np.int64, count=count)
    found: list[Fit | None] = [None] * count
    width = int(lengths.max(initial=0))
    if width < 2:
        return found
    inside = np.arange(width) < lengths[:, None]
    points = [point for group in groups for point in group]
    xs, ys = np.zeros((count, width)), np.zeros((count, width))
    xs[inside] = [float(point[0]) for point in points]
    ys[inside] = [float(point[1]) for point in points]
    n = lengths.astype(np.float64)
    with np.errstate(all="ignore"):
        # Each row's values are scaled by a power of two, which is exact: the same line for
        # ordinary values, and no overflow for 1e200 (squares of the residuals would overflow).
        peak = np.where(inside, np.abs(ys), 0.0).max(axis=1, initial=0.0)
        scale = np.ldexp(1.0, np.frexp(np.where(np.isfinite(peak), peak, 1.0))[1])
        ys = ys / scale[:, None]
        x_mean = _total(xs) / n
        y_mean = _total(ys) / n
        # Centring before multiplying keeps a year like 2019 from swamping the variance.
        dx = np.where(inside, xs - x_mean[:, None], 0.0)
        dy = np.where(inside, ys - y_mean[:, None], 0.0)
        sxx, sxy, syy = _total(dx * dx), _total(dx * dy), _total(dy * dy)
        slope = sxy / sxx
        # A correlation this small is rounding noise (a flat series whose mean is inexact):
        # call it flat, so a status never hangs on the sign of noise.
        slope[np.abs(sxy) <= FLAT_CORRELATION * np.sqrt(sxx * syy)] = 0.0
        squares = np.zeros((count, width))
        residuals = (dy - slope[:, None] * dx)[inside]
        squares[inside] = [residual**2 for residual in residuals.tolist()]
        residual_sd = np.sqrt(_total(squares) / (n - 2)) * scale
        slope = slope * scale
        y_mean = y_mean * scale
        slope_se = residual_sd / np.sqrt(sxx)
    columns = zip(
        lengths.tolist(),
        slope.tolist(),
        slope_se.tolist(),
        x_mean.tolist(),
        y_mean.tolist(),
        sxx.tolist(),
        residual_sd.tolist(),
        strict=True,
    )
    for i, (size, b, se, xm, ym, ss, sd) in enumerate(columns):
        # A line the floats cannot hold (values near the largest double) is no line.
        if size >= 2 and ss > 0 and math.isfinite(b) and math.isfinite(ym):
            found[i] = (
                Fit(size, b, se, xm, ym, ss, sd)
                if size > 2
                else Fit(size, b, None, xm, ym, ss, None)
            )
    return found


def incomplete_beta(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b) (continued fraction, Lentz)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - incomplete_beta(1.0 - x, b, a)
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return math.exp(log_front) * result / a


def student_t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / (df + t * t), df / 2.0, 0.5)
    return 1.0 - tail if t > 0 else tail


@functools.lru_cache(maxsize=256)
def student_t_quantile(p: float, df: float) -> float:
    """The t value with P(T <= t) = p (bisection on the CDF; no SciPy needed)."""
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -student_t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while student_t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if student_t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


def band_multiplier(n: int, band: float) -> float:
    """The Student t factor for a two-sided `band` prediction interval from n points."""
    return student_t_quantile(0.5 + band / 2.0, float(n - 2))


_NO_PROJECTION = pd.DataFrame(
    {
        "year": np.empty(0, dtype=np.int64),
        "value": np.empty(0, dtype=np.float64),
        "low": np.empty(0, dtype=np.float64),
        "high": np.empty(0, dtype=np.float64),
    }
)


def empty_projection() -> pd.DataFrame:
    """A projection frame with no rows and the documented columns (a copy of one made once:
    most indicators have no line, and copying costs a sixth of building)."""
    return _NO_PROJECTION.copy()


def projection(
    line: Fit, first_year: int, last_year: int, band: float, floor: float | None = None
) -> pd.DataFrame:
    """The fitted line carried forward with its prediction band (year, value, low, high), no
    amount below `floor` when given (a gap stays a gap)."""
    years = np.arange(first_year, max(last_year, first_year) + 1, dtype=np.int64)
    value = line.y_mean + line.slope * (years - line.x_mean)
    if line.residual_sd is None or line.n < 3:
        low = high = np.full(len(years), np.nan)
    else:
        spread = line.residual_sd * np.sqrt(
            1.0 + 1.0 / line.n + (years - line.x_mean) ** 2 / line.sxx
        )
        half = band_multiplier(line.n, band) * spread
        low, high = value - half, value + half
    if floor is not None:
        value, low, high = (np.where(v < floor, floor, v) for v in (value, low, high))
    return pd.DataFrame({"year": years, "value": value, "low": low, "high": high})


def crossing_year(line: Fit, aim: float, toward: float, decimals: int) -> int | None:
    """The first whole year in which the line reaches `aim`; None where it moves away or is flat."""
    if line.slope * toward <= 0:
        return None
    crossing = line.x_mean + (aim - line.y_mean) / line.slope
    if not math.isfinite(crossing) or crossing > LAST_YEAR:
        return None
    # Rounded first, so that 2030.0000000001 from rounding noise stays 2030.
    year = math.ceil(round(crossing, max(decimals - 3, 0)))
    return year if year <= LAST_YEAR else None
