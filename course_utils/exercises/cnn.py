"""Self-checks for notebook 08 (the building blocks of a convolutional network).

>>> import numpy as np
>>> _ = check_output_size(lambda h, f, p, s: (h + 2 * p - f) // s + 1)
✅ conv_output_size passed all 7 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import Case, CheckResult, check_function
from course_utils.exercises._counting import check_count, float_instead_of_int


def _reference_max_pool(x: np.ndarray) -> np.ndarray:
    h, w = x.shape[0] // 2 * 2, x.shape[1] // 2 * 2
    return x[:h, :w].reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))


def check_max_pool(max_pool_2x2: Callable[[np.ndarray], Any], *,
                   quiet: bool = False) -> CheckResult:
    """``max_pool_2x2(x)`` must return the 2 × 2, stride-2 max pooling of the 2-D array ``x``.

    Like Keras' ``MaxPooling2D()`` (padding "valid"), an odd last row or column is dropped, so
    the result has shape ``(h // 2, w // 2)``.

    >>> _ = check_max_pool(lambda x: x[::2, ::2])  # doctest: +ELLIPSIS
    ❌ max_pool_2x2: case 1 of 5 ...
    """
    counting = np.arange(16.0).reshape(4, 4)
    negative = -np.array([[1.0, 2, 3, 4], [5, 6, 7, 8]])
    odd = np.array([[1.0, 9, 2, 0, 7], [3, 4, 8, 6, 9], [0, 5, 1, 1, 9], [2, 2, 3, 7, 9],
                    [9, 9, 9, 9, 9]])
    rng = np.random.default_rng(8)
    wide = rng.normal(size=(4, 8)).round(2)
    cases = [Case((x,), _reference_max_pool(x), label=label) for x, label in [
        (counting, "4 × 4 counting 0..15"),
        (np.array([[1.0, 3], [2, 0]]), "a single 2 × 2 window"),
        (negative, "all values negative"),
        (odd, "5 × 5: the last row and column are dropped"),
        (wide, "4 × 8 random values"),
    ]]
    return check_function(max_pool_2x2, cases, name="max_pool_2x2", quiet=quiet,
                          hint="Cut x to an even number of rows and columns, then take the "
                               "largest value of each non-overlapping 2 × 2 block, e.g. "
                               "x.reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3)).")


def check_output_size(conv_output_size: Callable[[int, int, int, int], Any], *,
                      quiet: bool = False) -> CheckResult:
    """``conv_output_size(h, f, p, s)`` must return ⌊(h + 2p − f) / s⌋ + 1 as an int.

    ``h`` is the input size, ``f`` the filter size, ``p`` the zero-padding on each side and
    ``s`` the stride.
    """
    cases = [
        Case((6, 3, 0, 1), 4, label="the 6 × 6 edge example, 'valid'"),
        Case((28, 5, 2, 1), 28, label="LeNet's first layer, 'same' padding p = 2"),
        Case((14, 5, 0, 1), 10, label="LeNet's second layer, 'valid'"),
        Case((7, 3, 0, 2), 3, label="stride 2 that divides evenly"),
        Case((8, 3, 0, 2), 3, label="stride 2 that does not divide evenly: round down"),
        Case((224, 7, 3, 2), 112, label="a large image, padding 3, stride 2"),
        Case((5, 5, 0, 1), 1, label="filter as large as the image"),
    ]

    def same_int(got: Any, expected: Any) -> bool:
        return isinstance(got, int | np.integer) and not isinstance(got, bool) \
            and int(got) == expected

    not_an_int = float_instead_of_int(conv_output_size, cases[0].args, "conv_output_size",
                                      quiet=quiet)
    if not_an_int is not None:
        return not_an_int
    return check_function(conv_output_size, cases, name="conv_output_size", quiet=quiet,
                          compare=same_int,
                          hint="Use integer division // for the floor: (h + 2 * p - f) // s + 1 "
                               "(padding adds p on BOTH sides).")


def check_conv_parameters(n_parameters: Any, *, quiet: bool = False) -> CheckResult:
    """The number of parameters of ``Conv2D(32, (3, 3))`` on an input with 16 channels.

    A wrong answer is answered with the likely mistake, never with the right number.

    >>> _ = check_conv_parameters(3 * 3 * 16 * 32)
    ❌ the parameter count is not right yet: the weights are right, but each of the 32 filters also has one bias.
    """
    weights = 3 * 3 * 16 * 32
    mistakes = {
        weights: "the weights are right, but each of the 32 filters also has one bias.",
        (3 * 3 + 1) * 32: "a filter reaches through all 16 input channels: it has 3 × 3 × 16 "
                          "weights, not 3 × 3.",
        3 * 3 * 32: "a filter reaches through all 16 input channels (3 × 3 × 16 weights), and "
                    "each filter has one bias.",
        weights + 16: "there is one bias per filter (32 of them), not one per input channel.",
        (weights + 32) * 64 * 64: "the image size does not matter: the same filters are used "
                                  "at every position.",
    }
    return check_count(n_parameters, weights + 32, name="the parameter count", quiet=quiet,
                       mistakes=mistakes,
                       hint="Each of the 32 filters is 3 × 3 × 16 (one 3 × 3 slice per input "
                            "channel) plus one bias. The image size does not matter.")
