"""Notebook 04_backpropagation: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import backprop

#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("04_backpropagation", "dense_backward"): [
        ("grad_b not summed", lambda x, W, b, g: (g @ W.T, x.T @ g, g)),
        ("grad_b averaged", lambda x, W, b, g: (g @ W.T, x.T @ g, g.mean(axis=0))),
        ("W not transposed", lambda x, W, b, g: (g @ W, x.T @ g, g.sum(axis=0))),
        ("grad_W transposed", lambda x, W, b, g: (g @ W.T, (x.T @ g).T, g.sum(axis=0))),
        ("grad_W divided by n", lambda x, W, b, g: (g @ W.T, x.T @ g / len(x), g.sum(axis=0))),
        ("order swapped", lambda x, W, b, g: (x.T @ g, g @ W.T, g.sum(axis=0))),
        ("forgets grad_b", lambda x, W, b, g: (g @ W.T, x.T @ g)),
    ],
    ("04_backpropagation", "count_parameters"): [
        ("forgets biases", lambda s: sum(a * b for a, b in zip(s[:-1], s[1:]))),
        ("biases of the inputs", lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:]))),
        ("no output bias", lambda s: sum(a * b + b for a, b in zip(s[:-1], s[1:])) - s[-1]),
        ("multiplies everything", lambda s: int(np.prod(s)) + sum(s[1:])),
        ("one bias per layer", lambda s: sum(a * b + 1 for a, b in zip(s[:-1], s[1:]))),
    ],
    ("04_backpropagation", "glorot_limit"): [
        ("Glorot normal's std", lambda i, o: np.sqrt(2 / (i + o))),
        ("He uniform", lambda i, o: np.sqrt(6 / i)),
        ("no square root", lambda i, o: 6 / (i + o)),
        ("root of the numerator", lambda i, o: np.sqrt(6) / (i + o)),
        ("LeCun's scale", lambda i, o: 1 / np.sqrt(i)),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("04_backpropagation", "dense_backward"): backprop.check_dense_backward,
    ("04_backpropagation", "count_parameters"): backprop.check_count_parameters,
    ("04_backpropagation", "glorot_limit"): backprop.check_glorot_limit,
}
