"""Loss surfaces with the paths optimizers take across them (1-D curves and 2-D contour plots).

>>> import numpy as np
>>> path = np.array([[-2.0, 1.5], [-1.0, 0.5], [-0.5, 0.1]])
>>> ax = plot_loss_surface(lambda a, b: a ** 2 + 4 * b ** 2, (-3, 3), (-2, 2),
...                        paths={"gradient descent": path})
>>> ax.get_legend().get_texts()[0].get_text()
'gradient descent'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from course_utils.plotting.images import as_nonempty_array

#: Path colours, one per optimizer, distinct for colour-blind readers.
PATH_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
#: Legend text size: readable when a notebook is projected in class.
LEGEND_FONTSIZE = 11


def _as_range(name: str, value: Any) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a pair (low, high) of numbers, got {value!r}") from err
    if not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high, got {value!r}")
    return lo, hi


def _as_path(name: str, path: Any, ndim: int) -> np.ndarray:
    array = as_nonempty_array(name, path)
    try:
        array = array.astype(float)
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"{name} must hold numbers (the parameters after each step), got dtype {array.dtype}"
        ) from err
    expected = "(steps,)" if ndim == 1 else "(steps, 2)"
    if (ndim == 1 and array.ndim != 1) or (ndim == 2 and (array.ndim != 2 or array.shape[1] != 2)):
        raise ValueError(f"{name} must have shape {expected}, one row per step; got {array.shape}")
    return array


def plot_loss_surface(
    loss: Callable[[np.ndarray, np.ndarray], Any],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    *,
    paths: Mapping[str, Any] | None = None,
    minimum: tuple[float, float] | None = None,
    ax: Axes | None = None,
    levels: int = 25,
    log_levels: bool = False,
    resolution: int = 200,
    labels: tuple[str, str] = ("$w_1$", "$w_2$"),
    title: str | None = None,
    legend_outside: bool = False,
) -> Axes:
    """Contour plot of a loss of two parameters, with optimizer paths drawn on top.

    ``loss(w1, w2)`` must work on NumPy grids (element by element). ``paths`` maps a legend
    label to an array of shape ``(steps, 2)``: the parameters after each step, the start
    first. Each path is drawn as a line with dots, a circle at the start and a cross at the
    end (drawn on top of the star, so that a path ending at the minimum shows its cross).
    ``minimum`` marks the lowest point with a star. ``log_levels`` spaces the contour levels
    geometrically (for surfaces with both steep walls and flat valleys).
    ``legend_outside`` puts the legend to the right of the plot, where it hides no path.

    >>> ax = plot_loss_surface(lambda a, b: a ** 2 - b ** 2, (-1, 1), (-1, 1), title="saddle")
    >>> ax.get_title()
    'saddle'
    """
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(w1, w2) of two arrays, got {loss!r}")
    x0, x1 = _as_range("xlim", xlim)
    y0, y1 = _as_range("ylim", ylim)
    if paths is not None and not isinstance(paths, Mapping):
        raise TypeError(
            f"paths must be a dict {{label: (steps, 2) array}}, got {type(paths).__name__}"
        )
    checked = {label: _as_path(f"paths[{label!r}]", p, 2) for label, p in (paths or {}).items()}
    ax = ax or plt.subplots(figsize=(5.5, 4.2))[1]
    g1, g2 = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    z = np.asarray(loss(g1, g2), dtype=float)
    if z.shape != g1.shape:
        raise ValueError(
            f"loss(w1, w2) must return one value per grid point (shape {g1.shape}); "
            f"got shape {z.shape}. Use NumPy operations that work element by element."
        )
    if log_levels:
        level_values = z.min() + np.geomspace(1e-3, 1, levels) * (np.ptp(z) or 1.0)
        ax.contour(g1, g2, z, levels=level_values, cmap="viridis", linewidths=0.8)
    else:
        ax.contour(g1, g2, z, levels=levels, cmap="viridis", linewidths=0.8)
    for (label, path), color in zip(checked.items(), PATH_COLORS * 10):
        ax.plot(path[:, 0], path[:, 1], "o-", color=color, ms=2.5, lw=1.3, label=label)
        ax.plot(*path[0], "o", color=color, ms=7, mfc="white", mew=1.5)
        # the end on top of everything, the star included: a path that reaches the minimum
        # shows its cross on the star
        ax.plot(*path[-1], "X", color=color, ms=10, mec="white", mew=1.0, zorder=5)
    if minimum is not None:
        ax.plot(*minimum, "*", color="gold", ms=17, mec="k", label="minimum", zorder=4)
    ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel=labels[0], ylabel=labels[1])
    if (checked or minimum is not None) and legend_outside:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=LEGEND_FONTSIZE)
    elif checked or minimum is not None:
        ax.legend(loc="best", fontsize=LEGEND_FONTSIZE, framealpha=0.85, frameon=True)
    if title:
        ax.set_title(title)
    return ax


def plot_path_1d(
    loss: Callable[[np.ndarray], Any],
    path: Any,
    *,
    x_range: tuple[float, float] | None = None,
    ax: Axes | None = None,
    label: str = "$w$",
    title: str | None = None,
    color: str = PATH_COLORS[0],
    path_label: str | None = None,
    arrows: bool = True,
) -> Axes:
    """A loss of one parameter as a curve, with the steps of gradient descent on it.

    ``path`` holds the parameter after each step (the start first): an open circle marks the
    start and a cross the end. Each step is drawn as an arrow from one point of the curve to
    the next, in ``color``; ``arrows=False`` joins the
    points with a thin line instead (quicker to draw, and clearer for long paths). ``x_range``
    defaults to the span of the path plus a margin. To compare optimizers, draw several paths
    on the same ``ax``, each with its own ``color`` and ``path_label`` (its legend entry).

    >>> ax = plot_path_1d(lambda w: (w - 3) ** 2, [0.0, 1.2, 2.1, 2.6], title="steps")
    >>> ax.get_xlabel()
    '$w$'
    >>> ax = plot_path_1d(lambda w: (w - 3) ** 2, [5.0, 3.5], ax=ax, color="C1", path_label="b")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['b']
    """
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(w) of an array, got {loss!r}")
    path = _as_path("path", path, 1)
    if x_range is None:
        span = max(path.max() - path.min(), 1.0)
        x_range = (path.min() - 0.25 * span, path.max() + 0.25 * span)
    lo, hi = _as_range("x_range", x_range)
    ax = ax or plt.subplots(figsize=(5, 3.2))[1]
    w = np.linspace(lo, hi, 400)
    curve = np.asarray(loss(w), dtype=float)
    if curve.shape != w.shape:
        raise ValueError(f"loss(w) must return one value per point of w; got shape {curve.shape}")
    ax.plot(w, curve, color="gray", lw=2)
    heights = np.asarray([float(loss(np.array(p))) for p in path])
    if arrows:
        for (a, la), (b, lb) in zip(zip(path[:-1], heights[:-1]), zip(path[1:], heights[1:])):
            ax.annotate(
                "",
                xy=(b, lb),
                xytext=(a, la),
                arrowprops={"arrowstyle": "->", "color": color, "lw": 1.2},
            )
    else:
        ax.plot(path, heights, "-", color=color, lw=1, alpha=0.8)
    ax.plot(path, heights, "o", color=color, ms=4, label=path_label)
    ax.plot(path[0], heights[0], "o", color=color, ms=8, mfc="white", mew=1.5)
    ax.plot(path[-1], heights[-1], "X", color=color, ms=10, mec="white", mew=1.0, zorder=5)
    ax.set(xlim=(lo, hi), xlabel=label, ylabel="loss")
    if path_label is not None:
        ax.legend(fontsize=LEGEND_FONTSIZE)
    if title:
        ax.set_title(title)
    return ax
