"""Notebook 02_activation_functions: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import activations

#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("02_activation_functions", "relu_derivative"): [
        ("ReLU itself", lambda x: np.maximum(0, x)),
        ("slope 1 at 0", lambda x: (np.asarray(x) >= 0).astype(float)),
        ("Leaky ReLU's slope", lambda x: np.where(x > 0, 1.0, 0.1)),
        ("scalar logic", lambda x: 1.0 if x > 0 else 0.0),
        ("wrong shape", lambda x: (np.asarray(x) > 0).astype(float)[:1]),
    ],
    ("02_activation_functions", "softmax_stable"): [
        ("overflows at 1000", lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)),
        ("whole batch as one", lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()),
        ("forgets np.exp", lambda z: z / z.sum(axis=-1, keepdims=True)),
        (
            "columns, not rows",
            lambda z: (
                np.exp(z - z.max(axis=0, keepdims=True))
                / np.exp(z - z.max(axis=0, keepdims=True)).sum(axis=0, keepdims=True)
            ),
        ),
    ],
    ("02_activation_functions", "largest_product"): [
        ("forgets the weight", 0.25**10),
        ("weight once", 2 * 0.25**10),
        ("a multiple, not a power", 0.5 * 10),
        ("nine factors", 0.5**9),
        ("a string", "0.5**10"),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("02_activation_functions", "relu_derivative"): activations.check_relu_derivative,
    ("02_activation_functions", "softmax_stable"): activations.check_softmax,
    ("02_activation_functions", "largest_product"): lambda a, quiet: (
        activations.check_vanishing_factor(a, weight=2, quiet=quiet)
    ),
}
