"""Self-checks for notebook 05 (images and thresholding with OpenCV): cases and diagnoses.

Five exercises: predict a to-zero threshold on a small array (:func:`check_tozero_inv_prediction`),
build OpenCV's mean-adaptive threshold from a box blur (:func:`check_adaptive_mean_threshold`),
tune the adaptive threshold's block size and C on a page whose ink is known
(:func:`check_best_adaptive_settings`), crop a binary image to its ink
(:func:`check_crop_to_ink`), and predict what an opening leaves of a small mask
(:func:`check_opened_pixels`).

>>> import cv2, numpy as np
>>> _ = check_crop_to_ink(lambda b: b)  # doctest: +ELLIPSIS
❌ crop_to_ink: case 1 of 4 (a 2 x 3 block in the middle) failed
...
"""

from __future__ import annotations

import functools
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
    Problem,
    check_answer,
    check_built,
    check_function,
    check_value,
    learner_name,
)
from course_utils.images import render_text_page

CATALOGUE = Catalogue(
    "05_opencv_thresholding",
    [
        Exercise(
            "tozero_inv_prediction",
            hint="go through the pixels one at a time: is the pixel strictly above the "
            "threshold or not? Then ask what this type writes in each of the two cases; "
            "the maximum value plays a part only in some of the types.",
            nudge="Read the row of the lesson's table for the inverse to-zero type. A pixel "
            "strictly above the threshold goes one way, every other pixel (the one equal "
            "to the threshold included) the other way, and nothing in this type ever "
            "becomes the maximum value.",
        ),
        Exercise(
            "adaptive_mean_threshold",
            hint="each pixel is compared with the plain (box) mean of the block around it, "
            "minus C; it becomes 255 only when it is strictly above that local threshold. "
            "Keep the arithmetic out of uint8, where it wraps around, and give back a "
            "uint8 image of 0 and 255.",
            nudge="Three details decide whether every pixel agrees with OpenCV. The mean: "
            "blur the uint8 image itself, so each mean is rounded to a whole grey level as "
            "OpenCV does. The border: the adaptive threshold fills the neighbours that "
            "fall outside the image by repeating the outermost pixels, while a blur "
            "mirrors the image there unless you choose its border type. The comparison: "
            "strictly greater, computed in a signed type wide enough for negative values.",
        ),
        Exercise(
            "best_adaptive_settings",
            hint="try every block size together with every C (two nested loops), threshold "
            "the page with the lesson's adaptive method for each pair, score the result "
            "with the intersection over union against the true ink, and keep the pair "
            "with the highest score.",
            nudge="Keep two things while you loop: the best score so far and the pair that "
            "gave it. Dark ink on light paper must come out white (255), so the threshold "
            "type is the inverse one, as in the lesson. Return the pair in the order "
            "(block size, C), as whole numbers taken from the values you were given.",
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
        Exercise(
            "opened_pixels",
            hint="an opening is an erosion followed by a dilation with the same square: the "
            "erosion keeps only the pixels whose whole 3 × 3 neighbourhood is white, then "
            "the dilation grows what is left back by one pixel on every side.",
            nudge="Ask of every white part whether a whole 3 × 3 square fits inside it "
            "somewhere. A part where none fits disappears completely, however long it is; "
            "a part where squares fit comes back as the union of all the squares that "
            "fit, so thin bits sticking out of it are lost.",
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


# --------------------------------------------------------------------------- 1. to zero, inverse
#: Exercise 1's pixels, threshold and maximum value.
TOZERO_PIXELS = np.array([[130, 100, 7, 255], [99, 101, 200, 64]], np.uint8)
TOZERO_THRESH, TOZERO_MAXVAL = 100, 200


def _threshold(kind: int) -> np.ndarray:
    return cv2.threshold(TOZERO_PIXELS, TOZERO_THRESH, TOZERO_MAXVAL, kind)[1]


def _tozero_mistakes() -> list[tuple[np.ndarray, str]]:
    p, t, v = TOZERO_PIXELS.astype(int), TOZERO_THRESH, TOZERO_MAXVAL
    return [
        (
            _threshold(cv2.THRESH_TOZERO),
            "that keeps the pixels above the threshold and sets the others to 0: the type "
            "without _INV. The inverse type does the opposite.",
        ),
        (
            np.where(p >= t, 0, p),
            "the pixel equal to the threshold is not above it, so it is treated like the "
            "darker pixels.",
        ),
        (
            _threshold(cv2.THRESH_BINARY_INV),
            "a to-zero type never writes the maximum value: the pixels it keeps keep their "
            "own grey level.",
        ),
        (
            _threshold(cv2.THRESH_TRUNC),
            "that caps the bright pixels at the threshold (truncation); a to-zero type sets "
            "them to 0 instead.",
        ),
        (
            np.where(p > t, v, p),
            "pixels above the threshold become 0 in this type, not the maximum value.",
        ),
    ]


def _inspect_tozero(answer: Any) -> str:
    expected = _threshold(cv2.THRESH_TOZERO_INV)
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise Problem(
            f"give the prediction as numbers: 2 rows of 4 grey levels, like the pixels; you "
            f"gave a {type(answer).__name__}."
        ) from None
    if got.shape != expected.shape:
        raise Problem(
            f"the prediction has shape {got.shape}; it needs the pixels' shape "
            f"{expected.shape}: 2 rows of 4 numbers."
        )
    wrong = np.argwhere(got != expected)
    if not len(wrong):
        return "is right: you predicted every pixel."
    where = ", ".join(f"(row {r}, column {c})" for r, c in wrong)
    said = next((words for made, words in _tozero_mistakes() if np.array_equal(got, made)), "")
    if len(wrong) == expected.size:
        count = f"none of the {expected.size} pixels is right yet"
    elif len(wrong) == 1:
        count = f"1 of the {expected.size} pixels is not right yet, at {where}"
    else:
        count = f"{len(wrong)} of the {expected.size} pixels are not right yet, at {where}"
    raise Problem(f"{count}.", hint=said)


def check_tozero_inv_prediction(prediction: Any, *, quiet: bool = False) -> CheckResult:
    """``tozero_inv_prediction``: the learner's prediction of
    ``cv2.threshold(TOZERO_PIXELS, 100, 200, cv2.THRESH_TOZERO_INV)[1]``, as 2 rows of 4
    numbers; a wrong one is told which pixels are off, never their right values.

    >>> _ = check_tozero_inv_prediction([[0, 0, 0, 0], [0, 0, 0, 0]])  # doctest: +ELLIPSIS
    ❌ tozero_inv_prediction: 4 of the 8 pixels are not right yet, at (row 0, column 1), ...
    """
    return check_answer(
        prediction, _inspect_tozero, exercise=CATALOGUE["tozero_inv_prediction"], quiet=quiet
    )


# --------------------------------------------------------------------------- 2. mean-adaptive
def _mean_threshold(
    image: np.ndarray,
    block: int,
    c: int,
    *,
    border: int = cv2.BORDER_REPLICATE,
    how: str = "right",
) -> np.ndarray:
    """The reference (``how="right"``) and the plausible mistakes of the mean-adaptive
    threshold, each as a function of the same arguments."""
    if how == "float mean":
        mean = cv2.blur(image.astype(np.float32), (block, block), borderType=border)
    else:
        mean = cv2.blur(image, (block, block), borderType=border).astype(int)
    pixels = image.astype(int)
    if how == "uint8 arithmetic":
        local = (mean - c) % 256  # as a uint8 subtraction wraps around
    elif how == "plus c":
        local = mean + c
    elif how == "no c":
        local = mean
    else:
        local = mean - c
    if how == "greater or equal":
        white = pixels >= local
    elif how == "inverse":
        white = pixels <= local
    else:
        white = pixels > local
    return np.where(white, 255, 0).astype(np.uint8)


def _mean_threshold_cases() -> list[Case]:
    rng = np.random.default_rng(5)
    page, _ = render_text_page(seed=2)
    settings = [
        (rng.integers(0, 256, (5, 6), dtype=np.uint8), 3, 5, "a random 5 x 6 image"),
        (
            np.tile(np.arange(0, 250, 25, dtype=np.uint8), (8, 1)),
            5,
            0,
            "a ramp from dark to bright, C = 0",
        ),
        (rng.integers(0, 13, (6, 7), dtype=np.uint8), 3, 10, "a very dark image, C = 10"),
        (rng.integers(236, 256, (6, 7), dtype=np.uint8), 5, -10, "a very bright image, C = -10"),
        (page[20:60, 10:70].copy(), 11, 7, "a 40 x 60 piece of the lesson's page"),
    ]
    return [
        Case(
            (image, block, c),
            cv2.adaptiveThreshold(
                image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, c
            ),
            label=label,
        )
        for image, block, c, label in settings
    ]


def _nearly(got: Any, made: np.ndarray, share: float = 0.01) -> bool:
    """``got`` is the image ``made``, but for at most ``share`` of its pixels."""
    got = np.asarray(got)
    return got.shape == made.shape and bool(np.mean(got != made) <= share)


def check_adaptive_mean_threshold(
    adaptive_mean_threshold: Callable[[Any, Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``adaptive_mean_threshold(image, block_size, c)`` must equal
    ``cv2.adaptiveThreshold(image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY,
    block_size, c)`` pixel for pixel, as a ``uint8`` image of the input's shape."""
    cases = _mean_threshold_cases()
    # Mistakes seen on the failing case alone: a uint8 subtraction raises an error on the
    # cases where it would go below 0, so it cannot be re-made on every case.
    wrapped = {
        id(case.expected): _mean_threshold(*case.args, how="uint8 arithmetic") for case in cases
    }
    gaussian = {
        id(case.expected): cv2.adaptiveThreshold(
            case.args[0], 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, *case.args[1:]
        )
        for case in cases
    }
    mistakes = [
        Mistake(
            "return 255 and 0, not True and False: the result is an image.",
            when=lambda got, exp: np.asarray(got).dtype == bool,
        ),
        Mistake(
            "the values are right, but an image's pixels are uint8 (0 to 255); this array "
            "has another type.",
            when=lambda got, exp: np.asarray(got).dtype != np.uint8 and _same_values(got, exp),
        ),
        Mistake(
            "only the pixels at the image's border are wrong: there the block sticks out of "
            "the image. The adaptive threshold fills the missing neighbours by repeating "
            "the outermost pixels; a blur's default border mirrors the image instead.",
            like=lambda i, b, c: _mean_threshold(i, b, c, border=cv2.BORDER_REFLECT_101),
        ),
        Mistake(
            "subtracting C from a uint8 mean wrapped around below 0 (or above 255): compute "
            "the local threshold in a wider, signed type.",
            when=lambda got, exp: _same_values(got, wrapped[id(exp)]),
        ),
        Mistake(
            "a pixel exactly equal to its local threshold stays 0: only pixels strictly "
            "above it become 255.",
            like=lambda i, b, c: _mean_threshold(i, b, c, how="greater or equal"),
        ),
        Mistake(
            "C is subtracted from the mean, not added: a positive C lowers the local threshold.",
            like=lambda i, b, c: _mean_threshold(i, b, c, how="plus c"),
        ),
        Mistake(
            "C is missing: the local threshold is the mean minus C.",
            like=lambda i, b, c: _mean_threshold(i, b, c, how="no c"),
        ),
        Mistake(
            "that is the inverse: pixels above their local threshold become 255, the others 0.",
            like=lambda i, b, c: _mean_threshold(i, b, c, how="inverse"),
        ),
        Mistake(
            "this compares with a Gaussian-weighted mean; the mean method gives every "
            "pixel of the block the same weight.",
            when=lambda got, exp: _nearly(got, gaussian[id(exp)], share=0.005),
        ),
        Mistake(
            "a few pixels differ because your means keep their fractions: OpenCV rounds each "
            "local mean to a whole grey level before it compares. Blurring the uint8 image "
            "itself does that rounding.",
            like=lambda i, b, c: _mean_threshold(i, b, c, how="float mean"),
        ),
    ]
    return check_function(
        adaptive_mean_threshold,
        cases,
        exercise=CATALOGUE["adaptive_mean_threshold"],
        compare=_uint8_array_equal,
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- 3. tuning
def _iou(predicted: np.ndarray, truth: np.ndarray) -> float:
    predicted = predicted > 0
    return float((predicted & truth).sum() / (predicted | truth).sum())


def _score(
    page: np.ndarray, truth: np.ndarray, block: int, c: int, kind: int = cv2.THRESH_BINARY_INV
) -> float:
    ink = cv2.adaptiveThreshold(page, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, kind, block, c)
    return _iou(ink, truth)


#: The pages and grids exercise 3 is checked on: the lesson's page, then a darker one.
_TUNING_CASES = (
    ("the lesson's page", {"seed": 0}, tuple(range(5, 52, 4)), tuple(range(0, 31, 3))),
    (
        "a darker page with other text",
        {
            "seed": 4,
            "lighting": 0.85,
            "lines": ("Adaptive thresholds", "compare each pixel", "with its neighbours."),
        },
        tuple(range(3, 40, 6)),
        tuple(range(2, 27, 4)),
    ),
)


@functools.cache
def _tuning_case(number: int) -> tuple[np.ndarray, np.ndarray, dict[tuple[int, int], float]]:
    """A page, its true ink and every pair's score on the case's grid (computed once)."""
    _, page_args, blocks, offsets = _TUNING_CASES[number]
    page, truth = render_text_page(**page_args)
    scores = {(b, c): _score(page, truth, b, c) for b in blocks for c in offsets}
    return page, truth, scores


@functools.cache
def _bright_ink_choice(number: int) -> float:
    """The best score a search finds when it takes the bright pixels for ink (the plain,
    not the inverse, threshold type): a plausible mistake."""
    page, truth, scores = _tuning_case(number)
    return max(_score(page, truth, b, c, cv2.THRESH_BINARY) for b, c in scores)


def _as_pair(answer: Any) -> tuple[int, int]:
    if (
        not isinstance(answer, tuple | list)
        or len(answer) != 2
        or not all(
            isinstance(v, int | np.integer | float | np.floating) and not isinstance(v, bool)
            for v in answer
        )
        or not all(float(v).is_integer() for v in answer)
    ):
        raise Problem(
            f"return the pair (block size, C) as two whole numbers; it returned {str(answer)[:80]}."
        )
    return int(answer[0]), int(answer[1])


def _inspect_tuning(answers: list[Any]) -> str:
    found = []
    for number, answer in enumerate(answers):
        label, _, blocks, offsets = _TUNING_CASES[number]
        pair = _as_pair(answer)
        _, _, scores = _tuning_case(number)
        best = max(scores.values())
        if pair not in scores:
            swapped = (pair[1], pair[0]) in scores
            raise Problem(
                f"on {label}, the pair {pair} is not one of the grid's pairs.",
                hint="the pair is in the wrong order: the block size first, then C."
                if swapped
                else "choose the block size from block_sizes and C from offsets.",
            )
        if scores[pair] < best - 1e-12:
            block, c = pair
            best_for_c = max(scores[b, c] for b in blocks)
            best_for_block = max(scores[block, o] for o in offsets)
            page, truth, _ = _tuning_case(number)
            if scores[pair] == min(scores.values()):
                said = "that pair gives the lowest score of all: keep the highest."
            elif _score(page, truth, block, c, cv2.THRESH_BINARY) >= _bright_ink_choice(number):
                said = (
                    "that pair is the best one for finding the bright pixels, the paper: dark "
                    "ink on light paper needs the inverse threshold type, as in the lesson."
                )
            elif scores[pair] >= best_for_c - 1e-12:
                said = (
                    "for this C your block size is the best one, but another C does better: "
                    "search both settings together."
                )
            elif scores[pair] >= best_for_block - 1e-12:
                said = (
                    "for this block size your C is the best one, but another block size does "
                    "better: search both settings together."
                )
            else:
                said = ""
            raise Problem(
                f"on {label}, your pair {pair} reaches an IoU of {scores[pair]:.3f}; another "
                f"pair on the same grid reaches {best:.3f}.",
                hint=said,
            )
        found.append(f"{scores[pair]:.3f} on {label}")
    return f"found the best pair: IoU {' and '.join(found)}."


def check_best_adaptive_settings(
    best_adaptive_settings: Callable[..., Any], *, quiet: bool = False
) -> CheckResult:
    """``best_adaptive_settings(page, true_ink, block_sizes, offsets)`` must return the pair
    ``(block_size, c)`` whose Gaussian adaptive threshold (inverse type) gives the highest
    intersection over union with ``true_ink``. Checked on the lesson's page and on a darker
    page with other text, each with its own grid; the best pairs are never shown."""
    exercise = CATALOGUE["best_adaptive_settings"]
    if not callable(best_adaptive_settings):
        return check_built(best_adaptive_settings, _inspect_tuning, exercise=exercise, quiet=quiet)

    def run_on_every_page() -> list[Any]:
        answers = []
        for number, (_, _, blocks, offsets) in enumerate(_TUNING_CASES):
            page, truth, _ = _tuning_case(number)
            answers.append(
                best_adaptive_settings(page.copy(), truth.copy(), list(blocks), list(offsets))
            )
        return answers

    run_on_every_page.__name__ = learner_name(best_adaptive_settings, exercise.name)
    return check_built(run_on_every_page, _inspect_tuning, exercise=exercise, quiet=quiet)


# --------------------------------------------------------------------------- 4. crop to ink
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


# --------------------------------------------------------------------------- 5. an opening
#: Exercise 5's mask (1 = white): a block with a thin hair, a lone speck, a bar 2 pixels wide.
OPENING_MASK = np.array(
    [
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0],
        [0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
        [0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    np.uint8,
)
_SQUARE = np.ones((3, 3), np.uint8)


def _white_after(operation: int) -> int:
    return int(cv2.morphologyEx(OPENING_MASK, operation, _SQUARE).sum())


def check_opened_pixels(value: Any, *, quiet: bool = False) -> CheckResult:
    """``opened_pixels``: how many white pixels of :data:`OPENING_MASK` an opening with a
    3 × 3 square keeps, worked out by the learner (the count is never shown).

    >>> _ = check_opened_pixels(int(OPENING_MASK.sum()))  # doctest: +ELLIPSIS
    ❌ opened_pixels: 22 is not right yet.
       Hint: that is every white pixel of the mask: an opening removes the parts in which no ...
    ...
    """
    block, hair, speck, bar = 12, 3, 1, 6
    mistakes = [
        Mistake(
            "that is every white pixel of the mask: an opening removes the parts in which no "
            "3 × 3 square fits.",
            like=int(OPENING_MASK.sum()),
        ),
        Mistake(
            "that is what the erosion alone leaves; the opening's dilation then grows it back.",
            like=_white_after(cv2.MORPH_ERODE),
        ),
        Mistake(
            "that is a closing (dilation first), which fills gaps; an opening erodes first.",
            like=_white_after(cv2.MORPH_CLOSE),
        ),
        Mistake(
            "that is the dilation alone; an opening erodes first, then dilates.",
            like=_white_after(cv2.MORPH_DILATE),
        ),
        Mistake(
            "the bar is 2 pixels wide: no 3 × 3 square fits in it, so it disappears too.",
            like=block + bar,
        ),
        Mistake(
            "the hair sticking out of the block is only 1 pixel thick: the opening cuts it off.",
            like=block + hair,
        ),
        Mistake(
            "a lone pixel cannot hold a 3 × 3 square: the erosion removes it, and nothing is "
            "left there for the dilation to grow back.",
            like=block + speck,
        ),
        Mistake(
            "the lone speck is gone, but the thin hair and the narrow bar cannot hold a 3 × 3 "
            "square either.",
            like=int(OPENING_MASK.sum()) - speck,
        ),
    ]
    return check_value(
        value,
        _white_after(cv2.MORPH_OPEN),
        exercise=CATALOGUE["opened_pixels"],
        mistakes=mistakes,
        whole_number=True,
        quiet=quiet,
    )
