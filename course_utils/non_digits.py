"""Small pictures that are not digits (noise, capital letters, rectangles), MNIST-style.

Notebook 10 scores them with an autoencoder trained on digits: they are the anomalies it should
flag. They are drawn in code with OpenCV, so nothing is downloaded.

>>> import numpy as np
>>> images, kinds = make_non_digits(6, np.random.default_rng(0))
>>> images.shape, images.dtype, kinds[:3].tolist()
((6, 784), dtype('uint8'), ['noise', 'letter', 'shape'])
"""

from __future__ import annotations

import cv2
import numpy as np

#: The letters drawn: capitals that do not look like a digit.
LETTERS = "AEFHKMNPRWXY"
#: The three kinds of picture, in the order they repeat.
KINDS = ("noise", "letter", "shape")


def _draw(kind: str, rng: np.random.Generator) -> np.ndarray:
    """One 28×28 uint8 picture of the given kind."""
    img = np.zeros((28, 28), np.uint8)
    if kind == "noise":  # random pixels, at a random overall brightness
        return (rng.random((28, 28)) * 255 * rng.uniform(0.3, 1.0)).astype(np.uint8)
    if kind == "letter":  # a capital letter, about as large and thick as a digit
        letter = str(rng.choice(list(LETTERS)))
        corner = (int(rng.integers(4, 9)), int(rng.integers(20, 25)))
        scale = rng.uniform(0.7, 0.9)
        cv2.putText(img, letter, corner, cv2.FONT_HERSHEY_SIMPLEX, scale, 255, 2, cv2.LINE_AA)
        return img
    # a rectangle somewhere in the frame: outlined (1 or 2 pixels) or filled (-1)
    x0, y0 = (int(v) for v in rng.integers(2, 12, size=2))
    x1, y1 = x0 + int(rng.integers(6, 15)), y0 + int(rng.integers(6, 15))
    cv2.rectangle(img, (x0, y0), (x1, y1), 255, int(rng.choice([1, 2, -1])))
    return img


def make_non_digits(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` pictures that are not digits, one row of 784 uint8 pixels (0-255) each, like
    MNIST's rows, and the kind of each (``"noise"``, ``"letter"`` or ``"shape"``, in turn).

    ``rng`` (a NumPy ``Generator``) makes the pictures: the same seed gives the same pictures.

    >>> images, kinds = make_non_digits(4, np.random.default_rng(1))
    >>> kinds.tolist(), int(images.max())
    (['noise', 'letter', 'shape', 'noise'], 255)
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be a positive whole number of pictures, got {n!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a NumPy random Generator such as np.random.default_rng(1), "
            f"got {type(rng).__name__}"
        )
    kinds = np.array(KINDS)[np.arange(n) % len(KINDS)]
    images = np.stack([_draw(str(kind), rng) for kind in kinds])
    return images.reshape(n, 784), kinds
