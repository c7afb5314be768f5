"""Decision boundaries of 2-D classifiers.

>>> import numpy as np
>>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]); y = np.array([0, 1, 1, 1])
>>> ax = plot_decision_boundary(lambda P: (P.sum(axis=1) >= 0.5).astype(int), X, y)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

from course_utils.plotting.images import as_nonempty_array

#: Two colours that stay distinct for colour-blind readers (class 0, class 1).
CLASS_COLORS = ("#1f77b4", "#ff7f0e")


def plot_decision_boundary(
    predict: Callable[[np.ndarray], Any],
    X: Any,
    y: Any,
    *,
    ax: Axes | None = None,
    resolution: int = 200,
    margin: float = 0.5,
    title: str | None = None,
    proba: bool = False,
    mark_errors: bool = False,
    colorbar: bool = False,
) -> Axes:
    """Colour the plane by a 2-D classifier's prediction and draw the points on top.

    ``predict`` takes an ``(m, 2)`` array and returns ``m`` labels (0/1), or probabilities of
    class 1 with ``proba=True`` (then the colour shades from 0 to 1 and the 0.5 contour is drawn).
    Works with a plain function, ``model.predict`` of scikit-learn or a lambda around Keras.
    ``mark_errors=True`` circles in red every point whose prediction differs from its label.
    ``colorbar=True`` (with ``proba=True``) adds a colour bar, "probability of class 1", as key
    to the shading: white is 0.5, red towards 1, blue towards 0.

    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]); y = np.array([0, 1, 1, 1])
    >>> ax = plot_decision_boundary(lambda P: (P.sum(axis=1) >= 0.5).astype(int), X, y)
    >>> ax = plot_decision_boundary(lambda P: (P.sum(axis=1) >= 1.5).astype(int), X, y,
    ...                             mark_errors=True)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['class 0', 'class 1', 'misclassified']
    >>> ax = plot_decision_boundary(lambda P: P.mean(axis=1), X, y, proba=True, colorbar=True)
    >>> ax.figure.axes[-1].get_ylabel()
    'probability of class 1'
    """
    X = as_nonempty_array("X", X, numeric=True)
    y = as_nonempty_array("y", y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2) – two features to draw – got {X.shape}")
    if y.shape != (len(X),):
        raise ValueError(f"y must have shape ({len(X)},) to match X, got {y.shape}")
    if not callable(predict):
        raise TypeError(f"predict must be a function of an (m, 2) array, got {predict!r}")
    if colorbar and not proba:
        raise ValueError("colorbar=True needs proba=True: only probabilities have a colour scale")
    ax = ax or plt.subplots(figsize=(4.5, 4))[1]
    (x0_min, x1_min), (x0_max, x1_max) = X.min(axis=0) - margin, X.max(axis=0) + margin
    g0, g1 = np.meshgrid(
        np.linspace(x0_min, x0_max, resolution), np.linspace(x1_min, x1_max, resolution)
    )
    grid = np.column_stack([g0.ravel(), g1.ravel()])
    z = np.asarray(predict(grid), dtype=float).reshape(g0.shape)
    if proba:
        shading = ax.contourf(g0, g1, z, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
        ax.contour(g0, g1, z, levels=[0.5], colors="k", linewidths=1.5)
        if colorbar:
            ax.figure.colorbar(shading, ax=ax, label="probability of class 1", ticks=[0, 0.5, 1])
    else:
        ax.contourf(
            g0, g1, z, levels=[-0.5, 0.5, 1.5], cmap=ListedColormap(CLASS_COLORS), alpha=0.25
        )
        if 0 < z.mean() < 1:
            ax.contour(g0, g1, z, levels=[0.5], colors="k", linewidths=1.5)
    for label, color, marker in ((0, CLASS_COLORS[0], "o"), (1, CLASS_COLORS[1], "s")):
        mask = y == label
        ax.scatter(
            X[mask, 0],
            X[mask, 1],
            c=color,
            marker=marker,
            edgecolor="k",
            s=60,
            label=f"class {label}",
            zorder=3,
        )
    if mark_errors:
        predicted = np.asarray(predict(X), dtype=float).reshape(len(X))
        wrong = (predicted >= 0.5) != (y == 1) if proba else predicted != y
        if wrong.any():
            ax.scatter(
                X[wrong, 0],
                X[wrong, 1],
                s=300,
                facecolors="none",
                edgecolors="red",
                linewidths=2.5,
                label="misclassified",
                zorder=4,
            )
    ax.set(xlim=(x0_min, x0_max), ylim=(x1_min, x1_max), xlabel="$x_1$", ylabel="$x_2$")
    ax.legend(loc="best", fontsize=11, frameon=True, framealpha=0.9)
    if title:
        ax.set_title(title)
    return ax
