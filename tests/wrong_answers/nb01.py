"""Notebook 01_perceptron: the wrong answers its self-checks must reject."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import perceptron
from course_utils.toy_data import logic_gate

#: The notebook's train_perceptron, as the checks run it: (final weights, mistakes per epoch).
train = perceptron._train


def count_gates(max_epochs, *, learned=lambda w, errors, y, max_epochs: errors[-1] == 0, n=16):
    X = logic_gate("and")[0]
    columns = list(itertools.product([0, 1], repeat=4))[:n]
    count = 0
    for column in columns:
        w, errors = train(X, np.array(column), max_epochs=max_epochs)
        count += int(learned(w, errors, np.array(column), max_epochs))
    return count


def fires_right(w, errors, y, max_epochs):
    X = np.column_stack([np.ones(4), logic_gate("and")[0]])
    return np.array_equal((X @ w >= 0).astype(int), y)


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("01_perceptron", "majority_weights"): [
        ("a three-input AND", [-2.5, 1.0, 1.0, 1.0]),
        ("a three-input OR", [-0.5, 1.0, 1.0, 1.0]),
        ("bias with the wrong sign", [1.5, 1.0, 1.0, 1.0]),
        ("every inequality reversed", [1.5, -1.0, -1.0, -1.0]),
        ("forgets the third input", [-1.5, 1.0, 1.0]),
        ("unequal weights, one pair too weak", [-1.5, 1.0, 1.0, 0.4]),
    ],
    ("01_perceptron", "nor_learned_weights"): [
        ("stops after the first epoch", [-1, 0, -1]),
        ("a sum of 0 does not fire", [1, -1, -1]),
        ("hand-made weights, not learned", [0.5, -1, -1]),
        ("computes NOR, another trace", [2, -3, -3]),
        ("does not compute NOR", [-1, -1, -1]),
        ("no bias weight", [-1, -1]),
    ],
    ("01_perceptron", "epochs_from_starts"): [
        ("always starts from zero", lambda X, y, starts: [len(train(X, y)[1]) for _ in starts]),
        (
            "total mistakes",
            lambda X, y, starts: [sum(train(X, y, w_start=s)[1]) for s in starts],
        ),
        (
            "the clean epoch not counted",
            lambda X, y, starts: [len(train(X, y, w_start=s)[1]) - 1 for s in starts],
        ),
        ("only the last start", lambda X, y, starts: len(train(X, y, w_start=starts[-1])[1])),
        (
            "the first epoch's mistakes",
            lambda X, y, starts: [train(X, y, w_start=s)[1][0] for s in starts],
        ),
    ],
    ("01_perceptron", "count_learnable_gates"): [
        ("counts every gate", lambda max_epochs: count_gates(max_epochs, learned=lambda *a: True)),
        (
            "counts the gates not learned",
            lambda max_epochs: count_gates(max_epochs, learned=lambda w, e, y, m: e[-1] != 0),
        ),
        (
            "misses a gate that converges in the last allowed epoch",
            lambda max_epochs: count_gates(max_epochs, learned=lambda w, e, y, m: len(e) < m),
        ),
        (
            "right weights, no clean epoch yet",
            lambda max_epochs: count_gates(max_epochs, learned=fires_right),
        ),
        ("fifteen gates", lambda max_epochs: count_gates(max_epochs, n=15)),
        ("the count for 100 epochs, whatever max_epochs", lambda max_epochs: 14),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("01_perceptron", "majority_weights"): lambda a, quiet: perceptron.check_gate_weights(
        a, "majority", quiet=quiet
    ),
    ("01_perceptron", "nor_learned_weights"): perceptron.check_nor_learned_weights,
    ("01_perceptron", "epochs_from_starts"): perceptron.check_epochs_from_starts,
    ("01_perceptron", "count_learnable_gates"): perceptron.check_count_learnable_gates,
}
