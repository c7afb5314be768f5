"""Pictures for convolutional networks: small matrices, one window giving one cell of a feature
map, filters, feature maps, predictions.

>>> import numpy as np
>>> axes = plot_filters(np.random.rand(5, 5, 1, 6))
>>> axes.shape
(1, 6)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from course_utils.plotting.images import as_nonempty_array

#: Title colours of a prediction grid: right and wrong.
RIGHT_COLOR, WRONG_COLOR = "#1a7f37", "#cf222e"
#: The outline of the window and of the cell it gives, in :func:`plot_window`.
WINDOW_COLOR = "#f08c00"


def check_grid_args(ncols: Any, size: Any) -> None:
    """A ValueError naming the argument unless ``ncols`` is a positive int and ``size`` a
    positive number (shared by the grids of this module and of :mod:`heatmaps`)."""
    if not isinstance(ncols, int) or isinstance(ncols, bool) or ncols < 1:
        raise ValueError(f"ncols must be a positive int, got {ncols!r}")
    if not isinstance(size, int | float) or size <= 0:
        raise ValueError(f"size must be a positive number (inches per panel), got {size!r}")


def _grid(
    n: int, ncols: int, size: float, title: str | None, label_lines: int = 1
) -> tuple[plt.Figure, np.ndarray]:
    """A figure of ``n`` panels with room for ``label_lines`` lines of title above each."""
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    height = (size + 0.2 * label_lines) * nrows + (0.45 if title else 0)
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, figsize=(size * ncols, height))
    for ax in axes.flat:
        ax.axis("off")
    if title:
        fig.suptitle(title)
    return fig, axes


def show_matrix(
    values: Any,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    fmt: str = "g",
    cmap: str = "gray",
) -> Axes:
    """Draw a small 2-D array as coloured squares with each number written in its square.

    Meant for the worked examples of convolution (a 6 × 6 image, a 3 × 3 kernel, the map
    they give). ``fmt`` formats each number (``"g"``, ``".1f"``, …).

    >>> ax = show_matrix(np.array([[10, 0], [10, 0]]), title="image")
    >>> [t.get_text() for t in ax.texts]
    ['10', '0', '10', '0']
    """
    array = as_nonempty_array("values", values)
    if array.ndim != 2:
        raise ValueError(f"values must be a 2-D array (rows × columns), got shape {array.shape}")
    if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(f"values must hold real numbers, got dtype {array.dtype}")
    array = array.astype(float)
    ax = ax or plt.subplots(figsize=(0.45 * array.shape[1] + 0.6, 0.45 * array.shape[0] + 0.6))[1]
    low, high = array.min(), array.max()
    ax.imshow(array, cmap=cmap, vmin=low, vmax=high if high > low else low + 1)
    middle = (low + high) / 2
    for (i, j), v in np.ndenumerate(array):
        dark_square = (v <= middle) if cmap == "gray" else False
        ax.text(
            j,
            i,
            format(v, fmt),
            ha="center",
            va="center",
            fontsize=9,
            color="white" if dark_square else "black",
        )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():  # a thin frame on all four sides
        spine.set(visible=True, linewidth=0.8, color="0.5")
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def _outline(ax: Axes, row: int, col: int, height: int, width: int) -> None:
    """Outline a block of squares of a :func:`show_matrix` picture (top-left square row, col)."""
    ax.add_patch(
        Rectangle(
            (col - 0.5, row - 0.5),
            width,
            height,
            fill=False,
            edgecolor=WINDOW_COLOR,
            linewidth=3.5,
            clip_on=False,
        )
    )


def _index(name: str, value: Any, size: int) -> int:
    if not isinstance(value, int | np.integer) or isinstance(value, bool) or not 0 <= value < size:
        raise ValueError(f"{name} must be an int in 0..{size - 1}, got {value!r}")
    return int(value)


def plot_window(
    image: Any,
    kernel: Any,
    feature_map: Any,
    row: int,
    col: int,
    *,
    axes: Sequence[Axes] | np.ndarray | None = None,
    fmt: str = "g",
) -> np.ndarray:
    """Show how one window of ``image`` gives one cell of its feature map ("valid", stride 1).

    Four panels: the image with the window whose top-left corner is at (``row``, ``col``)
    outlined; the kernel; the products window × kernel, with their sum in the title; the
    feature map with cell (``row``, ``col``) outlined in the same colour. ``feature_map`` is the
    map the notebook computed, of shape (h − f_h + 1, w − f_w + 1). ``axes`` (four ``Axes``,
    e.g. one row of a grid) draws into an existing figure. Returns the four ``Axes``.

    >>> image = np.array([[10, 10, 0, 0]] * 3)
    >>> kernel = np.array([[1, 0, -1]] * 3)
    >>> axes = plot_window(image, kernel, np.array([[30, 30]]), 0, 1)
    >>> axes[2].get_title()
    'window × kernel\\nsum = 30'
    """
    picture = as_nonempty_array("image", image, numeric=True)
    weights = as_nonempty_array("kernel", kernel, numeric=True)
    result = as_nonempty_array("feature_map", feature_map, numeric=True)
    if picture.ndim != 2:
        raise ValueError(f"image must be a 2-D array (rows × columns), got shape {picture.shape}")
    if (
        weights.ndim != 2
        or weights.shape[0] > picture.shape[0]
        or weights.shape[1] > picture.shape[1]
    ):
        raise ValueError(
            f"kernel must be a 2-D array no larger than the image {picture.shape}, got shape "
            f"{weights.shape}"
        )
    f_h, f_w = weights.shape
    map_shape = (picture.shape[0] - f_h + 1, picture.shape[1] - f_w + 1)
    if result.shape != map_shape:
        raise ValueError(
            f"feature_map must have the shape of the 'valid' map of this image and kernel, "
            f"{map_shape}, got {result.shape}"
        )
    row = _index("row", row, map_shape[0])
    col = _index("col", col, map_shape[1])
    if axes is None:
        _, axes = plt.subplots(
            1,
            4,
            figsize=(
                0.5 * (picture.shape[1] + 2 * f_w + map_shape[1]) + 2,
                0.5 * picture.shape[0] + 1,
            ),
            width_ratios=[picture.shape[1], f_w, f_w, map_shape[1]],
        )
    axes = np.asarray(axes, dtype=object).ravel()
    if len(axes) != 4 or not all(isinstance(ax, Axes) for ax in axes):
        raise ValueError(f"axes must be four matplotlib Axes, got {len(axes)} item(s)")
    products = picture[row : row + f_h, col : col + f_w] * weights + 0.0  # no "-0"
    total = products.sum() + 0.0
    show_matrix(picture, ax=axes[0], fmt=fmt, title=f"image: window at ({row}, {col})")
    _outline(axes[0], row, col, f_h, f_w)
    show_matrix(weights, ax=axes[1], fmt=fmt, title="kernel")
    show_matrix(products, ax=axes[2], fmt=fmt, title=f"window × kernel\nsum = {total:{fmt}}")
    show_matrix(result, ax=axes[3], fmt=fmt, title=f"feature map: cell ({row}, {col})")
    _outline(axes[3], row, col, 1, 1)
    return axes


def plot_filters(
    kernels: Any,
    *,
    channel: int = 0,
    ncols: int = 8,
    title: str | None = None,
    size: float = 1.1,
) -> np.ndarray:
    """Show the filters of a convolution layer, one small picture each.

    ``kernels`` is a layer's weight array in Keras' layout ``(f_h, f_w, in_channels, filters)``
    (``layer.get_weights()[0]``), or a stack ``(filters, f_h, f_w)``. With several input
    channels, ``channel`` picks the one to draw. Colours are symmetric around 0: red for
    positive weights, blue for negative, white for 0. Returns the array of ``Axes``.

    >>> axes = plot_filters(np.random.rand(3, 3, 2, 4), channel=1, ncols=2)
    >>> axes.shape
    (2, 2)
    """
    array = as_nonempty_array("kernels", kernels, numeric=True)
    check_grid_args(ncols, size)
    if array.ndim == 4:
        if not isinstance(channel, int) or not 0 <= channel < array.shape[2]:
            raise ValueError(
                f"channel must be an int in 0..{array.shape[2] - 1} (the kernels "
                f"have {array.shape[2]} input channels), got {channel!r}"
            )
        stack = np.moveaxis(array[:, :, channel, :], -1, 0)
    elif array.ndim == 3:
        stack = array
    else:
        raise ValueError(
            "kernels must have shape (f_h, f_w, in_channels, filters) as in "
            f"layer.get_weights()[0], or (filters, f_h, f_w); got {array.shape}"
        )
    fig, axes = _grid(len(stack), ncols, size, title)
    for i, (ax, kernel) in enumerate(zip(axes.flat, stack)):
        limit = float(np.abs(kernel).max()) or 1.0
        ax.imshow(kernel, cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(f"filter {i}", fontsize=9)
    fig.tight_layout()
    return axes


def plot_predictions(
    images: Any,
    y_pred: Sequence[int] | np.ndarray,
    y_true: Sequence[int] | np.ndarray | None = None,
    *,
    ncols: int = 8,
    title: str | None = None,
    size: float = 1.3,
) -> np.ndarray:
    """Show images with the predicted label above each; with ``y_true``, right in green and
    wrong in red.

    ``images`` has shape ``(n, h, w)`` or ``(n, h, w, 1)``; ``y_pred`` (and ``y_true``) hold
    ``n`` integer labels (use ``probabilities.argmax(axis=1)`` first). A wrong prediction also
    shows the true label. Returns the array of ``Axes``.

    >>> axes = plot_predictions(np.zeros((3, 28, 28)), [1, 2, 3], [1, 2, 5], ncols=3)
    >>> axes[0, 2].get_title()
    'pred 3\\ntrue 5'
    """
    array = as_nonempty_array("images", images)
    check_grid_args(ncols, size)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim != 3:
        raise ValueError(f"images must have shape (n, h, w) or (n, h, w, 1); got {array.shape}")
    pred = np.asarray(y_pred)
    if pred.ndim != 1 or len(pred) != len(array):
        raise ValueError(
            f"y_pred must hold one label per image ({len(array)}), got shape "
            f"{pred.shape} (for probabilities use .argmax(axis=1) first)"
        )
    true = None if y_true is None else np.asarray(y_true)
    if true is not None and true.shape != pred.shape:
        raise ValueError(
            f"y_true must hold one label per image ({len(array)}), got shape {true.shape}"
        )
    two_lines = true is not None and bool(np.any(pred != true))
    fig, axes = _grid(len(array), ncols, size, title, label_lines=2 if two_lines else 1)
    for i, ax in enumerate(axes.flat[: len(array)]):
        ax.imshow(array[i], cmap="gray")
        if true is None:
            ax.set_title(f"pred {pred[i]}", fontsize=10)
        elif pred[i] == true[i]:
            ax.set_title(f"pred {pred[i]}", fontsize=10, color=RIGHT_COLOR)
        else:
            ax.set_title(
                f"pred {pred[i]}\ntrue {true[i]}", fontsize=10, color=WRONG_COLOR, fontweight="bold"
            )
    fig.tight_layout()
    return axes
