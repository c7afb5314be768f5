"""Functions of one variable drawn together with their derivatives (activation functions).

>>> import numpy as np
>>> axes = plot_with_derivatives({"tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2)})
>>> axes[0].get_title()
'tanh'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

#: Colours of the function and of its derivative in every panel.
FUNCTION_COLOR, DERIVATIVE_COLOR = "#1f77b4", "#d62728"


def _break_jumps(y: np.ndarray) -> np.ndarray:
    """``y`` with NaN after every jump larger than a quarter of its range (breaks the line)."""
    y = y.copy()
    finite = y[np.isfinite(y)]
    spread = float(finite.max() - finite.min()) if finite.size else 0.0
    if spread > 0:
        jumps = np.flatnonzero(np.abs(np.diff(y)) > spread / 4)
        y[jumps + 1] = np.nan
    return y


Pair = tuple[Callable[[np.ndarray], Any], Callable[[np.ndarray], Any] | None]


def plot_with_derivatives(
    functions: Mapping[str, Pair],
    *,
    x_range: tuple[float, float] = (-4.0, 4.0),
    ncols: int = 3,
    points: int = 401,
    size: tuple[float, float] = (3.3, 2.6),
    title: str | None = None,
    variable: str = "x",
) -> list[Axes]:
    """One panel per function: the function (solid) and its derivative (dashed).

    ``functions`` maps a panel title to ``(f, df)``, two NumPy functions of an array ``x``
    (``df`` may be ``None`` to draw the function alone). ``variable`` names the input on the
    x-axis and in the legend (``f(a)``, ``f′(a)`` for ``variable="a"``). Where a derivative
    jumps (ReLU's at 0) the dashed line is broken instead of drawn as a vertical stroke.
    Returns the list of ``Axes`` used.

    >>> sigmoid = lambda x: 1 / (1 + np.exp(-x))
    >>> axes = plot_with_derivatives({"sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x))),
    ...                               "identity": (lambda x: x, None)}, ncols=2)
    >>> len(axes), axes[1].get_title()
    (2, 'identity')
    """
    if not isinstance(functions, Mapping) or not functions:
        raise TypeError(
            f"functions must be a non-empty dict {{title: (f, df)}}, got {type(functions).__name__}"
        )
    for name, pair in functions.items():
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not callable(pair[0])
            or not (pair[1] is None or callable(pair[1]))
        ):
            raise TypeError(
                f"functions[{name!r}] must be a pair (f, df) of functions "
                f"(df may be None), got {pair!r}"
            )
    lo, hi = (float(v) for v in x_range)
    if not lo < hi:
        raise ValueError(f"x_range must be (low, high) with low < high, got {x_range!r}")
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a positive int, got {ncols!r}")
    if not isinstance(variable, str) or not variable:
        raise TypeError(f"variable must be a non-empty string such as 'x', got {variable!r}")
    x = np.linspace(lo, hi, points)
    ncols = min(ncols, len(functions))
    nrows = math.ceil(len(functions) / ncols)
    fig, grid = plt.subplots(
        nrows, ncols, figsize=(size[0] * ncols, size[1] * nrows), squeeze=False
    )
    axes = list(grid.flat)
    for ax, (name, (f, df)) in zip(axes, functions.items()):
        ax.plot(
            x, np.asarray(f(x), dtype=float), color=FUNCTION_COLOR, lw=2, label=f"f({variable})"
        )
        if df is not None:
            ax.plot(
                x,
                _break_jumps(np.asarray(df(x), dtype=float)),
                "--",
                color=DERIVATIVE_COLOR,
                lw=2,
                label=f"f′({variable})",
            )
        ax.axhline(0, color="k", lw=0.6)
        ax.axvline(0, color="k", lw=0.6)
        ax.set_title(name)
        ax.set_xlabel(variable)
    axes[0].legend(loc="upper left", fontsize=9)
    for ax in axes[len(functions) :]:
        ax.axis("off")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return axes[: len(functions)]
