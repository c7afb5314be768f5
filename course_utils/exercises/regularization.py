"""Self-checks for notebook 11 (regularization).

>>> import numpy as np
>>> _ = check_l2_penalty(lambda ks, lam: lam * sum(float(np.sum(k ** 2)) for k in ks))
✅ l2_penalty passed all 4 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import Case, CheckResult, check_function, values_match


def check_l2_penalty(l2_penalty: Callable[[Any, float], Any], *,
                     quiet: bool = False) -> CheckResult:
    """``l2_penalty(kernels, lam)`` must return ``lam * sum of all squared weights``."""
    w = np.array([[0.5, -1.0, 2.0], [0.0, 1.5, -0.5]])
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(4, 8)), rng.normal(size=(8, 1))
    cases = [
        Case(([w], 0.04), 0.04 * 7.75, label="the notebook's 2 × 3 matrix, λ = 0.04"),
        Case(([a, b], 0.01), 0.01 * (np.sum(a ** 2) + np.sum(b ** 2)),
             label="two layers: add their penalties"),
        Case(([np.array([[-3.0]])], 0.5), 4.5, label="a single negative weight: square it"),
        Case(([a], 0.0), 0.0, label="λ = 0: no penalty"),
    ]
    return check_function(l2_penalty, cases, name="l2_penalty", quiet=quiet,
                          compare=lambda got, exp: np.ndim(got) == 0 and values_match(got, exp),
                          hint="Square every weight, add them all up (over every matrix in the "
                               "list), then multiply by λ. No square root, no 1/2, no mean.")


def check_early_stopping_epochs(early_stopping_epochs: Callable[[Any, int], Any], *,
                                quiet: bool = False) -> CheckResult:
    """``early_stopping_epochs(val_losses, patience)`` must return ``(stopped, restored)``, 1-based.

    Keras' rule: an epoch improves only if its loss is strictly below the best so far; training
    stops after ``patience`` epochs in a row without improvement (or when the losses run out);
    ``restore_best_weights`` restores the epoch with the lowest loss (the first one, on a tie).
    """
    cases = [
        Case(([0.9, 0.7, 0.6, 0.65, 0.7, 0.8], 2), (5, 3),
             label="lowest at epoch 3, two bad epochs follow"),
        Case(([0.9, 0.7, 0.6, 0.65, 0.7, 0.8], 3), (6, 3), label="patience 3"),
        Case(([0.5, 0.4, 0.3, 0.2], 2), (4, 4), label="always improving: runs to the end"),
        Case(([0.5, 0.5, 0.5, 0.4, 0.6], 2), (3, 1),
             label="equal losses are not improvements"),
        Case(([0.8, 0.6, 0.7, 0.5, 0.55, 0.6, 0.7], 2), (6, 4),
             label="a new best resets the count"),
        Case(([0.3, 0.4, 0.35, 0.32, 0.31, 0.2], 4), (5, 1),
             label="patience 4: it stops just before a better epoch"),
    ]
    return check_function(early_stopping_epochs, cases, name="early_stopping_epochs",
                          quiet=quiet, compare=_pair_of_ints,
                          hint="Walk through the losses keeping the best loss, its epoch and a "
                               "counter of epochs without improvement (reset on a strictly "
                               "lower loss). Stop when the counter reaches patience. Count "
                               "epochs from 1.")


def _pair_of_ints(got: Any, expected: tuple[int, int]) -> bool:
    if not isinstance(got, tuple | list) or len(got) != 2:
        return False
    return all(isinstance(g, int | np.integer) and int(g) == e for g, e in zip(got, expected))
