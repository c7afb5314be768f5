"""Notebook 02_activation_functions: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import activations

NB = "02_activation_functions"


def _sigmoid(a):
    return 1 / (1 + np.exp(-a))


def _sigmoid_prime(a):
    return _sigmoid(a) * (1 - _sigmoid(a))


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def _softmax_jacobian(z):
    s = _softmax(z)
    return np.diag(s) - np.outer(s, s)


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    (NB, "swish_prime"): [
        ("Swish itself", lambda a: a * _sigmoid(a)),
        ("the sigmoid's slope alone", _sigmoid_prime),
        ("first term of the product rule only", _sigmoid),
        ("second term of the product rule only", lambda a: a * _sigmoid_prime(a)),
        ("terms subtracted", lambda a: _sigmoid(a) - a * _sigmoid_prime(a)),
        ("sigmoid taken as its own slope", lambda a: _sigmoid(a) + a * _sigmoid(a)),
        ("scalar logic", lambda a: float(_sigmoid(a[0]) + a[0] * _sigmoid_prime(a[0]))),
    ],
    (NB, "log_softmax_jacobian"): [
        ("the softmax Jacobian itself", _softmax_jacobian),
        ("rows and columns swapped", lambda z: np.eye(len(z)) - _softmax(z)[:, None]),
        ("the wrong sign", lambda z: np.tile(_softmax(z), (len(z), 1)) - np.eye(len(z))),
        ("the identity forgotten", lambda z: -np.tile(_softmax(z), (len(z), 1))),
        ("raw scores, not probabilities", lambda z: np.eye(len(z)) - np.tile(z, (len(z), 1))),
        ("log of each entry", lambda z: np.log(_softmax_jacobian(z))),
        (
            "overflows at 1000",
            lambda z: np.eye(len(z)) - np.tile(np.exp(z) / np.exp(z).sum(), (len(z), 1)),
        ),
        ("only the diagonal", lambda z: 1 - _softmax(z)),
    ],
    (NB, "chain_gradient"): [
        ("every slope taken as 1", 2 * -1 * 3),
        ("ReLU's slopes, not Leaky ReLU's", 0.0),
        ("the wrong sign", 0.6),
        ("h3's value, not its slope", -0.1),
        ("layer 2's bias forgotten", 2 * -1 * 0.1 * 3 * 0.1),
        ("every pre-activation taken as negative", 2 * -1 * 3 * 0.1**3),
        ("a string", "-0.6"),
    ],
    (NB, "largest_product"): [
        ("forgets the weight", 0.25**10),
        ("weight once", 2 * 0.25**10),
        ("a multiple, not a power", 0.5 * 10),
        ("nine factors", 0.5**9),
        ("a string", "0.5**10"),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    (NB, "swish_prime"): activations.check_swish_prime,
    (NB, "log_softmax_jacobian"): activations.check_log_softmax_jacobian,
    (NB, "chain_gradient"): activations.check_chain_gradient,
    (NB, "largest_product"): lambda a, quiet: activations.check_vanishing_factor(
        a, weight=2, quiet=quiet
    ),
}
