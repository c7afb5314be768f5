"""Self-checks for notebook 05 (images and thresholding with OpenCV).

>>> import cv2, numpy as np
>>> _ = check_threshold_binary(lambda img, t, v: cv2.threshold(img, t, v, cv2.THRESH_BINARY)[1])
✅ threshold_binary passed all 5 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from course_utils.checking import Case, CheckResult, check_function


def _uint8_array_equal(got: Any, expected: np.ndarray, tolerance: int = 0) -> bool:
    """An image answer matches: a uint8 NumPy array of the right shape, values within ``tolerance``."""
    if not isinstance(got, np.ndarray) or got.dtype != np.uint8 or got.shape != expected.shape:
        return False
    return int(np.abs(got.astype(int) - expected.astype(int)).max(initial=0)) <= tolerance


def _images(seed: int = 5) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [
        np.array([[0, 126, 127, 128, 255]], np.uint8),
        rng.integers(0, 256, (6, 7), dtype=np.uint8),
        np.full((3, 3), 200, np.uint8),
    ]


def check_threshold_binary(threshold_binary: Callable[[Any, Any, Any], Any], *,
                           quiet: bool = False) -> CheckResult:
    """``threshold_binary(image, thresh, max_value)`` must equal ``cv2.THRESH_BINARY``'s result.

    That is ``max_value`` where ``image > thresh`` and 0 elsewhere, as a ``uint8`` array of
    the image's shape.
    """
    img = _images()
    settings = [(img[0], 127, 255, "the pixel equal to thresh becomes 0"),
                (img[1], 127, 255, "a random 6 x 7 image"),
                (img[1], 60, 1, "max_value 1 (a 0/1 mask)"),
                (img[2], 199, 90, "every pixel above thresh"),
                (img[2], 200, 255, "every pixel equal to thresh")]
    cases = [Case((image, t, v), cv2.threshold(image, t, v, cv2.THRESH_BINARY)[1], label=label)
             for image, t, v, label in settings]
    return check_function(threshold_binary, cases, name="threshold_binary", quiet=quiet,
                          compare=_uint8_array_equal,
                          hint="Use a strict comparison (image > thresh), put max_value (not 1 "
                               "or True) where it holds and 0 elsewhere, and return a uint8 "
                               "array: np.where(image > thresh, max_value, 0).astype(np.uint8).")


def check_bgr_to_gray(bgr_to_gray: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    """``bgr_to_gray(image)`` must match ``cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)`` within 1.

    Grey = 0.299 R + 0.587 G + 0.114 B, remembering that OpenCV stores channels as B, G, R;
    the answer is a ``uint8`` array of shape ``(H, W)``, rounded to the nearest grey level.
    """
    rng = np.random.default_rng(7)
    pure = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]], np.uint8)
    images = [(pure, "pure blue, green, red and white pixels (B, G, R order)"),
              (rng.integers(0, 256, (5, 6, 3), dtype=np.uint8), "a random 5 x 6 colour image"),
              (np.full((2, 2, 3), 3, np.uint8), "a dark grey image (rounding, not truncating)")]
    cases = [Case((image,), cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), label=label)
             for image, label in images]
    return check_function(bgr_to_gray, cases, name="bgr_to_gray", quiet=quiet,
                          compare=lambda got, exp: _uint8_array_equal(got, exp, tolerance=1),
                          hint="Channel 0 is blue, 1 green, 2 red: weight them 0.114, 0.587 and "
                               "0.299, round with np.rint and return .astype(np.uint8) of shape "
                               "(H, W).")


def _crop_reference(binary: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(binary.any(axis=1))
    cols = np.flatnonzero(binary.any(axis=0))
    return binary[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


def check_crop_to_ink(crop_to_ink: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    """``crop_to_ink(binary)`` must return the smallest rectangle holding every non-zero pixel."""
    a = np.zeros((6, 8), np.uint8)
    a[2:4, 3:6] = 255
    b = np.zeros((7, 5), np.uint8)
    b[1, 0] = 255
    b[5, 3] = 255
    c = np.zeros((4, 4), np.uint8)
    c[0, 0] = c[3, 3] = 1
    d = np.zeros((5, 9), np.uint8)
    d[4, 2:8] = 255
    cases = [Case((x,), _crop_reference(x), label=label) for x, label in [
        (a, "a 2 x 3 block in the middle"),
        (b, "two separate dots: the box must hold both"),
        (c, "ink in opposite corners: nothing to crop"),
        (d, "a line on the bottom row"),
    ]]
    return check_function(crop_to_ink, cases, name="crop_to_ink", quiet=quiet,
                          compare=lambda got, exp: _uint8_array_equal(got, exp),
                          hint="Find the first and last rows and columns that hold ink "
                               "(np.flatnonzero(binary.any(axis=1)) for rows, axis=0 for "
                               "columns) and slice with the last index + 1.")
