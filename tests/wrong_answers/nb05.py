"""Notebook 05_opencv_thresholding: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import opencv


def crop(b, extra=1, axes=(1, 0)):
    rows = np.flatnonzero(b.any(axis=axes[0]))
    cols = np.flatnonzero(b.any(axis=axes[1]))
    return b[rows[0] : rows[-1] + extra, cols[0] : cols[-1] + extra]


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("05_opencv_thresholding", "threshold_binary"): [
        (">= instead of >", lambda i, t, v: np.where(i >= t, v, 0).astype(np.uint8)),
        ("booleans", lambda i, t, v: i > t),
        ("ignores max_value", lambda i, t, v: np.where(i > t, 255, 0).astype(np.uint8)),
        ("the inverse", lambda i, t, v: np.where(i > t, 0, v).astype(np.uint8)),
        ("int64, not uint8", lambda i, t, v: np.where(i > t, v, 0)),
        ("keeps dark pixels", lambda i, t, v: np.where(i > t, v, i).astype(np.uint8)),
    ],
    ("05_opencv_thresholding", "bgr_to_gray"): [
        (
            "RGB order",
            lambda i: np.rint(0.299 * i[..., 0] + 0.587 * i[..., 1] + 0.114 * i[..., 2]).astype(
                np.uint8
            ),
        ),
        ("plain average", lambda i: i.mean(axis=2).round().astype(np.uint8)),
        ("float result", lambda i: 0.114 * i[..., 0] + 0.587 * i[..., 1] + 0.299 * i[..., 2]),
        (
            "extra axis",
            lambda i: np.rint(0.114 * i[..., 0] + 0.587 * i[..., 1] + 0.299 * i[..., 2]).astype(
                np.uint8
            )[..., None],
        ),
        ("green only", lambda i: i[..., 1]),
    ],
    ("05_opencv_thresholding", "crop_to_ink"): [
        ("off by one", lambda b: crop(b, extra=0)),
        ("rows and columns swapped", lambda b: crop(b, axes=(0, 1))),
        ("no crop", lambda b: b),
        ("the ink pixels only", lambda b: b[np.nonzero(b)]),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("05_opencv_thresholding", "threshold_binary"): opencv.check_threshold_binary,
    ("05_opencv_thresholding", "bgr_to_gray"): opencv.check_bgr_to_gray,
    ("05_opencv_thresholding", "crop_to_ink"): opencv.check_crop_to_ink,
}
