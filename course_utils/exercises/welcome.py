"""Self-checks for notebook 00 (welcome): cases and diagnoses; the mechanism is
:mod:`course_utils.checking`.

>>> _ = check_fahrenheit(lambda c: 1.8 * c + 32)
✅ fahrenheit passed all 4 checks. Well done!
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
    check_value,
    show,
)

CATALOGUE = Catalogue(
    "00_welcome",
    [
        Exercise(
            "fahrenheit",
            hint="the exact rule scales the Celsius value, then shifts it so that 0 °C lands "
            "on the freezing point of water in Fahrenheit.",
            nudge="Between freezing and boiling, Celsius counts 100 degrees and Fahrenheit "
            "180: how many degrees Fahrenheit is one degree Celsius worth? Scale by "
            "that first, then shift by the Fahrenheit freezing point. NumPy arrays "
            "follow the same arithmetic as plain numbers.",
        ),
        Exercise(
            "rule_from_two",
            hint="learn the line with the same call as in the lesson, from exactly the two "
            "readings the task names (Celsius first, Fahrenheit second).",
            nudge="The lesson learned [slope, intercept] from all seven readings with one call. "
            "Make the same call, but give it only the two readings at 0 °C and 8 °C: "
            "the temperatures you predict from first, the ones you predict second, and "
            "degree 1 for a straight line.",
        ),
        Exercise(
            "approaches",
            hint="are the rules known exactly? If not, are there good hand-made features, or "
            "only raw signals?",
            nudge="Rules: someone can write the exact rule down. Machine learning: the rule is "
            "unknown, but the inputs are already meaningful numbers a person chose. "
            "Deep learning: the inputs are raw signals (pixels, sound samples), so the "
            "features must be learned too.",
        ),
    ],
)
hint = CATALOGUE.hint

#: The scenarios of the "which approach?" exercise and the approach each one calls for.
APPROACH_ANSWERS = {
    "tax owed from income, by the law's brackets": "rules",
    "house price from size, rooms and postcode, given past sales": "machine learning",
    "which animal is in a photo, from its raw pixels": "deep learning",
    "spoken words from a raw audio recording": "deep learning",
}
APPROACHES = ("rules", "machine learning", "deep learning")


def check_fahrenheit(fahrenheit: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    """``fahrenheit(celsius)`` must return the exact conversion, for numbers and arrays."""
    cases = [
        Case((0,), 32.0, label="water freezes"),
        Case((100,), 212.0, label="water boils"),
        Case((-40,), -40.0, label="where the scales meet"),
        Case((np.array([20.0, 37.0]),), np.array([68.0, 98.6]), label="an array of values"),
    ]
    mistakes = [
        Mistake(
            "shift after scaling, not before: the brackets change the result.",
            like=lambda c: 1.8 * (c + 32),
        ),
        Mistake(
            "that converts the other way, from Fahrenheit to Celsius.",
            like=lambda c: (c - 32) / 1.8,
        ),
        Mistake(
            "the rule of thumb is close, but the task asks for the exact rule.",
            like=lambda c: 2 * c + 30,
        ),
    ]
    return check_function(
        fahrenheit, cases, exercise=CATALOGUE["fahrenheit"], mistakes=mistakes, quiet=quiet
    )


def check_learned_rule(
    learned_rule: Any,
    celsius: Any,
    fahrenheit_measured: Any,
    *,
    name: str = "rule_from_two",
    quiet: bool = False,
) -> CheckResult:
    """``learned_rule`` must be the least-squares line ``[slope, intercept]`` through the data.

    ``celsius`` and ``fahrenheit_measured`` are the readings the learner was asked to fit (all
    of them, or a slice); ``name`` is the learner's variable, used in the message. The right
    line is never shown.

    >>> _ = check_learned_rule([1.8, 32.0], [0, 10], [32.0, 50.0], name="rule_from_two")
    ✅ rule_from_two (slope, intercept) is right. Well done!
    """
    x = np.asarray(celsius, dtype=float)
    y = np.asarray(fahrenheit_measured, dtype=float)
    if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
        raise ValueError("celsius and fahrenheit_measured must be 1-D arrays of equal length >= 2")
    expected = np.polyfit(x, y, deg=1)

    def close(got: Any, exp: Any) -> bool:
        return np.shape(got) == (2,) and bool(np.allclose(np.asarray(got, float), exp, atol=1e-3))

    mistakes = [
        Mistake(
            "give two numbers, [slope, intercept]: a straight line is a polynomial of degree 1.",
            when=lambda got, exp: np.shape(got) != (2,),
        ),
        Mistake(
            "the two numbers are in the wrong order: polyfit gives the slope first.",
            like=expected[::-1],
        ),
        Mistake(
            "you learned Celsius from Fahrenheit: the temperatures you predict from come first.",
            like=np.polyfit(y, x, deg=1),
        ),
        Mistake(
            "that is the exact rule, not the line learned from these readings.",
            like=np.array([1.8, 32.0]),
        ),
    ]
    return check_value(
        learned_rule,
        expected,
        exercise=CATALOGUE["rule_from_two"],
        shown=f"{name} (slope, intercept)",
        mistakes=mistakes,
        compare=close,
        quiet=quiet,
    )


def _inspect_approaches(answers: Any) -> str:
    if not isinstance(answers, dict) or set(answers) != set(APPROACH_ANSWERS):
        raise Problem(
            f"give a dict with exactly the four scenarios as keys (copy them from the "
            f"task); got {show(answers)}",
            hint=f"each key is one scenario's text, each value one of {', '.join(APPROACHES)}.",
        )
    for scenario, expected in APPROACH_ANSWERS.items():
        got = str(answers[scenario]).strip().lower()
        if got not in APPROACHES:
            raise Problem(f"'{answers[scenario]}' is not one of {', '.join(APPROACHES)}.")
        if got != expected:
            raise Problem(f"'{scenario}' is not best solved by {got}.")
    return "places all four scenarios right."


def check_approaches(answers: Any, *, quiet: bool = False) -> CheckResult:
    """``answers`` maps each scenario of :data:`APPROACH_ANSWERS` to one of :data:`APPROACHES`."""
    return check_answer(answers, _inspect_approaches, exercise=CATALOGUE["approaches"], quiet=quiet)
