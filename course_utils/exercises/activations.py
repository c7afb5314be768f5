"""Self-checks for notebook 02 (activation functions): cases and diagnoses.

The four exercises apply the lesson to cases it does not show: the derivative of Swish (a
product of the input and the sigmoid), the Jacobian of log-softmax, a gradient predicted by hand
through three Leaky ReLU layers, and the largest product of slopes in a sigmoid chain whose
weights are 2.

>>> import numpy as np
>>> _ = check_chain_gradient(0.6)
❌ chain_gradient: 0.6 is not right yet.
   Hint: check the sign: count the negative factors along the chain.
   Stuck? checks.hint("chain_gradient") gives a second hint, still without the answer.
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
            "swish_prime",
            hint="Swish is a product of two functions of a: a itself and the sigmoid of a. "
            "Its slope comes from the product rule, which has two terms; the sigmoid's own "
            "slope is in section 3.",
            nudge="Write Swish as u·v and decide which function of a is u and which is v. The "
            "product rule says the slope of u·v is u's slope times v, plus u times v's "
            "slope. Work out the slope of each of your two factors on its own, then put "
            "them in their places. NumPy works element by element, so no loop is needed.",
        ),
        Exercise(
            "log_softmax_jacobian",
            hint="Row i holds the slopes of the log of probability i. By the chain rule the "
            "slope of log(u) is 1/u times the slope of u, and the slopes of probability i are "
            "row i of the softmax Jacobian from section 4.",
            nudge="Take the softmax Jacobian and divide each row by that row's own "
            "probability, then simplify entry by entry: the diagonal and the off-diagonal "
            "entries become very simple. Compute the probabilities with the stable softmax "
            "of section 3, so that scores near 1000 work too.",
        ),
        Exercise(
            "chain_gradient",
            hint="go forward first, from x = 1: each layer's pre-activation (bias included) "
            "and its sign; then multiply one factor per layer, each the layer's weight "
            "times the slope of Leaky ReLU at its pre-activation.",
            nudge="Leaky ReLU's slope is 1 where its input is positive and 0.1 where it is "
            "negative. Write down the three pre-activations a₁, a₂, a₃ one after the other "
            "(a₂ uses h₁, a₃ uses h₂), mark each one positive or negative, then multiply "
            "the three factors weight × slope.",
        ),
        Exercise(
            "largest_product",
            hint="section 6 bounds this same product for weights of 1; follow its argument "
            "again, with this chain's weight in every factor.",
            nudge="Reread the start of section 6: how it bounds a single factor, and how the "
            "bound for the whole chain follows from that. Then ask which step of that "
            "argument changes when the weights are no longer 1.",
        ),
    ],
)
hint = CATALOGUE.hint


def _sigmoid(a: Any) -> np.ndarray:
    return 1 / (1 + np.exp(-np.asarray(a, dtype=float)))


def _sigmoid_prime(a: Any) -> np.ndarray:
    s = _sigmoid(a)
    return s * (1 - s)


def _swish_prime(a: Any) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    return _sigmoid(a) + a * _sigmoid_prime(a)


def check_swish_prime(
    swish_prime: Callable[[np.ndarray], Any], *, quiet: bool = False
) -> CheckResult:
    """``swish_prime(a)``: the slope of Swish, ``a · sigmoid(a)``, at every element of ``a``.

    >>> def swish_prime(a):
    ...     s = 1 / (1 + np.exp(-a))
    ...     return s + a * s * (1 - s)
    >>> _ = check_swish_prime(swish_prime)
    ✅ swish_prime passed all 4 checks. Well done!
    """
    mixed = np.array([-3.0, -1.0, 0.5, 1.0, 3.0])
    grid = np.array([[-2.0, -0.5], [2.0, 6.0]])
    far = np.array([-40.0, 40.0])
    cases = [
        Case((mixed,), _swish_prime(mixed), label="negative and positive inputs"),
        Case((np.array([0.0]),), np.array([0.5]), label="a = 0"),
        Case((grid,), _swish_prime(grid), label="a 2-D array"),
        Case((far,), _swish_prime(far), label="large inputs, where the sigmoid saturates"),
    ]
    mistakes = [
        Mistake(
            "that is Swish itself, not its slope.",
            like=lambda a: np.asarray(a) * _sigmoid(a),
        ),
        Mistake(
            "that is the slope of the sigmoid alone; Swish multiplies the sigmoid by a, so "
            "its slope needs the product rule.",
            like=_sigmoid_prime,
        ),
        Mistake(
            "this is only one of the product rule's two terms: the one where the factor a "
            "is differentiated (its slope is 1) and the sigmoid is kept.",
            like=_sigmoid,
        ),
        Mistake(
            "this is only one of the product rule's two terms: the one where the sigmoid is "
            "differentiated and the factor a is kept.",
            like=lambda a: np.asarray(a) * _sigmoid_prime(a),
        ),
        Mistake(
            "a sign: the two terms of the product rule are added, not subtracted.",
            like=lambda a: _sigmoid(a) - np.asarray(a) * _sigmoid_prime(a),
        ),
        Mistake(
            "the slope of the sigmoid is not the sigmoid itself (that is true of the "
            "exponential, not of σ): use σ′ from section 3.",
            like=lambda a: _sigmoid(a) + np.asarray(a) * _sigmoid(a),
        ),
    ]
    return check_function(
        swish_prime, cases, exercise=CATALOGUE["swish_prime"], mistakes=mistakes, quiet=quiet
    )


def _softmax(z: Any) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax_jacobian(z: Any) -> np.ndarray:
    s = _softmax(z)
    return np.eye(len(s)) - np.ones((len(s), 1)) * s


def _softmax_jacobian(z: Any) -> np.ndarray:
    s = _softmax(z)
    return np.diag(s) - np.outer(s, s)


def _has_nan(got: Any, expected: Any) -> bool:
    try:
        return bool(np.isnan(np.asarray(got, dtype=float)).any())
    except (TypeError, ValueError):
        return False


def check_log_softmax_jacobian(
    log_softmax_jacobian: Callable[[np.ndarray], Any], *, quiet: bool = False
) -> CheckResult:
    """``log_softmax_jacobian(z)``: the n × n matrix whose row i, column j is the slope of
    ``log(softmax(z)[i])`` with respect to ``z[j]``, for a 1-D array ``z`` of n scores.

    >>> _ = check_log_softmax_jacobian(lambda z: _log_softmax_jacobian(z))
    ✅ log_softmax_jacobian passed all 4 checks. Well done!
    """
    three = np.array([2.0, 1.0, 0.1])
    four = np.array([0.5, -1.0, 3.0, 0.0])
    big = np.array([1000.0, 1001.0, 1002.0])
    cases = [
        Case((three,), _log_softmax_jacobian(three), label="three scores"),
        Case((np.array([0.0, 0.0]),), _log_softmax_jacobian(np.zeros(2)), label="two equal"),
        Case((four,), _log_softmax_jacobian(four), label="four scores"),
        Case((big,), _log_softmax_jacobian(big), label="large scores near 1000"),
    ]
    mistakes = [
        Mistake(
            "that is the Jacobian of softmax itself; the log adds one more link to the "
            "chain (the slope of log(u) is 1/u, with u the probability of that row).",
            like=_softmax_jacobian,
        ),
        Mistake(
            "rows and columns are swapped: row i must hold the slopes of the i-th output "
            "(the log of probability i) with respect to every score; the 1/u of the log "
            "belongs to the row's own probability, not to the column's.",
            like=lambda z: np.eye(len(z)) - _softmax(z)[:, None] * np.ones(len(z)),
        ),
        Mistake(
            "every entry has the wrong sign.",
            like=lambda z: -_log_softmax_jacobian(z),
        ),
        Mistake(
            "the off-diagonal entries are right but each diagonal entry is off by one: "
            "redo the chain rule for i = j, where the softmax Jacobian has its extra "
            "diagonal part.",
            like=lambda z: _log_softmax_jacobian(z) - np.eye(len(z)),
        ),
        Mistake(
            "the scores must go through softmax first: the entries involve the "
            "probabilities, not the raw scores.",
            like=lambda z: np.eye(len(z)) - np.ones((len(z), 1)) * np.asarray(z, dtype=float),
        ),
        Mistake(
            "the log of each entry of the softmax Jacobian is not the Jacobian of the log "
            "(and its negative entries give nan): apply the chain rule instead.",
            like=lambda z: np.log(_softmax_jacobian(z)),
        ),
        Mistake(
            "for scores near 1000 the exponential overflows to inf, and inf / inf is nan: "
            "compute the probabilities with the stable softmax.",
            when=_has_nan,
        ),
    ]
    return check_function(
        log_softmax_jacobian,
        cases,
        exercise=CATALOGUE["log_softmax_jacobian"],
        mistakes=mistakes,
        quiet=quiet,
    )


#: The chain of exercise 3: (weight, bias) of each of the three Leaky ReLU layers.
CHAIN = ((2.0, 0.0), (-1.0, 3.0), (3.0, -4.0))
LEAKY_SLOPE = 0.1


def _chain_gradient(x: float, layers: Any, *, slope: Any = None, bias: bool = True) -> float:
    """d h_last / d x for a chain of one-input Leaky ReLU units; ``slope(a)`` may replace
    Leaky ReLU's slope, ``bias=False`` forgets the biases (both only to re-create mistakes)."""
    slope = slope or (lambda a: 1.0 if a > 0 else LEAKY_SLOPE)
    h, gradient = x, 1.0
    for w, b in layers:
        a = w * h + (b if bias else 0.0)
        h = a if a > 0 else LEAKY_SLOPE * a
        gradient *= w * slope(a)
    return gradient


def _chain_output(x: float, layers: Any) -> float:
    h = x
    for w, b in layers:
        a = w * h + b
        h = a if a > 0 else LEAKY_SLOPE * a
    return h


def check_chain_gradient(value: Any, *, quiet: bool = False) -> CheckResult:
    """The slope dh₃/dx at x = 1 of the chain h₁ = f(2x), h₂ = f(−h₁ + 3), h₃ = f(3h₂ − 4),
    with f Leaky ReLU of slope 0.1 (see :data:`CHAIN`).

    >>> _ = check_chain_gradient(-6.0)  # doctest: +ELLIPSIS
    ❌ chain_gradient: -6.0 is not right yet.
       Hint: that is the product of the three weights alone, as if every slope were 1: ...
       Stuck? checks.hint("chain_gradient") gives a second hint, still without the answer.
    """
    expected = _chain_gradient(1.0, CHAIN)
    weights_only = float(np.prod([w for w, _ in CHAIN]))
    no_bias_layer_2 = (CHAIN[0], (CHAIN[1][0], 0.0), CHAIN[2])

    def near(target: float) -> Callable[[Any, Any], bool]:
        return lambda got, _: (
            _is_number(got) and bool(np.isclose(float(got), target, rtol=1e-6, atol=1e-12))
        )

    mistakes = [
        Mistake(
            "the answer is a number (a float), not text or a list: remove the quotes or brackets.",
            when=lambda got, _: not _is_number(got),
        ),
        Mistake(
            "check the sign: count the negative factors along the chain.",
            when=near(-expected),
        ),
        Mistake(
            "that is the product of the three weights alone, as if every slope were 1: check "
            "the sign of each pre-activation, bias included (a negative one has slope 0.1).",
            when=near(weights_only),
        ),
        Mistake(
            "0 is what ReLU would give; Leaky ReLU keeps a slope of 0.1 for negative inputs.",
            when=near(0.0),
        ),
        Mistake(
            "that is the chain's output h₃ at x = 1, not its slope with respect to x.",
            when=near(_chain_output(1.0, CHAIN)),
        ),
        Mistake(
            "the second layer's bias counts when you decide the sign of its pre-activation.",
            when=near(_chain_gradient(1.0, no_bias_layer_2)),
        ),
        Mistake(
            "not every pre-activation is negative: go forward from x = 1 and check each sign.",
            when=near(weights_only * LEAKY_SLOPE**3),
        ),
    ]
    return check_value(
        value,
        expected,
        exercise=CATALOGUE["chain_gradient"],
        mistakes=mistakes,
        quiet=quiet,
        compare=lambda got, exp: near(exp)(got, exp),
    )


def _is_number(value: Any) -> bool:
    """A real number: an int or float (NumPy's too), not a bool, a string or an array."""
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
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
