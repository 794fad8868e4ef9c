"""Ordinary least squares over the recent window, its prediction band, and the year of arrival."""

from __future__ import annotations

import functools
import math
import operator
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
    """The OLS line through (year, value) points; None with fewer than two distinct years.

    Plain Python on a handful of points: cheaper than NumPy's call overhead at this size.
    """
    xs = list(map(float, years))
    ys = list(map(float, values))
    n = len(xs)
    if n < 2:
        return None
    x_mean = sum(xs) / n
    y_mean = sum(ys) / n
    # Centring before multiplying keeps a year like 2019 from swamping the variance.
    dx = [x - x_mean for x in xs]
    dy = [y - y_mean for y in ys]
    sxx = sum(map(operator.mul, dx, dx))
    if sxx <= 0:
        return None
    sxy = sum(map(operator.mul, dx, dy))
    syy = sum(map(operator.mul, dy, dy))
    slope = sxy / sxx
    # A correlation this small is rounding noise (a flat series whose mean is inexact):
    # call it flat, so a status never hangs on the sign of noise.
    if abs(sxy) <= FLAT_CORRELATION * math.sqrt(sxx * syy):
        slope = 0.0
    residual_sd = slope_se = None
    if n > 2:
        sse = sum([(b - slope * a) ** 2 for a, b in zip(dx, dy, strict=True)])
        residual_sd = math.sqrt(sse / (n - 2))
        slope_se = residual_sd / math.sqrt(sxx)
    return Fit(n, slope, slope_se, x_mean, y_mean, sxx, residual_sd)


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


def empty_projection() -> pd.DataFrame:
    """A projection frame with no rows and the documented columns."""
    return pd.DataFrame(
        {
            "year": pd.Series(dtype="int64"),
            "value": pd.Series(dtype="float64"),
            "low": pd.Series(dtype="float64"),
            "high": pd.Series(dtype="float64"),
        }
    )


def projection(line: Fit, first_year: int, last_year: int, band: float) -> pd.DataFrame:
    """The fitted line carried forward with its prediction band (year, value, low, high)."""
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
    return pd.DataFrame({"year": years, "value": value, "low": low, "high": high})


def crossing_year(line: Fit, aim: float, toward: float, decimals: int) -> int | None:
    """The first whole year in which the line reaches `aim`; None where it moves away or is flat."""
    if line.slope * toward <= 0:
        return None
    crossing = line.x_mean + (aim - line.y_mean) / line.slope
    # Rounded first, so that 2030.0000000001 from rounding noise stays 2030.
    year = math.ceil(round(crossing, max(decimals - 3, 0)))
    return year if year <= LAST_YEAR else None
