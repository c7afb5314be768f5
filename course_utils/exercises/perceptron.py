"""Self-checks for notebook 01 (the perceptron): cases and diagnoses.

>>> import numpy as np
>>> _ = check_threshold_unit(lambda w, x: int(np.dot(w, x) >= 0))
✅ my_threshold_unit passed all 6 checks. Well done!
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
    Problem,
    check_answer,
    check_function,
    show,
)
from course_utils.toy_data import logic_gate

CATALOGUE = Catalogue(
    "01_perceptron",
    [
        Exercise(
            "my_threshold_unit",
            hint="add up every input times its weight (the bias pair w[0], x[0] included) and "
            "turn the sum into 1 or 0.",
            nudge="The bias is already inside w and x (x[0] is always 1), so no separate "
            "threshold is needed. The unit fires when the weighted sum reaches zero: "
            "think about what it must return when the sum is exactly zero. Return a "
            "plain 1 or 0, not the sum.",
        ),
        Exercise(
            "my_perceptron_update",
            hint="only a misclassified example changes w, and it moves w so as to fix that "
            "mistake.",
            nudge="First decide whether the unit fires for x, with the same test as in "
            "exercise 1. That leaves four situations (label 0 or 1, fires or not); only "
            "two are mistakes. A missed positive example should pull w towards x, a "
            "false alarm should push w away from x. The other two leave w as it is.",
        ),
        Exercise(
            "nand_weights",
            hint="write the four inequalities w0 + w1·x1 + w2·x2 ≥ 0 (output 1) or < 0 "
            "(output 0), one per row of the truth table, and pick numbers that satisfy "
            "all of them.",
            nudge="Start with the row (0, 0): only w0 counts there, and NAND must give 1, so "
            "the sign of w0 is decided. The row (1, 1) must give 0: what does that ask "
            "of w1 + w2 compared with w0? Then check the rows (0, 1) and (1, 0).",
        ),
    ],
)
hint = CATALOGUE.hint


def _with_bias(X: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones(len(X)), X])


def check_threshold_unit(
    threshold_unit: Callable[[Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``threshold_unit(w, x)`` must return 1 when the weighted sum is at least 0, else 0
    (``x[0]`` is the bias input 1)."""
    w_or = np.array([-1.0, 1.1, 1.1])
    cases = [
        Case((w_or, x), int(x @ w_or >= 0), label=f"OR gate, input {x[1:].astype(int)}")
        for x in _with_bias(logic_gate("or")[0])
    ]
    cases += [
        Case(
            (np.array([-2.0, 1.0, 1.0]), np.array([1.0, 1.0, 1.0])),
            1,
            label="sum exactly 0: the unit fires when the sum reaches the threshold",
        ),
        Case(
            (np.array([0.5, -1.0, 0.25, 2.0]), np.array([1.0, 3.0, 2.0, 0.5])),
            0,
            label="three inputs",
        ),
    ]
    mistakes = [
        Mistake(
            "a sum of exactly 0 reaches the threshold: 'at least' includes equality.",
            like=lambda w, x: int(np.dot(w, x) > 0),
        ),
        Mistake(
            "w[0] · x[0] is the bias term: leave it in the sum.",
            like=lambda w, x: int(np.dot(w[1:], x[1:]) >= 0),
        ),
        Mistake(
            "return 0 or 1 (does the unit fire?), not the weighted sum itself.",
            when=lambda got, exp: got not in (0, 1),
        ),
    ]
    return check_function(
        threshold_unit,
        cases,
        exercise=CATALOGUE["my_threshold_unit"],
        mistakes=mistakes,
        quiet=quiet,
    )


def _update(
    w: Any,
    x: Any,
    label: int,
    *,
    add: int = 1,
    fires_at_zero: bool = True,
    only_mistakes: bool = True,
) -> Any:
    """The learning rule and its plausible variants (for the diagnoses)."""
    total = np.dot(w, x)
    fires = total >= 0 if fires_at_zero else total > 0
    if only_mistakes and bool(fires) == bool(label):
        return w
    return w + add * x if label == 1 else w - add * x


def check_update_rule(
    perceptron_update: Callable[[Any, Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``perceptron_update(w, x, label)`` must return the new weights after one example, by the
    perceptron learning rule (see the notebook's task)."""
    w = np.array([-0.5, 0.2, 0.4])
    cases = [
        Case(
            (w, np.array([1.0, 0.0, 0.0]), 1),
            w + [1.0, 0.0, 0.0],
            label="x in P but w·x < 0: misclassified",
        ),
        Case(
            (w, np.array([1.0, 1.0, 1.0]), 0),
            w - [1.0, 1.0, 1.0],
            label="x in N but w·x >= 0: misclassified",
        ),
        Case((w, np.array([1.0, 1.0, 1.0]), 1), w, label="x in P and w·x >= 0: already right"),
        Case((w, np.array([1.0, 0.0, 1.0]), 0), w, label="x in N and w·x < 0: already right"),
        Case(
            (np.array([0.0, 0.0, 0.0]), np.array([1.0, 0.0, 1.0]), 0),
            np.array([-1.0, 0.0, -1.0]),
            label="w·x = 0 counts as 'fires', so x in N is wrong",
        ),
    ]
    mistakes = [
        Mistake(
            "the directions are swapped: a missed positive example pulls w towards x, a "
            "false alarm pushes it away.",
            like=lambda w, x, label: _update(w, x, label, add=-1),
        ),
        Mistake(
            "only a misclassified example changes w; a correct one leaves it as it is.",
            like=lambda w, x, label: _update(w, x, label, only_mistakes=False),
        ),
        Mistake(
            "w·x = 0 already counts as 'fires' (as in exercise 1).",
            like=lambda w, x, label: _update(w, x, label, fires_at_zero=False),
        ),
        Mistake(
            "w never changes: a misclassified example must move it.", like=lambda w, x, label: w
        ),
    ]
    return check_function(
        perceptron_update,
        cases,
        exercise=CATALOGUE["my_perceptron_update"],
        mistakes=mistakes,
        quiet=quiet,
    )


def check_gate_weights(w: Any, gate: str, *, quiet: bool = False) -> CheckResult:
    """Do the weights ``w = [w0, w1, w2]`` make a threshold unit compute ``gate``?

    Any weights that satisfy the four rows pass; the first row that fails is named.
    """
    X, y = logic_gate(gate)

    def inspect(weights: Any) -> str:
        try:
            w_arr = np.asarray(weights, dtype=float)
        except (TypeError, ValueError):
            w_arr = np.empty(0)
        if w_arr.shape != (3,):
            raise Problem(f"expected three numbers [w0, w1, w2], got {show(weights)}")
        out = (_with_bias(X) @ w_arr >= 0).astype(int)
        wrong = [(tuple(int(v) for v in x), int(t), int(o)) for x, t, o in zip(X, y, out) if t != o]
        if wrong:
            x, t, o = wrong[0]
            raise Problem(
                f"for input {x} the unit outputs {o}, but {gate.upper()} gives {t} "
                f"({len(wrong)} of 4 rows wrong)."
            )
        return ": all four rows of the truth table are right."

    exercise = (
        CATALOGUE[f"{gate}_weights"] if f"{gate}_weights" in CATALOGUE.names else f"{gate}_weights"
    )
    return check_answer(
        w, inspect, exercise=exercise, shown=f"weights for {gate.upper()}", quiet=quiet
    )
