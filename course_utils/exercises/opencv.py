"""Self-checks for notebook 05 (images and thresholding with OpenCV): cases and diagnoses.

>>> import cv2, numpy as np
>>> _ = check_threshold_binary(lambda img, t, v: cv2.threshold(img, t, v, cv2.THRESH_BINARY)[1])
✅ threshold_binary passed all 5 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    check_function,
)

CATALOGUE = Catalogue(
    "05_opencv_thresholding",
    [
        Exercise(
            "threshold_binary",
            hint="only pixels strictly above thresh become max_value, all others 0, and the "
            "result is an 8-bit image (uint8) of the input's shape.",
            nudge="Build a True/False mask of the pixels that are strictly brighter than "
            "thresh. Where it is True the result holds max_value (the argument, not a "
            "fixed number), elsewhere 0. Finally make the array uint8, like every "
            "8-bit image.",
        ),
        Exercise(
            "bgr_to_gray",
            hint="OpenCV keeps the channels in the order blue, green, red; weight each one "
            "with its own factor, round to the nearest grey level and return uint8.",
            nudge="Take the three channels apart by their index on the last axis and ask which "
            "index holds red, which green and which blue. Weight each, add the three, "
            "round to the nearest integer (not down) and convert to uint8. The result "
            "has two axes, (H, W).",
        ),
        Exercise(
            "crop_to_ink",
            hint="find the first and last rows that hold ink, and the first and last columns, "
            "and keep the rectangle between them, both ends included.",
            nudge="Ask, for every row, whether it holds any ink at all, and the same for "
            "every column. The first and last True of each give the rectangle's edges. "
            "A Python slice leaves out its end, so the last row and column must still be "
            "inside it.",
        ),
    ],
)
hint = CATALOGUE.hint


def _uint8_array_equal(got: Any, expected: np.ndarray, tolerance: int = 0) -> bool:
    """An image answer matches: a uint8 array of the right shape, values within ``tolerance``."""
    if not isinstance(got, np.ndarray) or got.dtype != np.uint8 or got.shape != expected.shape:
        return False
    return int(np.abs(got.astype(int) - expected.astype(int)).max(initial=0)) <= tolerance


def _same_values(got: Any, expected: np.ndarray, tolerance: int = 0) -> bool:
    """The same pixel values, whatever the dtype (for diagnosing mistakes)."""
    got = np.asarray(got)
    return got.shape == expected.shape and bool(
        np.abs(got.astype(float) - expected.astype(float)).max(initial=0) <= tolerance
    )


def _images(seed: int = 5) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [
        np.array([[0, 126, 127, 128, 255]], np.uint8),
        rng.integers(0, 256, (6, 7), dtype=np.uint8),
        np.full((3, 3), 200, np.uint8),
    ]


def check_threshold_binary(
    threshold_binary: Callable[[Any, Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``threshold_binary(image, thresh, max_value)`` must equal ``cv2.THRESH_BINARY``'s result,
    as a ``uint8`` array of the image's shape."""
    img = _images()
    settings = [
        (img[0], 127, 255, "a pixel equal to thresh"),
        (img[1], 127, 255, "a random 6 x 7 image"),
        (img[1], 60, 1, "max_value 1 (a 0/1 mask)"),
        (img[2], 199, 90, "every pixel above thresh"),
        (img[2], 200, 255, "every pixel equal to thresh"),
    ]
    cases = [
        Case((image, t, v), cv2.threshold(image, t, v, cv2.THRESH_BINARY)[1], label=label)
        for image, t, v, label in settings
    ]
    mistakes = [
        Mistake(
            "return max_value and 0, not True and False: the result is an image.",
            when=lambda got, exp: np.asarray(got).dtype == bool,
        ),
        Mistake(
            "the values are right, but an image's pixels are uint8 (0 to 255); this array "
            "has another type.",
            when=lambda got, exp: np.asarray(got).dtype != np.uint8 and _same_values(got, exp),
        ),
        Mistake(
            "a pixel equal to thresh becomes 0: only pixels strictly above it are set.",
            like=lambda i, t, v: np.where(i >= t, v, 0),
        ),
        Mistake(
            "use the max_value argument rather than a fixed 255.",
            like=lambda i, t, v: np.where(i > t, 255, 0),
        ),
        Mistake(
            "that is the inverse threshold: pixels above thresh get max_value, the others 0.",
            like=lambda i, t, v: np.where(i > t, 0, v),
        ),
        Mistake(
            "pixels not above thresh become 0; here they keep their value.",
            like=lambda i, t, v: np.where(i > t, v, i),
        ),
    ]
    return check_function(
        threshold_binary,
        cases,
        exercise=CATALOGUE["threshold_binary"],
        compare=_uint8_array_equal,
        mistakes=mistakes,
        quiet=quiet,
    )


def check_bgr_to_gray(bgr_to_gray: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    """``bgr_to_gray(image)`` must match ``cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)`` within 1:
    a ``uint8`` array of shape ``(H, W)``."""
    rng = np.random.default_rng(7)
    pure = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]], np.uint8)
    images = [
        (pure, "pure blue, green, red and white pixels (B, G, R order)"),
        (rng.integers(0, 256, (5, 6, 3), dtype=np.uint8), "a random 5 x 6 colour image"),
        (np.full((2, 2, 3), 3, np.uint8), "a dark grey image"),
    ]
    cases = [
        Case((image,), cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), label=label)
        for image, label in images
    ]
    mistakes = [
        Mistake(
            "the values are right, but an image's pixels are uint8 (0 to 255); this array "
            "has another type.",
            when=lambda got, exp: (
                np.asarray(got).dtype != np.uint8 and _same_values(got, exp, tolerance=1)
            ),
        ),
        Mistake(
            "OpenCV stores the channels as blue, green, red: channel 0 is blue, not red.",
            like=lambda i: np.rint(0.299 * i[..., 0] + 0.587 * i[..., 1] + 0.114 * i[..., 2]),
        ),
        Mistake(
            "the eye is most sensitive to green and least to blue: weight the channels, "
            "do not take their plain mean.",
            like=lambda i: i.mean(axis=2).round(),
        ),
    ]
    return check_function(
        bgr_to_gray,
        cases,
        exercise=CATALOGUE["bgr_to_gray"],
        compare=lambda got, exp: _uint8_array_equal(got, exp, tolerance=1),
        mistakes=mistakes,
        quiet=quiet,
    )


def _crop_reference(binary: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(binary.any(axis=1))
    cols = np.flatnonzero(binary.any(axis=0))
    return binary[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


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
    cases = [
        Case((x,), _crop_reference(x), label=label)
        for x, label in [
            (a, "a 2 x 3 block in the middle"),
            (b, "two separate dots: the box must hold both"),
            (c, "ink in opposite corners: nothing to crop"),
            (d, "a line on the bottom row"),
        ]
    ]

    def ink_edges(binary: np.ndarray) -> tuple[int, int, int, int]:
        rows, cols = np.flatnonzero(binary.any(axis=1)), np.flatnonzero(binary.any(axis=0))
        return rows[0], rows[-1], cols[0], cols[-1]

    def ends_left_out(binary: np.ndarray) -> np.ndarray:
        top, bottom, left, right = ink_edges(binary)
        return binary[top:bottom, left:right]

    mistakes = [
        Mistake(
            "a slice leaves out its end: the last row and column with ink are missing.",
            like=ends_left_out,
        ),
        Mistake(
            "nothing was cropped: keep only the rows and columns between the first and last ink.",
            like=lambda binary: binary,
        ),
        Mistake(
            "return a 2-D rectangle of the image, not a list of the ink pixels.",
            when=lambda got, exp: np.ndim(got) == 1,
        ),
        Mistake(
            "rows and columns are mixed up: the rows with ink decide the top and bottom "
            "edges, the columns with ink the left and right ones.",
            when=lambda got, exp: np.ndim(got) == 2 and np.shape(got) != np.shape(exp),
        ),
    ]
    return check_function(
        crop_to_ink,
        cases,
        exercise=CATALOGUE["crop_to_ink"],
        compare=lambda got, exp: _uint8_array_equal(got, exp),
        mistakes=mistakes,
        quiet=quiet,
    )
