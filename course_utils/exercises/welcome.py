"""Self-checks for notebook 00 (welcome).

>>> _ = check_fahrenheit(lambda c: 1.8 * c + 32)
✅ fahrenheit passed all 4 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import FAIL, PASS, TODO, Case, CheckResult, check_function, \
    check_value, make_result, show

#: The scenarios of the "which approach?" exercise and the approach each one calls for.
APPROACH_ANSWERS = {
    "tax owed from income, by the law's brackets": "rules",
    "house price from size, rooms and postcode, given past sales": "machine learning",
    "which animal is in a photo, from its raw pixels": "deep learning",
    "spoken words from a raw audio recording": "deep learning",
}
APPROACHES = ("rules", "machine learning", "deep learning")


def check_fahrenheit(fahrenheit: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    """``fahrenheit(celsius)`` must return the exact conversion ``1.8 * celsius + 32``."""
    cases = [Case((0,), 32.0, label="water freezes"), Case((100,), 212.0, label="water boils"),
             Case((-40,), -40.0, label="where the scales meet"),
             Case((np.array([20.0, 37.0]),), np.array([68.0, 98.6]), label="an array of values")]
    return check_function(fahrenheit, cases, name="fahrenheit", quiet=quiet,
                          hint="Multiply by 9/5 (that is 1.8), then add 32.")


def check_learned_rule(learned_rule: Any, celsius: Any, fahrenheit_measured: Any, *,
                       name: str = "learned_rule", quiet: bool = False) -> CheckResult:
    """``learned_rule`` must be the least-squares line ``[slope, intercept]`` through the data.

    ``celsius`` and ``fahrenheit_measured`` are the readings the learner was asked to fit (all
    of them, or a slice); ``name`` is the learner's variable, used in the message.

    >>> _ = check_learned_rule([1.8, 32.0], [0, 10], [32.0, 50.0], name="rule_from_two")
    ✅ rule_from_two (slope, intercept) is right. Well done!
    """
    x = np.asarray(celsius, dtype=float)
    y = np.asarray(fahrenheit_measured, dtype=float)
    if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
        raise ValueError("celsius and fahrenheit_measured must be 1-D arrays of equal length >= 2")
    expected = np.polyfit(x, y, deg=1)
    return check_value(learned_rule, expected, name=f"{name} (slope, intercept)",
                       quiet=quiet,
                       compare=lambda got, exp: np.shape(got) == (2,) and np.allclose(got, exp,
                                                                                      atol=1e-3),
                       hint="np.polyfit(x, y, deg=1) returns [slope, intercept] of the best "
                            "straight line through the points (x, y): pass exactly the "
                            "readings the task names.")


def check_approaches(answers: Any, *, quiet: bool = False) -> CheckResult:
    """``answers`` maps each scenario of :data:`APPROACH_ANSWERS` to one of :data:`APPROACHES`."""
    name = "approaches"
    if answers is Ellipsis:
        return make_result(name, False, f"{TODO} {name}: replace the `...` with your dictionary.",
                           quiet=quiet, not_implemented=True)
    if not isinstance(answers, dict) or set(answers) != set(APPROACH_ANSWERS):
        return make_result(name, False, f"{FAIL} {name}: give a dict with exactly the four "
                           f"scenarios as keys (copy them from the task); got {show(answers)}",
                           quiet=quiet)
    for scenario, expected in APPROACH_ANSWERS.items():
        got = str(answers[scenario]).strip().lower()
        if got not in APPROACHES:
            return make_result(name, False, f"{FAIL} {name}: '{answers[scenario]}' is not one "
                               f"of {', '.join(APPROACHES)}", quiet=quiet)
        if got != expected:
            return make_result(name, False,
                               f"{FAIL} {name}: '{scenario}' is not best solved by {got}.\n"
                               f"   Hint: are the rules known exactly? If not, are there good "
                               f"hand-made features, or only raw signals?", quiet=quiet)
    return make_result(name, True, f"{PASS} {name}: all four scenarios placed right. Well done!",
                       quiet=quiet)
