"""Self-checks for notebook 02 (activation functions): cases and diagnoses.

>>> import numpy as np
>>> _ = check_relu_derivative(lambda x: (np.asarray(x) > 0).astype(float))
✅ relu_derivative passed all 4 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    check_function,
    check_value,
)

CATALOGUE = Catalogue(
    "02_activation_functions",
    [
        Exercise(
            "relu_derivative",
            hint="ReLU is flat for negative inputs and rises with slope 1 for positive ones; "
            "return one slope per element, as floats, in the shape of x.",
            nudge="A comparison of a whole NumPy array with a number gives an array of "
            "True/False, element by element, for any shape. Which comparison is True "
            "exactly where the slope is 1 (remember: 0 at exactly 0)? Then turn "
            "True/False into 1.0/0.0.",
        ),
        Exercise(
            "softmax_stable",
            hint="softmax exponentiates each row's scores and divides by the row's sum; for "
            "large scores the exponential must not overflow.",
            nudge="Softmax does not change when the same number is subtracted from every "
            "score of a row. Pick, for each row, the number that makes the largest "
            "exponent exactly 0, so nothing can overflow. Every maximum and every sum "
            "is per row (over the last axis), kept as a column so it lines up with z.",
        ),
        Exercise(
            "largest_product",
            hint="each of the ten factors is σ′(a) times a weight of 2; find the largest one "
            "factor can be, then multiply ten of them.",
            nudge="σ′(a) is largest at a = 0 (see section 6 for its value). One factor is "
            "then at most that value times the weight. Ten layers give ten such "
            "factors, multiplied together: a power, not a multiple.",
        ),
    ],
)
hint = CATALOGUE.hint


def check_relu_derivative(
    relu_derivative: Callable[[np.ndarray], Any], *, quiet: bool = False
) -> CheckResult:
    """``relu_derivative(x)``: the slope of ReLU at every element of ``x``, for any shape.

    At exactly 0 the derivative is not defined; like TensorFlow, the course uses 0 there.
    """
    cases = [
        Case(
            (np.array([-2.0, -0.5, 0.5, 3.0]),),
            np.array([0.0, 0.0, 1.0, 1.0]),
            label="negative and positive inputs",
        ),
        Case((np.array([0.0]),), np.array([0.0]), label="x = 0: use 0, as TensorFlow does"),
        Case(
            (np.array([[1e-3, -1e-3], [50.0, -50.0]]),),
            np.array([[1.0, 0.0], [1.0, 0.0]]),
            label="a 2-D array, tiny and large values",
        ),
        Case(
            (np.linspace(-1, 1, 5),),
            np.array([0.0, 0.0, 0.0, 1.0, 1.0]),
            label="np.linspace(-1, 1, 5)",
        ),
    ]
    mistakes = [
        Mistake(
            "that is ReLU itself; the exercise asks for its slope.", like=lambda x: np.maximum(0, x)
        ),
        Mistake(
            "at exactly 0 the course (like TensorFlow) uses slope 0.",
            like=lambda x: (np.asarray(x) >= 0).astype(float),
        ),
        Mistake(
            "that is the slope of Leaky ReLU; ReLU is flat (slope 0) for negative inputs.",
            like=lambda x: np.where(np.asarray(x) > 0, 1.0, 0.1),
        ),
    ]
    return check_function(
        relu_derivative,
        cases,
        exercise=CATALOGUE["relu_derivative"],
        mistakes=mistakes,
        quiet=quiet,
    )


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _has_nan(got: Any, expected: Any) -> bool:
    return bool(np.isnan(np.asarray(got, dtype=float)).any())


def check_softmax(softmax: Callable[[np.ndarray], Any], *, quiet: bool = False) -> CheckResult:
    """``softmax(z)`` must turn the last axis of ``z`` into probabilities, without overflowing.

    Cases include a batch (a 2-D array, one row per example) and scores near 1000, where a
    plain exponential overflows.
    """
    batch = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0]])
    big = np.array([1000.0, 1001.0, 1002.0])
    cases = [
        Case(
            (np.array([1.0, 2.0, 3.0]),),
            _softmax(np.array([1.0, 2.0, 3.0])),
            label="one vector of scores",
        ),
        Case((np.array([0.0, 0.0]),), np.array([0.5, 0.5]), label="equal scores"),
        Case((batch,), _softmax(batch), label="a batch: one row per example, each row sums to 1"),
        Case((big,), _softmax(big), label="large scores near 1000"),
    ]
    mistakes = [
        Mistake(
            "for scores near 1000 the exponential overflows to inf, and inf / inf is nan.",
            when=_has_nan,
        ),
        Mistake(
            "each row is a separate example: the maximum and the sum must be taken per "
            "row, not over the whole array.",
            like=lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum(),
        ),
        Mistake(
            "softmax exponentiates the scores before normalising them.",
            like=lambda z: z / z.sum(axis=-1, keepdims=True),
        ),
        Mistake(
            "the scores of one example lie along the last axis (a row); this normalises "
            "the columns.",
            like=lambda z: np.exp(z - z.max(axis=0)) / np.exp(z - z.max(axis=0)).sum(axis=0),
        ),
    ]
    return check_function(
        softmax, cases, exercise=CATALOGUE["softmax_stable"], mistakes=mistakes, quiet=quiet
    )


def check_vanishing_factor(
    value: Any, *, weight: float = 1.0, layers: int = 10, quiet: bool = False
) -> CheckResult:
    """The largest possible product of ``layers`` factors ``σ′(a) · weight``.

    >>> _ = check_vanishing_factor(0.5 ** 10, weight=2)
    ✅ the largest product of 10 factors σ′(a)·2 is right. Well done!
    """
    if not isinstance(layers, int) or layers < 1:
        raise ValueError(f"layers must be a positive int, got {layers!r}")
    if not isinstance(weight, int | float) or weight <= 0:
        raise ValueError(f"weight must be a positive number, got {weight!r}")
    top = 0.25 * weight
    mistakes = [
        Mistake(
            f"the weight {weight:g} is missing: each factor is σ′(a) times the weight.",
            like=0.25**layers,
        ),
        Mistake(
            "the weight enters every one of the factors, not the product once.",
            like=weight * 0.25**layers,
        ),
        Mistake(
            "σ′(a) enters every one of the factors, not the product once.",
            like=weight**layers * 0.25,
        ),
        Mistake(
            f"a product of {layers} equal factors is a power, not a multiple.",
            when=lambda got, exp: any(
                np.isclose(float(got), f * layers) for f in (0.25, top, weight)
            ),
        ),
        Mistake(
            f"count the factors: one per layer, {layers} in all.",
            when=lambda got, exp: any(
                np.isclose(float(got), top**n, rtol=1e-6, atol=0) for n in (layers - 1, layers + 1)
            ),
        ),
    ]
    return check_value(
        value,
        top**layers,
        exercise=CATALOGUE["largest_product"],
        shown=f"the largest product of {layers} factors σ′(a)·{weight:g}",
        mistakes=mistakes,
        quiet=quiet,
        compare=lambda got, exp: bool(np.isclose(float(got), exp, rtol=1e-6, atol=0)),
    )
