"""Self-checks for notebook 11 (regularization): cases and diagnoses.

>>> import numpy as np
>>> _ = check_dropout_at_inference(lambda x, rate, inverted: x if inverted else x * (1 - rate))
✅ dropout_at_inference passed all 5 checks. Well done!
"""

from __future__ import annotations

import math
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
    same_int,
)

CATALOGUE = Catalogue(
    "11_regularization",
    [
        Exercise(
            "dropout_at_inference",
            hint="during training each output is kept with some probability and then either "
            "scaled or not; at prediction time the next layer should receive what it received "
            "on average during training.",
            nudge="Work out the expected value of one output during training under each "
            "convention: with probability rate it is 0, otherwise it is x (original) or x "
            "scaled up (inverted). At prediction time every unit is kept, so the output must "
            "be made equal to that expected value.",
        ),
        Exercise(
            "early_stopping_epochs",
            hint="walk through the losses keeping the best loss so far, its epoch, and how "
            "many epochs in a row have not improved on it; count epochs from 1.",
            nudge="Play Keras by hand on [0.9, 0.7, 0.6, 0.65, 0.7, 0.8] with patience 2: after "
            "each epoch, is its loss strictly lower than the best so far, and how many epochs "
            "in a row have not been? Training ends at (5, 3) here. What do you return when the "
            "list runs out before patience is reached?",
        ),
        Exercise(
            "steps_to_forget",
            hint="write down the running average after 1, 2 and 3 steps: how far from 1 is it "
            "each time, and by what factor does that distance shrink at every step?",
            nudge="With momentum 0.5 the average goes 0, 0.5, 0.75, 0.875: its distance from 1 "
            "goes 1, 0.5, 0.25, 0.125. Find the rule that takes one distance to the next, then "
            "count steps; a distance exactly equal to the tolerance is close enough.",
        ),
    ],
)
hint = CATALOGUE.hint


def _inference(x: Any, rate: float, inverted: bool, *, factor: str = "keep") -> Any:
    """The right answer and (through ``factor``) its plausible variants."""
    x = np.asarray(x, dtype=float)
    scale = {"keep": 1 - rate, "rate": rate, "divide": 1 / (1 - rate), "none": 1.0}[factor]
    return x if inverted else x * scale


def check_dropout_at_inference(
    dropout_at_inference: Callable[[Any, float, bool], Any], *, quiet: bool = False
) -> CheckResult:
    """``dropout_at_inference(x, rate, inverted)``: a dropout layer's output at prediction time.

    Inverted dropout (Keras) scales during training, so nothing happens at inference; the
    original dropout does not scale during training, so at inference the outputs are scaled by
    the probability of keeping a unit.
    """
    x = np.array([[1.0, -2.0, 0.5], [4.0, 0.0, -1.5]])
    cases = [
        Case((x, 0.4, True), x, label="inverted dropout, rate 0.4"),
        Case((x, 0.4, False), x * 0.6, label="original dropout, rate 0.4"),
        Case((x, 0.25, False), x * 0.75, label="original dropout, rate 0.25"),
        Case((np.array([2.0, 8.0]), 0.5, False), np.array([1.0, 4.0]), label="rate 0.5"),
        Case((x, 0.0, False), x, label="rate 0: nothing is ever dropped"),
    ]
    mistakes = [
        Mistake(
            "at prediction time every unit is kept, so no output is set to zero: there is no "
            "random mask to apply.",
            when=lambda got, exp: (
                np.ndim(got) == np.ndim(exp)
                and np.shape(got) == np.shape(exp)
                and np.any((np.asarray(got) == 0) & (np.asarray(exp) != 0))
            ),
        ),
        Mistake(
            "the original convention left the kept outputs unscaled in training, so the "
            "next layer is used to a smaller total: at prediction time the outputs must be "
            "made smaller, not larger.",
            like=lambda x, r, inv: _inference(x, r, inv, factor="divide"),
        ),
        Mistake(
            "the factor is the probability of keeping a unit, not of dropping it.",
            like=lambda x, r, inv: _inference(x, r, inv, factor="rate"),
        ),
        Mistake(
            "under the original convention the outputs do need adjusting at prediction time: "
            "every unit now takes part, so the next layer would get a larger total than in "
            "training.",
            like=lambda x, r, inv: _inference(x, r, inv, factor="none"),
        ),
        Mistake(
            "the two conventions are swapped: inverted dropout already scaled during "
            "training, so at prediction time it leaves the outputs alone.",
            like=lambda x, r, inv: _inference(x, r, not inv),
        ),
        Mistake(
            "inverted dropout scaled during training, so at prediction time it leaves the "
            "outputs alone.",
            like=lambda x, r, inv: _inference(x, r, False),
        ),
    ]
    return check_function(
        dropout_at_inference,
        cases,
        exercise=CATALOGUE["dropout_at_inference"],
        mistakes=mistakes,
        quiet=quiet,
    )


def _stopping(
    val_losses: list[float],
    patience: int,
    *,
    ties_improve: bool = False,
    against_previous: bool = False,
) -> tuple[int, int]:
    """Keras' rule, and (the keywords) its common misreadings: ties count as improvements, or
    each epoch is compared with the one before it instead of with the best so far."""
    best, best_epoch, wait, previous = float("inf"), 0, 0, float("inf")
    for epoch, loss in enumerate(val_losses, start=1):
        improved = loss < previous if against_previous else loss < best
        previous = loss
        if improved or (ties_improve and loss == best):
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
        Mistake(
            "an epoch improves when it beats the best loss so far, not the epoch just before it.",
            like=lambda v, p: _stopping(v, p, against_previous=True),
        ),
        Mistake(
            "the restored epoch must be one that training reached: look for the best epoch "
            "only up to the one where it stopped.",
            when=lambda got, exp: (
                isinstance(got, tuple | list)
                and len(got) == 2
                and all(isinstance(g, int | np.integer) for g in got)
                and got[1] > got[0]
            ),
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


def _forget(momentum: float, tolerance: float, *, strict: bool = False, shift: int = 0) -> int:
    """The right count of steps and (``strict``, ``shift``) its plausible variants."""
    steps, remaining = 0, 1.0
    while remaining > tolerance or (strict and remaining == tolerance):
        remaining *= momentum
        steps += 1
    return steps + shift


def check_steps_to_forget(
    steps_to_forget: Callable[[float, float], Any], *, quiet: bool = False
) -> CheckResult:
    """``steps_to_forget(momentum, tolerance)``: the fewest steps after which a running average
    that starts at 0 and is fed the value 1 at every step is at least ``1 - tolerance``."""
    cases = [
        Case((0.5, 0.25), 2, label="momentum 0.5: the distance halves at each step"),
        Case((0.9, 0.01), _forget(0.9, 0.01), label="momentum 0.9, within 1 %"),
        Case((0.99, 0.01), _forget(0.99, 0.01), label="Keras' default momentum 0.99, within 1 %"),
        Case((0.5, 0.3), 2, label="a tolerance between two steps"),
        Case((0.8, 1.0), 0, label="a tolerance of 1: already close enough before any step"),
    ]
    mistakes = [
        Mistake(
            "the answer is a count of steps: return an int, not a float.",
            when=lambda got, exp: isinstance(got, float | np.floating),
        ),
        Mistake(
            "a distance exactly equal to the tolerance is close enough: do not take one more step.",
            like=lambda m, t: _forget(m, t, strict=True),
        ),
        Mistake(
            "one step too many: count the steps until the distance is within the tolerance, "
            "not one beyond.",
            like=lambda m, t: _forget(m, t, shift=1),
        ),
        Mistake(
            "one step too few: after that many steps the average is not yet close enough.",
            like=lambda m, t: max(_forget(m, t) - 1, 0),
        ),
        Mistake(
            "the distance from 1 shrinks by the momentum at every step, not by one minus "
            "the momentum.",
            like=lambda m, t: _forget(1 - m, t) if 0 < m < 1 else 0,
        ),
        Mistake(
            "the distance from 1 shrinks by the momentum at every step, not by one minus "
            "the momentum.",
            like=lambda m, t: (
                max(0, math.ceil(math.log(t) / math.log(1 - m) - 1e-9))
                if 0 < m < 1 and t > 0
                else 0
            ),
        ),
        Mistake(
            "rounding a logarithm to the nearest whole number can land one step short; the "
            "count must make the distance no more than the tolerance, so round up.",
            like=lambda m, t: round(math.log(t) / math.log(m)) if 0 < m < 1 and t > 0 else 0,
        ),
        Mistake(
            "rounding a logarithm down gives one step too few whenever the answer is not an "
            "exact power; round up.",
            like=lambda m, t: int(math.log(t) / math.log(m)) if 0 < m < 1 and t > 0 else 0,
        ),
    ]
    return check_function(
        steps_to_forget,
        cases,
        exercise=CATALOGUE["steps_to_forget"],
        compare=same_int,
        mistakes=mistakes,
        quiet=quiet,
    )
