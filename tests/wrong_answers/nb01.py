"""Notebook 01_perceptron: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import perceptron


def update(w, x, label, *, sign=1, strict=False, always=False):
    s = np.dot(w, x)
    fires = s > 0 if strict else s >= 0
    if not always and bool(fires) == bool(label):
        return w
    return w + sign * x if label == 1 else w - sign * x


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("01_perceptron", "my_threshold_unit"): [
        ("strict inequality", lambda w, x: int(np.dot(w, x) > 0)),
        ("forgets the bias", lambda w, x: int(np.dot(w[1:], x[1:]) >= 0)),
        ("returns the sum", lambda w, x: np.dot(w, x)),
        ("inverted output", lambda w, x: int(np.dot(w, x) < 0)),
    ],
    ("01_perceptron", "my_perceptron_update"): [
        ("swapped signs", lambda w, x, label: update(w, x, label, sign=-1)),
        ("always updates", lambda w, x, label: update(w, x, label, always=True)),
        ("strict threshold", lambda w, x, label: update(w, x, label, strict=True)),
        ("never updates", lambda w, x, label: w),
    ],
    ("01_perceptron", "nand_weights"): [
        ("AND's weights", [-1.5, 1.0, 1.0]),
        ("OR's weights", [-1.0, 1.1, 1.1]),
        ("bias too small", [0.5, -1.0, -1.0]),
        ("two numbers", [-1.0, -1.0]),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("01_perceptron", "my_threshold_unit"): perceptron.check_threshold_unit,
    ("01_perceptron", "my_perceptron_update"): perceptron.check_update_rule,
    ("01_perceptron", "nand_weights"): lambda a, quiet: perceptron.check_gate_weights(
        a, "nand", quiet=quiet
    ),
}
