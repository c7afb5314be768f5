"""Rows of small images joined into one picture (originals above their reconstructions).

>>> import numpy as np
>>> image_mosaic(np.zeros((3, 6, 784))).shape  # 3 rows of 6 MNIST digits
(84, 168)
"""

from __future__ import annotations

from typing import Any

import numpy as np


def image_mosaic(rows: Any, image_shape: tuple[int, int] = (28, 28)) -> np.ndarray:
    """One 2-D picture in which row ``i`` shows the images of ``rows[i]`` side by side.

    ``rows`` has shape ``(n_rows, n_images, h * w)`` (images as rows of pixels, as in
    notebook 10) or ``(n_rows, n_images, h, w)``; ``image_shape`` is ``(h, w)``. Show the
    result with ``plt.imshow(mosaic, cmap="gray")``.

    >>> rows = np.arange(2 * 3 * 4).reshape(2, 3, 4)  # 2 rows of 3 images of 2×2 pixels
    >>> image_mosaic(rows, image_shape=(2, 2))
    array([[ 0,  1,  4,  5,  8,  9],
           [ 2,  3,  6,  7, 10, 11],
           [12, 13, 16, 17, 20, 21],
           [14, 15, 18, 19, 22, 23]])
    """
    if (
        not isinstance(image_shape, tuple | list)
        or len(image_shape) != 2
        or not all(isinstance(s, int | np.integer) and s > 0 for s in image_shape)
    ):
        raise ValueError(f"image_shape must be (height, width) in pixels, got {image_shape!r}")
    array = np.asarray(rows)
    if array.size == 0:
        raise ValueError("rows is empty; pass at least one row of images")
    h, w = (int(s) for s in image_shape)
    if array.ndim == 3 and array.shape[-1] == h * w:
        array = array.reshape(*array.shape[:2], h, w)
    if array.ndim != 4 or array.shape[2:] != (h, w):
        raise ValueError(
            f"rows must have shape (n_rows, n_images, {h * w}) or (n_rows, n_images, {h}, {w}), "
            f"got {array.shape}"
        )
    n_rows, n_images = array.shape[:2]
    # (row, image, y, x) -> (row, y, image, x): each picture row runs across all the images
    return array.transpose(0, 2, 1, 3).reshape(n_rows * h, n_images * w)
