"""Self-checks for notebook 02 (activation functions).

>>> import numpy as np
>>> _ = check_relu_derivative(lambda x: (np.asarray(x) > 0).astype(float))
✅ relu_derivative passed all 4 checks. Well done!
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import Case, CheckResult, check_function, check_value
from course_utils.exercises._outputs import learner_name


def _quiet_numpy(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a learner's function with NumPy's overflow warnings muted (a wrong answer may overflow)."""
    if not callable(func):
        return func

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with np.errstate(all="ignore"):
            return func(*args, **kwargs)

    return wrapper


def check_relu_derivative(relu_derivative: Callable[[np.ndarray], Any], *,
                          quiet: bool = False) -> CheckResult:
    """``relu_derivative(x)`` must return, element by element, 1.0 where ``x > 0`` and 0.0 elsewhere.

    At exactly 0 the derivative is not defined; like TensorFlow, the course uses 0 there.
    """
    cases = [
        Case((np.array([-2.0, -0.5, 0.5, 3.0]),), np.array([0.0, 0.0, 1.0, 1.0]),
             label="negative and positive inputs"),
        Case((np.array([0.0]),), np.array([0.0]), label="x = 0: use 0, as TensorFlow does"),
        Case((np.array([[1e-3, -1e-3], [50.0, -50.0]]),), np.array([[1.0, 0.0], [1.0, 0.0]]),
             label="a 2-D array, tiny and large values"),
        Case((np.linspace(-1, 1, 5),), np.array([0.0, 0.0, 0.0, 1.0, 1.0]),
             label="np.linspace(-1, 1, 5)"),
    ]
    return check_function(_quiet_numpy(relu_derivative), cases, quiet=quiet,
                          name=learner_name(relu_derivative, "relu_derivative"),
                          hint="The slope of max(0, x) is 1 where x > 0 and 0 where x < 0. "
                               "(x > 0).astype(float) gives exactly that, for any array shape.")


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def check_softmax(softmax: Callable[[np.ndarray], Any], *, quiet: bool = False) -> CheckResult:
    """``softmax(z)`` must turn the last axis of ``z`` into probabilities, without overflowing.

    Cases include a batch (a 2-D array, one row per example) and scores near 1000, where
    ``np.exp`` overflows unless the row maximum is subtracted first.
    """
    batch = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0]])
    big = np.array([1000.0, 1001.0, 1002.0])
    cases = [
        Case((np.array([1.0, 2.0, 3.0]),), _softmax(np.array([1.0, 2.0, 3.0])),
             label="one vector of scores"),
        Case((np.array([0.0, 0.0]),), np.array([0.5, 0.5]), label="equal scores"),
        Case((batch,), _softmax(batch), label="a batch: one row per example, each row sums to 1"),
        Case((big,), _softmax(big), label="large scores: subtract the maximum before np.exp"),
    ]
    return check_function(_quiet_numpy(softmax), cases, quiet=quiet,
                          name=learner_name(softmax, "softmax"),
                          hint="Subtract z.max(axis=-1, keepdims=True), take np.exp, then divide "
                               "by the sum over axis=-1 (keepdims=True) so every row sums to 1.")


def check_vanishing_factor(value: Any, *, weight: float = 1.0, layers: int = 10,
                           quiet: bool = False) -> CheckResult:
    """The largest possible product of ``layers`` factors ``σ′(a) · weight``: ``(weight / 4) ** layers``.

    >>> _ = check_vanishing_factor(0.5 ** 10, weight=2)
    ✅ the largest product of 10 factors σ′(a)·2 is right. Well done!
    """
    if not isinstance(layers, int) or layers < 1:
        raise ValueError(f"layers must be a positive int, got {layers!r}")
    if not isinstance(weight, int | float) or weight <= 0:
        raise ValueError(f"weight must be a positive number, got {weight!r}")
    return check_value(value, (0.25 * weight) ** layers,
                       name=f"the largest product of {layers} factors σ′(a)·{weight:g}",
                       quiet=quiet, compare=lambda got, exp: np.isclose(float(got), exp,
                                                                        rtol=1e-6, atol=0),
                       hint="Each factor is σ′(a) times the weight, and σ′(a) is at most 1/4 "
                            "(at a = 0). Multiply the largest factor by itself once per layer.")
