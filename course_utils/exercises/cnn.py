"""Self-checks for notebook 08 (the building blocks of a convolutional network): cases and
diagnoses.

>>> _ = check_output_size(lambda h, f, p, s: int(np.floor((h + 2 * p - f) / s)) + 1)
✅ conv_output_size passed all 7 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    check_function,
    check_value,
    same_int,
)

CATALOGUE = Catalogue(
    "08_cnn_building_blocks",
    [
        Exercise(
            "max_pool_2x2",
            hint="cut x into non-overlapping 2 × 2 blocks (dropping an odd last row or "
            "column) and keep the largest value of each block.",
            nudge="First cut x to an even number of rows and columns. Then either loop over "
            "the blocks (block (i, j) starts at row 2i and column 2j), or reshape so that "
            "the block row, the row inside the block, the block column and the column "
            "inside the block each get an axis of their own, in that order, and take "
            "the maximum over the two axes inside the block.",
        ),
        Exercise(
            "conv_output_size",
            hint="count the positions the filter can take along one side: the padded input is "
            "wider than h, the filter moves s pixels at a time, and it must fit entirely.",
            nudge="Padding adds p zeros on both sides. The filter's first position is at the "
            "very start, and each step moves it by s while it still fits completely "
            "inside the padded input. Count the positions, the first one included; a "
            "step that would not fit is not taken. Return an int.",
        ),
        Exercise(
            "n_parameters",
            hint="each filter reaches through all input channels and has one bias; the image "
            "size does not matter.",
            nudge="One filter is a 3 × 3 window on every one of the 16 input channels at once, "
            "so it has a weight for each cell of each channel, plus one bias. The layer "
            "has 32 such filters. The 64 × 64 size only says where the filters are "
            "used, not how many weights they have.",
        ),
    ],
)
hint = CATALOGUE.hint


def _reference_max_pool(x: np.ndarray) -> np.ndarray:
    h, w = x.shape[0] // 2 * 2, x.shape[1] // 2 * 2
    return x[:h, :w].reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))


def check_max_pool(
    max_pool_2x2: Callable[[np.ndarray], Any], *, quiet: bool = False
) -> CheckResult:
    """``max_pool_2x2(x)`` must return the 2 × 2, stride-2 max pooling of the 2-D array ``x``.

    Like Keras' ``MaxPooling2D()`` (padding "valid"), an odd last row or column is dropped, so
    the result has shape ``(h // 2, w // 2)``.

    >>> _ = check_max_pool(lambda x: x[::2, ::2])  # doctest: +ELLIPSIS
    ❌ max_pool_2x2: case 1 of 5 ...
    """
    counting = np.arange(16.0).reshape(4, 4)
    negative = -np.array([[1.0, 2, 3, 4], [5, 6, 7, 8]])
    odd = np.array(
        [[1.0, 9, 2, 0, 7], [3, 4, 8, 6, 9], [0, 5, 1, 1, 9], [2, 2, 3, 7, 9], [9, 9, 9, 9, 9]]
    )
    rng = np.random.default_rng(8)
    wide = rng.normal(size=(4, 8)).round(2)
    cases = [
        Case((x,), _reference_max_pool(x), label=label)
        for x, label in [
            (counting, "4 × 4 counting 0..15"),
            (np.array([[1.0, 3], [2, 0]]), "a single 2 × 2 window"),
            (negative, "all values negative"),
            (odd, "5 × 5 with an odd last row and column"),
            (wide, "4 × 8 random values"),
        ]
    ]

    def blocks(x: np.ndarray) -> np.ndarray:
        h, w = x.shape[0] // 2 * 2, x.shape[1] // 2 * 2
        return x[:h, :w].reshape(h // 2, 2, w // 2, 2)

    mistakes = [
        Mistake(
            "keep the largest value of each block, not the average.",
            like=lambda x: blocks(x).mean(axis=(1, 3)),
        ),
        Mistake(
            "taking every second pixel is subsampling: pooling looks at all four values of "
            "a block.",
            like=lambda x: x[::2, ::2],
        ),
        Mistake(
            "a maximum that starts from 0 is wrong when all values are negative: start "
            "from the block's own values.",
            like=lambda x: np.maximum(_reference_max_pool(x), 0),
        ),
        Mistake(
            "the blocks must not overlap: the window moves 2 pixels at a time.",
            like=lambda x: sliding_window_view(x, (2, 2)).max(axis=(2, 3)),
        ),
        Mistake(
            "like Keras, drop an odd last row or column instead of pooling a half block.",
            like=lambda x: np.array(
                [
                    [x[i : i + 2, j : j + 2].max() for j in range(0, x.shape[1], 2)]
                    for i in range(0, x.shape[0], 2)
                ]
            ),
        ),
        Mistake(
            "the reshape mixed up the blocks: the numbers of one block are not next to each "
            "other in memory, so the axes must be split in the order block row, row in "
            "block, block column, column in block.",
            like=lambda x: (
                x[: x.shape[0] // 2 * 2, : x.shape[1] // 2 * 2]
                .reshape(x.shape[0] // 2, x.shape[1] // 2, 2, 2)
                .max(axis=(2, 3))
            ),
        ),
    ]
    return check_function(
        max_pool_2x2, cases, exercise=CATALOGUE["max_pool_2x2"], mistakes=mistakes, quiet=quiet
    )


def check_output_size(
    conv_output_size: Callable[[int, int, int, int], Any], *, quiet: bool = False
) -> CheckResult:
    """``conv_output_size(h, f, p, s)``: the size of a feature map, an ``int``.

    ``h`` is the input size, ``f`` the filter size, ``p`` the zero-padding on each side and
    ``s`` the stride.
    """
    cases = [
        Case((6, 3, 0, 1), 4, label="the 6 × 6 edge example, 'valid'"),
        Case((28, 5, 2, 1), 28, label="LeNet's first layer, 'same' padding p = 2"),
        Case((14, 5, 0, 1), 10, label="LeNet's second layer, 'valid'"),
        Case((7, 3, 0, 2), 3, label="stride 2 that divides evenly"),
        Case((8, 3, 0, 2), 3, label="stride 2 that does not divide evenly"),
        Case((224, 7, 3, 2), 112, label="a large image, padding 3, stride 2"),
        Case((5, 5, 0, 1), 1, label="filter as large as the image"),
    ]
    mistakes = [
        Mistake(
            "count the first position too: a filter as large as the image still has one.",
            like=lambda h, f, p, s: (h + 2 * p - f) // s,
        ),
        Mistake(
            "padding adds p on both sides of the input.",
            like=lambda h, f, p, s: (h + p - f) // s + 1,
        ),
        Mistake(
            "the stride moves the filter s pixels at a time.",
            like=lambda h, f, p, s: h + 2 * p - f + 1,
        ),
        Mistake(
            "a step that would go past the edge is not taken: round the number of steps down.",
            like=lambda h, f, p, s: -(-(h + 2 * p - f) // s) + 1,
        ),
        Mistake(
            "rounding to the nearest is not it: a step that does not fit is never taken.",
            like=lambda h, f, p, s: round((h + 2 * p - f) / s) + 1,
        ),
    ]
    return check_function(
        conv_output_size,
        cases,
        exercise=CATALOGUE["conv_output_size"],
        compare=same_int,
        mistakes=mistakes,
        quiet=quiet,
    )


def check_conv_parameters(n_parameters: Any, *, quiet: bool = False) -> CheckResult:
    """The number of parameters of ``Conv2D(32, (3, 3))`` on an input with 16 channels.

    A wrong answer is answered with the likely mistake, never with the right number.

    >>> _ = check_conv_parameters(3 * 3 * 16 * 32)  # doctest: +ELLIPSIS
    ❌ the parameter count: 4608 is not right yet.
       Hint: the weights are right, but each of the 32 filters also has one bias.
    ...
    """
    weights = 3 * 3 * 16 * 32
    mistakes = [
        Mistake(
            "the weights are right, but each of the 32 filters also has one bias.", like=weights
        ),
        Mistake(
            "a filter reaches through all 16 input channels: it has 3 × 3 × 16 weights, not 3 × 3.",
            like=(3 * 3 + 1) * 32,
        ),
        Mistake(
            "a filter reaches through all 16 input channels (3 × 3 × 16 weights), and each "
            "filter has one bias.",
            like=3 * 3 * 32,
        ),
        Mistake(
            "there is one bias per filter (32 of them), not one per input channel.",
            like=weights + 16,
        ),
        Mistake(
            "the image size does not matter: the same filters are used at every position.",
            like=(weights + 32) * 64 * 64,
        ),
    ]
    return check_value(
        n_parameters,
        weights + 32,
        exercise=CATALOGUE["n_parameters"],
        shown="the parameter count",
        whole_number=True,
        mistakes=mistakes,
        quiet=quiet,
    )
