"""Ordinary least squares over the recent window, its prediction band, and the year of arrival."""

from __future__ import annotations

import functools
import math
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


@dataclass(frozen=True, slots=True)
class GroupFits:
    """Fits for many series at once, one array element per group (NaN where n < 2)."""

    n: np.ndarray
    slope: np.ndarray
    slope_se: np.ndarray
    x_mean: np.ndarray
    y_mean: np.ndarray
    sxx: np.ndarray
    residual_sd: np.ndarray


def fit_groups(groups: np.ndarray, years: np.ndarray, values: np.ndarray, count: int) -> GroupFits:
    """Closed-form OLS per group from centred group sums (no per-group loop)."""
    n = np.bincount(groups, minlength=count).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean = np.bincount(groups, years, minlength=count) / n
        y_mean = np.bincount(groups, values, minlength=count) / n
        # Centring before multiplying keeps a year like 2019 from swamping the variance.
        dx = years - x_mean[groups]
        dy = values - y_mean[groups]
        sxx = np.bincount(groups, dx * dx, minlength=count)
        sxy = np.bincount(groups, dx * dy, minlength=count)
        syy = np.bincount(groups, dy * dy, minlength=count)
        slope = np.where(sxx > 0, sxy / sxx, np.nan)
        # A correlation this small is rounding noise (a flat series whose mean is inexact):
        # call it flat, so a status never hangs on the sign of noise.
        flat = np.abs(sxy) <= FLAT_CORRELATION * np.sqrt(sxx * syy)
        slope = np.where((sxx > 0) & flat, 0.0, slope)
        residual = dy - slope[groups] * dx
        sse = np.bincount(groups, residual * residual, minlength=count)
        residual_sd = np.where(n > 2, np.sqrt(sse / (n - 2)), np.nan)
        slope_se = np.where(sxx > 0, residual_sd / np.sqrt(sxx), np.nan)
    return GroupFits(n.astype(np.int64), slope, slope_se, x_mean, y_mean, sxx, residual_sd)


def fit(years: np.ndarray, values: np.ndarray) -> Fit | None:
    """The OLS line through (year, value) points; None with fewer than two distinct years."""
    years = np.asarray(years, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    if len(years) < 2:
        return None
    fits = fit_groups(np.zeros(len(years), dtype=np.int64), years, values, 1)
    if not np.isfinite(fits.slope[0]):
        return None
    return Fit(
        n=int(fits.n[0]),
        slope=float(fits.slope[0]),
        slope_se=float(fits.slope_se[0]) if np.isfinite(fits.slope_se[0]) else None,
        x_mean=float(fits.x_mean[0]),
        y_mean=float(fits.y_mean[0]),
        sxx=float(fits.sxx[0]),
        residual_sd=float(fits.residual_sd[0]) if np.isfinite(fits.residual_sd[0]) else None,
    )


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


def arrival_years(
    slope: np.ndarray,
    x_mean: np.ndarray,
    y_mean: np.ndarray,
    aim: np.ndarray,
    toward: np.ndarray,
    latest_year: np.ndarray,
    decimals: int,
) -> np.ndarray:
    """First whole year after the latest when the line reaches `aim`; NaN where it never does."""
    with np.errstate(invalid="ignore", divide="ignore"):
        moving = slope * toward > 0
        crossing = x_mean + (aim - y_mean) / slope
        # Rounded first, so that 2030.0000000001 from rounding noise stays 2030.
        year = np.ceil(np.round(crossing, decimals - 3))
        year = np.maximum(year, latest_year + 1)
    year = np.where(moving & np.isfinite(year) & (year <= LAST_YEAR), year, np.nan)
    return year
