"""Maps on one colour scale, with a colour bar: learned filters, feature maps, occlusion maps.

A grid of pictures in which each panel chooses its own colours cannot be compared panel with
panel, and without a colour bar a reader cannot tell a strong response from a weak one. Both
functions here draw every panel on **one** scale and add a colour bar that says what the
colours mean.

>>> import numpy as np
>>> axes = plot_maps(np.random.rand(5, 5, 6), symmetric=True, label="weight")
>>> axes.shape
(1, 6)
>>> axes = plot_occlusion(np.zeros((2, 28, 28)), np.random.rand(2, 28, 28), ["a", "b"])
>>> axes.shape
(2, 2)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from course_utils.plotting.cnn import check_grid_args
from course_utils.plotting.images import as_nonempty_array

__all__ = ["plot_maps", "plot_occlusion"]


def _stack(maps: Any) -> np.ndarray:
    """``maps`` as ``(h, w, n)``: from ``(h, w, n)``, a batch of one ``(1, h, w, n)`` or a
    layer's kernels ``(f, f, 1, n)``."""
    array = as_nonempty_array("maps", maps, numeric=True)
    if array.ndim == 4 and array.shape[0] == 1:
        array = array[0]
    elif array.ndim == 4 and array.shape[2] == 1:
        array = array[:, :, 0, :]
    if array.ndim != 3:
        raise ValueError(
            "maps must have shape (h, w, n), (1, h, w, n) (one image's feature maps) or "
            f"(f, f, 1, n) (a first layer's kernels); got {array.shape}"
        )
    return array


def plot_maps(
    maps: Any,
    *,
    symmetric: bool = False,
    label: str = "",
    names: str = "map",
    ncols: int = 8,
    size: float = 1.3,
    title: str | None = None,
) -> np.ndarray:
    """Draw ``n`` maps side by side on one colour scale, with one colour bar labelled ``label``.

    ``maps`` has shape ``(h, w, n)`` (channels last, as Keras gives them), ``(1, h, w, n)``
    (one image's feature maps, as ``predict`` returns them) or ``(f, f, 1, n)`` (the kernels
    of a first convolution layer, ``layer.get_weights()[0]``). ``symmetric=True`` centres the
    scale on 0 (red positive, blue negative, white 0: for weights); otherwise the scale runs from
    the smallest to the largest value (dark to bright: for activations). Panel ``i`` is titled
    ``f"{names} {i}"``. Returns the ``Axes`` grid.

    >>> axes = plot_maps(np.random.rand(1, 10, 10, 16), ncols=8, label="activation")
    >>> axes.shape, axes[1, 7].get_title()
    ((2, 8), 'map 15')
    """
    stack = _stack(maps)
    check_grid_args(ncols, size)
    if not isinstance(label, str) or not isinstance(names, str):
        raise TypeError("label and names must be text (str)")
    n = stack.shape[-1]
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        squeeze=False,
        figsize=(size * ncols + 1.0, (size + 0.25) * nrows + (0.4 if title else 0)),
        layout="constrained",
    )
    if symmetric:
        limit = float(np.abs(stack).max()) or 1.0
        low, high, cmap = -limit, limit, "RdBu_r"
    else:
        low, high, cmap = float(stack.min()), float(stack.max()), "viridis"
        high = high if high > low else low + 1.0
    for ax in axes.flat:
        ax.axis("off")
    for i, ax in enumerate(axes.flat[:n]):
        picture = ax.imshow(stack[:, :, i], cmap=cmap, vmin=low, vmax=high)
        ax.set_title(f"{names} {i}", fontsize=10)
    fig.colorbar(picture, ax=axes, shrink=0.9, label=label, fraction=0.05)
    if title:
        fig.suptitle(title)
    return axes


def plot_occlusion(
    images: Any,
    heatmaps: Any,
    titles: Sequence[str],
    *,
    label: str = "drop in probability",
    size: float = 2.2,
) -> np.ndarray:
    """Digits (top row) above their occlusion maps (bottom row), all maps on one scale.

    ``images`` ``(n, 28, 28)`` (or with a trailing channel axis) and ``heatmaps`` ``(n, h, w)``
    of the same height and width; ``titles`` names each column. The maps use a scale centred
    on 0 (red: hiding that spot lowers the probability, blue: raises it), with the digit's
    outline drawn over them, and one colour bar labelled ``label``. Returns the ``Axes``
    ``(2, n)``.

    >>> axes = plot_occlusion(np.zeros((1, 28, 28, 1)), np.zeros((1, 28, 28)), ["a 7"])
    >>> axes[0, 0].get_title()
    'a 7'
    """
    pictures = as_nonempty_array("images", images, numeric=True)
    if pictures.ndim == 4 and pictures.shape[-1] == 1:
        pictures = pictures[..., 0]
    maps = as_nonempty_array("heatmaps", heatmaps, numeric=True)
    if pictures.ndim != 3 or maps.shape != pictures.shape:
        raise ValueError(
            f"images (n, h, w) and heatmaps (n, h, w) must have the same shape; got images "
            f"{pictures.shape} and heatmaps {maps.shape}"
        )
    if isinstance(titles, str) or len(titles) != len(pictures):
        raise ValueError(f"titles must be a list of {len(pictures)} strings, one per image")
    if not isinstance(size, int | float) or isinstance(size, bool) or size <= 0:
        raise ValueError(f"size must be a positive number (inches per panel), got {size!r}")
    n = len(pictures)
    fig, axes = plt.subplots(
        2, n, squeeze=False, figsize=(size * n + 1.2, 2 * size + 0.5), layout="constrained"
    )
    limit = float(np.abs(maps).max()) or 1.0
    for i in range(n):
        axes[0, i].imshow(pictures[i], cmap="gray")
        axes[0, i].set_title(titles[i], fontsize=11)
        shown = axes[1, i].imshow(maps[i], cmap="RdBu_r", vmin=-limit, vmax=limit)
        if pictures[i].max() > pictures[i].min():  # the digit's outline over its map
            middle = (pictures[i].max() + pictures[i].min()) / 2
            axes[1, i].contour(pictures[i], levels=[middle], colors="0.2", linewidths=1)
    for ax in axes.flat:
        ax.axis("off")
    fig.colorbar(shown, ax=axes[1, :], shrink=0.9, label=label)
    return axes
