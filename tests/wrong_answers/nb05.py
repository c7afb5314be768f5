"""Notebook 05_opencv_thresholding: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from course_utils.exercises import opencv

NB = "05_opencv_thresholding"


def crop(b, extra=1, axes=(1, 0)):
    rows = np.flatnonzero(b.any(axis=axes[0]))
    cols = np.flatnonzero(b.any(axis=axes[1]))
    return b[rows[0] : rows[-1] + extra, cols[0] : cols[-1] + extra]


def mean_threshold(image, block, c, *, border=cv2.BORDER_REPLICATE, float_mean=False, op=">"):
    """A hand-made mean-adaptive threshold with one detail changed."""
    source = image.astype(np.float32) if float_mean else image
    mean = cv2.blur(source, (block, block), borderType=border)
    local = mean.astype(float) - c
    white = image > local if op == ">" else image >= local
    return np.where(white, 255, 0).astype(np.uint8)


def gaussian_mean_threshold(image, block, c):
    mean = cv2.GaussianBlur(image, (block, block), 0, borderType=cv2.BORDER_REPLICATE)
    return np.where(image.astype(int) > mean.astype(int) - c, 255, 0).astype(np.uint8)


def uint8_local_threshold(image, block, c):
    mean = cv2.blur(image, (block, block), borderType=cv2.BORDER_REPLICATE)
    return np.where(image > mean - np.uint8(c % 256), 255, 0).astype(np.uint8)


def iou(mask, truth):
    mask = mask > 0
    return (mask & truth).sum() / (mask | truth).sum()


def tuner(*, kind=cv2.THRESH_BINARY_INV, keep=max, fixed_c=None, swap=False, score=False):
    """A grid search over (block size, C) with one thing done wrong."""

    def search(page, truth, block_sizes, offsets):
        results = {}
        for b in block_sizes:
            for c in [fixed_c] if fixed_c is not None else offsets:
                ink = cv2.adaptiveThreshold(page, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, kind, b, c)
                results[b, c] = iou(ink, truth)
        pair = keep(results, key=results.get)
        if score:
            return results[pair]
        return (pair[1], pair[0]) if swap else pair

    return search


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    (NB, "tozero_inv_prediction"): [
        ("to zero, not its inverse", [[130, 0, 0, 255], [0, 101, 200, 0]]),
        ("the pixel equal to the threshold set to 0", [[0, 0, 7, 0], [99, 0, 0, 64]]),
        ("maxval written as in a binary threshold", [[0, 200, 200, 0], [200, 0, 0, 200]]),
        ("truncation", [[100, 100, 7, 100], [99, 100, 100, 64]]),
        ("bright pixels set to maxval", [[200, 100, 7, 200], [99, 200, 200, 64]]),
        ("one row only", [0, 100, 7, 0]),
        ("a string", "0 100 7 0"),
    ],
    (NB, "adaptive_mean_threshold"): [
        ("cv2.blur's default border", lambda i, b, c: mean_threshold(i, b, c, border=4)),
        ("uint8 wrap-around", uint8_local_threshold),
        (">= instead of >", lambda i, b, c: mean_threshold(i, b, c, op=">=")),
        ("C added", lambda i, b, c: mean_threshold(i, b, -c)),
        ("C forgotten", lambda i, b, c: mean_threshold(i, b, 0)),
        ("float means", lambda i, b, c: mean_threshold(i, b, c, float_mean=True)),
        ("booleans", lambda i, b, c: mean_threshold(i, b, c) > 0),
        ("int64 result", lambda i, b, c: mean_threshold(i, b, c).astype(np.int64)),
        ("Gaussian blur", gaussian_mean_threshold),
        (
            "OpenCV's Gaussian method",
            lambda i, b, c: cv2.adaptiveThreshold(
                i, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, b, c
            ),
        ),
    ],
    (NB, "best_adaptive_settings"): [
        ("keeps the worst pair", tuner(keep=min)),
        ("pair in the wrong order", tuner(swap=True)),
        ("returns the score, not the pair", tuner(score=True)),
        ("C left at the lesson's 15", tuner(fixed_c=15)),
        ("the lesson's settings", lambda page, truth, blocks, offsets: (25, 15)),
        ("ink taken as the bright pixels", tuner(kind=cv2.THRESH_BINARY)),
        (
            "the first pair of the grid",
            lambda page, truth, blocks, offsets: (blocks[0], offsets[0]),
        ),
    ],
    (NB, "crop_to_ink"): [
        ("off by one", lambda b: crop(b, extra=0)),
        ("rows and columns swapped", lambda b: crop(b, axes=(0, 1))),
        ("no crop", lambda b: b),
        ("the ink pixels only", lambda b: b[np.nonzero(b)]),
    ],
    (NB, "opened_pixels"): [
        ("the whole mask", 22),
        ("the erosion alone", 2),
        ("kept the 2-pixel bar", 18),
        ("kept the hair", 15),
        ("removed only the speck", 21),
        ("a closing", 40),
        ("kept the lone speck", 13),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    (NB, "tozero_inv_prediction"): opencv.check_tozero_inv_prediction,
    (NB, "adaptive_mean_threshold"): opencv.check_adaptive_mean_threshold,
    (NB, "best_adaptive_settings"): opencv.check_best_adaptive_settings,
    (NB, "crop_to_ink"): opencv.check_crop_to_ink,
    (NB, "opened_pixels"): opencv.check_opened_pixels,
}
