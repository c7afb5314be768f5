"""Self-checks for notebook 11 (regularization): cases and diagnoses.

>>> import numpy as np
>>> _ = check_l2_penalty(lambda ks, lam: lam * sum(float(np.sum(k ** 2)) for k in ks))
✅ l2_penalty passed all 4 checks. Well done!
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
    values_match,
)

CATALOGUE = Catalogue(
    "11_regularization",
    [
        Exercise(
            "l2_penalty",
            hint="the penalty adds up the square of every weight of every matrix in the list "
            "and scales the total by λ; it is one number.",
            nudge="Go through the list of weight matrices; for each, square every entry and "
            "add them all up; add the totals of all matrices; multiply by lam once at "
            "the end. Keras' l2 has no square root, no ½ and no averaging.",
        ),
        Exercise(
            "early_stopping_epochs",
            hint="walk through the losses keeping the best loss so far, its epoch, and how "
            "many epochs in a row have not improved on it; count epochs from 1.",
            nudge="An epoch improves only if its loss is strictly lower than the best so far; "
            "then it becomes the best and the count of bad epochs starts again from 0. "
            "Otherwise the count grows by one, and when it reaches patience training "
            "stops at that epoch. If the losses run out first, training stopped at the "
            "last epoch. The restored weights are those of the best epoch.",
        ),
    ],
)
hint = CATALOGUE.hint


def _penalty(
    kernels: Any, lam: float, *, per: Callable[[Any], float] = np.sum, scale: float = 1.0
) -> float:
    """The L2 penalty and (through the keywords) its plausible variants."""
    return scale * lam * sum(float(per(np.square(k))) for k in kernels)


def check_l2_penalty(
    l2_penalty: Callable[[Any, float], Any], *, quiet: bool = False
) -> CheckResult:
    """``l2_penalty(kernels, lam)`` must return ``lam`` times the sum of all squared weights,
    one number (as Keras' ``regularizers.l2(lam)`` adds to the loss)."""
    w = np.array([[0.5, -1.0, 2.0], [0.0, 1.5, -0.5]])
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(4, 8)), rng.normal(size=(8, 1))
    cases = [
        Case(([w], 0.04), 0.04 * 7.75, label="the notebook's 2 × 3 matrix, λ = 0.04"),
        Case(
            ([a, b], 0.01),
            0.01 * (np.sum(a**2) + np.sum(b**2)),
            label="two layers: add their penalties",
        ),
        Case(([np.array([[-3.0]])], 0.5), 4.5, label="a single negative weight"),
        Case(([a], 0.0), 0.0, label="λ = 0: no penalty"),
    ]
    mistakes = [
        Mistake(
            "return one number for all the matrices together.",
            when=lambda got, exp: np.ndim(got) > 0,
        ),
        Mistake(
            "that is the L1 penalty (absolute values); L2 squares the weights.",
            like=lambda ks, lam: lam * sum(float(np.sum(np.abs(k))) for k in ks),
        ),
        Mistake(
            "no square root: L2 weight decay uses the sum of squares, not the length of "
            "the weight vector.",
            like=lambda ks, lam: lam * sum(float(np.sqrt(np.sum(np.square(k)))) for k in ks),
        ),
        Mistake("Keras' l2 has no ½ in front.", like=lambda ks, lam: _penalty(ks, lam, scale=0.5)),
        Mistake(
            "add the squares up, do not average them.",
            like=lambda ks, lam: _penalty(ks, lam, per=np.mean),
        ),
        Mistake(
            "multiply by lam: it sets how strong the penalty is.",
            like=lambda ks, lam: _penalty(ks, 1.0),
        ),
        Mistake(
            "add the penalties of every matrix in the list, not only the first.",
            like=lambda ks, lam: _penalty(ks[:1], lam),
        ),
    ]
    return check_function(
        l2_penalty,
        cases,
        exercise=CATALOGUE["l2_penalty"],
        compare=lambda got, exp: np.ndim(got) == 0 and values_match(got, exp),
        mistakes=mistakes,
        quiet=quiet,
    )


def _stopping(
    val_losses: list[float],
    patience: int,
    *,
    ties_improve: bool = False,
) -> tuple[int, int]:
    """Keras' rule, and (``ties_improve``) its most common misreading."""
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best or (ties_improve and loss == best):
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch


def check_early_stopping_epochs(
    early_stopping_epochs: Callable[[Any, int], Any], *, quiet: bool = False
) -> CheckResult:
    """``early_stopping_epochs(val_losses, patience)`` must return ``(stopped, restored)``, 1-based.

    Keras' rule: an epoch improves only if its loss is strictly below the best so far; training
    stops after ``patience`` epochs in a row without improvement (or when the losses run out);
    ``restore_best_weights`` restores the epoch with the lowest loss (the first one, on a tie).
    """
    cases = [
        Case(
            ([0.9, 0.7, 0.6, 0.65, 0.7, 0.8], 2),
            (5, 3),
            label="lowest at epoch 3, two bad epochs follow",
        ),
        Case(([0.9, 0.7, 0.6, 0.65, 0.7, 0.8], 3), (6, 3), label="patience 3"),
        Case(([0.5, 0.4, 0.3, 0.2], 2), (4, 4), label="always improving: runs to the end"),
        Case(([0.5, 0.5, 0.5, 0.4, 0.6], 2), (3, 1), label="equal losses"),
        Case(
            ([0.8, 0.6, 0.7, 0.5, 0.55, 0.6, 0.7], 2), (6, 4), label="a new best after a bad epoch"
        ),
        Case(
            ([0.3, 0.4, 0.35, 0.32, 0.31, 0.2], 4),
            (5, 1),
            label="patience 4: it stops just before a better epoch",
        ),
    ]

    def shifted(losses: list[float], patience: int, by: int) -> tuple[int, int]:
        stopped, restored = _stopping(losses, patience)
        return stopped + by, restored + by

    mistakes = [
        Mistake(
            "return the pair (stopped, restored) as a tuple of two ints.",
            when=lambda got, exp: not isinstance(got, tuple | list) or len(got) != 2,
        ),
        Mistake(
            "epochs are counted from 1, as Keras prints them.", like=lambda v, p: shifted(v, p, -1)
        ),
        Mistake(
            "an equal loss is not an improvement: only a strictly lower one resets the count.",
            like=lambda v, p: _stopping(v, p, ties_improve=True),
        ),
        Mistake(
            "training stops when the count of epochs without improvement reaches "
            "patience, not one later.",
            like=lambda v, p: _stopping(v, p + 1),
        ),
        Mistake(
            "the restored weights are those of the best epoch, not the last one.",
            like=lambda v, p: (_stopping(v, p)[0],) * 2,
        ),
        Mistake(
            "the pair is (stopped, restored), in that order.",
            like=lambda v, p: _stopping(v, p)[::-1],
        ),
        Mistake(
            "training does not stop at the best epoch: it goes on for patience more "
            "epochs to be sure.",
            like=lambda v, p: (int(np.argmin(v)) + 1,) * 2,
        ),
    ]
    return check_function(
        early_stopping_epochs,
        cases,
        exercise=CATALOGUE["early_stopping_epochs"],
        compare=_pair_of_ints,
        mistakes=mistakes,
        quiet=quiet,
    )


def _pair_of_ints(got: Any, expected: tuple[int, int]) -> bool:
    if not isinstance(got, tuple | list) or len(got) != 2:
        return False
    return all(isinstance(g, int | np.integer) and int(g) == e for g, e in zip(got, expected))
