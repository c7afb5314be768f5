"""Self-checks for notebook 01 (the perceptron).

>>> import numpy as np
>>> _ = check_threshold_unit(lambda w, x: int(np.dot(w, x) >= 0))
✅ threshold_unit passed all 6 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import FAIL, PASS, TODO, Case, CheckResult, check_function, make_result, show
from course_utils.exercises._outputs import learner_name
from course_utils.toy_data import logic_gate


def _with_bias(X: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones(len(X)), X])


def check_threshold_unit(threshold_unit: Callable[[Any, Any], Any], *,
                         quiet: bool = False) -> CheckResult:
    """``threshold_unit(w, x)`` must return 1 if ``w · x >= 0`` else 0 (``x[0]`` is the bias input 1)."""
    w_or = np.array([-1.0, 1.1, 1.1])
    cases = [Case((w_or, x), int(x @ w_or >= 0), label=f"OR gate, input {x[1:].astype(int)}")
             for x in _with_bias(logic_gate("or")[0])]
    cases += [
        Case((np.array([-2.0, 1.0, 1.0]), np.array([1.0, 1.0, 1.0])), 1,
             label="sum exactly 0: the unit fires when the sum reaches the threshold"),
        Case((np.array([0.5, -1.0, 0.25, 2.0]), np.array([1.0, 3.0, 2.0, 0.5])), 0,
             label="three inputs"),
    ]
    return check_function(threshold_unit, cases, quiet=quiet,
                          name=learner_name(threshold_unit, "threshold_unit"),
                          hint="Compute the weighted sum np.dot(w, x) and compare it with 0 "
                               "using >= (the bias w[0] is already inside the sum).")


def check_update_rule(perceptron_update: Callable[[Any, Any, Any], Any], *,
                      quiet: bool = False) -> CheckResult:
    """``perceptron_update(w, x, label)`` must return the new weights after one example.

    Rule: if ``label == 1`` and ``w · x < 0``, add ``x``; if ``label == 0`` and ``w · x >= 0``,
    subtract ``x``; otherwise return ``w`` unchanged.
    """
    w = np.array([-0.5, 0.2, 0.4])
    cases = [
        Case((w, np.array([1.0, 0.0, 0.0]), 1), w + [1.0, 0.0, 0.0],
             label="x in P but w·x < 0: add x"),
        Case((w, np.array([1.0, 1.0, 1.0]), 0), w - [1.0, 1.0, 1.0],
             label="x in N but w·x >= 0: subtract x"),
        Case((w, np.array([1.0, 1.0, 1.0]), 1), w, label="x in P and w·x >= 0: already right"),
        Case((w, np.array([1.0, 0.0, 1.0]), 0), w, label="x in N and w·x < 0: already right"),
        Case((np.array([0.0, 0.0, 0.0]), np.array([1.0, 0.0, 1.0]), 0),
             np.array([-1.0, 0.0, -1.0]), label="w·x = 0 counts as 'fires', so x in N is wrong"),
    ]
    return check_function(perceptron_update, cases, quiet=quiet,
                          name=learner_name(perceptron_update, "perceptron_update"),
                          hint="Only a misclassified x changes w: w + x for a positive "
                               "example, w - x for a negative one. Return w unchanged otherwise.")


def check_gate_weights(w: Any, gate: str, *, quiet: bool = False) -> CheckResult:
    """Do the weights ``w = [w0, w1, w2]`` make a threshold unit compute ``gate``?"""
    X, y = logic_gate(gate)
    name = f"weights for {gate.upper()}"
    if w is Ellipsis:
        return make_result(name, False, f"{TODO} {name}: replace the `...` with three numbers.",
                       quiet=quiet, not_implemented=True)
    try:
        w_arr = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        w_arr = np.empty(0)
    if w_arr.shape != (3,):
        return make_result(name, False, f"{FAIL} {name}: expected three numbers [w0, w1, w2], "
                       f"got {show(w)}", quiet=quiet)
    out = (_with_bias(X) @ w_arr >= 0).astype(int)
    wrong = [(tuple(int(v) for v in x), int(t), int(o)) for x, t, o in zip(X, y, out) if t != o]
    if wrong:
        x, t, o = wrong[0]
        return make_result(name, False,
                       f"{FAIL} {name}: for input {x} the unit outputs {o}, but {gate.upper()} "
                       f"gives {t} ({len(wrong)} of 4 rows wrong).\n   Hint: write the four "
                       f"inequalities w0 + w1·x1 + w2·x2 >= 0 or < 0 and pick numbers that "
                       f"satisfy all of them.", quiet=quiet)
    return make_result(name, True, f"{PASS} {name}: all four rows of the truth table are right. "
                   f"Well done!", quiet=quiet)
