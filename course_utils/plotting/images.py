"""Grids of images (digits, photos, reconstructions).

>>> import numpy as np
>>> axes = show_images(np.zeros((4, 28, 28)), labels=[0, 1, 2, 3])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np


def as_nonempty_array(name: str, value: Any, *, numeric: bool = False) -> np.ndarray:
    """``np.asarray(value)``, or a clear error naming the argument if it is not an array or empty.

    With ``numeric=True`` the result is a float array, and text or objects are refused with a
    ``TypeError`` that names the argument.

    >>> as_nonempty_array("x", [1, 2]).shape
    (2,)
    >>> as_nonempty_array("x", ["a"], numeric=True)
    Traceback (most recent call last):
    ...
    TypeError: x must hold numbers, got an array of <U1
    """
    try:
        array = np.asarray(value)
    except Exception as err:
        raise TypeError(f"{name} must be array-like, got {type(value).__name__}") from err
    if array.size == 0:
        raise ValueError(f"{name} is empty; pass at least one item")
    if numeric:
        if not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
            raise TypeError(f"{name} must hold numbers, got an array of {array.dtype}")
        array = array.astype(float)
    return array


def show_images(
    images: Any,
    labels: Sequence[Any] | None = None,
    *,
    ncols: int = 8,
    cmap: str = "gray",
    title: str | None = None,
    size: float = 1.3,
) -> np.ndarray:
    """Show a grid of images, optionally with a label above each.

    ``images`` is an array of shape ``(n, h, w)``, ``(n, h, w, 1)`` or ``(n, h, w, 3)`` (RGB).
    Returns the array of ``Axes``.

    >>> axes = show_images(np.random.rand(3, 8, 8), labels=["a", "b", "c"], ncols=3)
    >>> axes.shape
    (1, 3)
    """
    array = as_nonempty_array("images", images)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim not in (3, 4) or (array.ndim == 4 and array.shape[-1] != 3):
        raise ValueError(
            f"images must have shape (n, h, w), (n, h, w, 1) or (n, h, w, 3); got {array.shape}"
        )
    n = len(array)
    if labels is not None and len(labels) != n:
        raise ValueError(f"labels has {len(labels)} entries but there are {n} images")
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a positive int, got {ncols!r}")
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(size * ncols, size * nrows + (0.4 if title else 0)), squeeze=False
    )
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(array[i], cmap=None if array.ndim == 4 else cmap)
            if labels is not None:
                ax.set_title(str(labels[i]), fontsize=10)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return axes
