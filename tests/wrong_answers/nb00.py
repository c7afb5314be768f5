"""Notebook 00_welcome: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import welcome

CELSIUS = np.array([-10, 0, 8, 15, 22, 30, 38], dtype=float)
MEASURED = 1.8 * CELSIUS + 32 + np.random.default_rng(0).normal(0, 1.0, CELSIUS.size)
TWO_C, TWO_F = CELSIUS[1:3], MEASURED[1:3]


def _flipped(answers: dict[str, str], key: str, value: str) -> dict[str, str]:
    return {**answers, key: value}


LEARNED = welcome._LEARNED_OR_CHOSEN  # the right answers, to be spoiled one at a time
KINDS = welcome._LEARNING_KINDS


def _pairs(sizes: list[int]) -> list[tuple[int, int]]:
    return list(zip(sizes[:-1], sizes[1:]))


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("00_welcome", "rule_from_two"): [
        ("all seven readings", np.polyfit(CELSIUS, MEASURED, 1)),
        ("x and y swapped", np.polyfit(TWO_F, TWO_C, 1)),
        ("degree 2", np.polyfit(CELSIUS, MEASURED, 2)),
        ("the exact rule", [1.8, 32.0]),
        ("[intercept, slope]", np.polyfit(TWO_C, TWO_F, 1)[::-1]),
        ("one number", 1.8),
        (
            "the readings at -10 and 0 °C (positions off by one)",
            np.polyfit(CELSIUS[:2], MEASURED[:2], 1),
        ),
        ("the readings at 8 and 15 °C", np.polyfit(CELSIUS[2:4], MEASURED[2:4], 1)),
    ],
    ("00_welcome", "shift_at_100"): [
        ("the error stays 1 °F", 1.0),
        ("only the slope's change", 0.125),
        ("pivot at 8 °C, not 0 °C", 11.5),
        ("wrong direction", -12.5),
        ("slope changes by a whole 1 °F per °C", 100.0),
        ("intercept moved too", 13.5),
        ("a text, not a number", "1 °F"),
        ("a guess, too large", 20.0),
    ],
    ("00_welcome", "learned_or_chosen"): [
        (
            "the learning rate as learned",
            _flipped(LEARNED, "learning rate", "parameter"),
        ),
        (
            "biases as chosen",
            _flipped(LEARNED, "output biases", "hyperparameter"),
        ),
        (
            "epochs as learned",
            _flipped(LEARNED, "epochs", "parameter"),
        ),
        ("everything learned", dict.fromkeys(LEARNED, "parameter")),
        ("everything chosen", dict.fromkeys(LEARNED, "hyperparameter")),
        ("not a kind", _flipped(LEARNED, "batch size", "setting")),
        ("items missing", {"learning rate": "hyperparameter"}),
    ],
    ("00_welcome", "learning_kinds"): [
        ("anomalies as supervised", _flipped(KINDS, "vibrations", "supervised")),
        ("few labels as supervised", _flipped(KINDS, "birds", "supervised")),
        ("few labels as unsupervised", _flipped(KINDS, "birds", "unsupervised")),
        ("groups as semi-supervised", _flipped(KINDS, "customers", "semi-supervised")),
        ("not a kind", _flipped(KINDS, "spoken digits", "deep learning")),
        ("scenarios missing", {"rent": "supervised"}),
        ("the scenarios' full texts as keys", {welcome.SCENARIOS[k]: v for k, v in KINDS.items()}),
    ],
    ("00_welcome", "count_parameters"): [
        ("no biases", lambda s: sum(a * b for a, b in _pairs(s))),
        ("biases on the input layer too", lambda s: sum((a + 1) * b for a, b in _pairs(s)) + s[0]),
        ("last pair forgotten", lambda s: sum((a + 1) * b for a, b in _pairs(s)[:-1])),
        ("first pair only", lambda s: (s[0] + 1) * s[1]),
        ("bias per input unit", lambda s: sum(a * b + a for a, b in _pairs(s))),
        ("units, not parameters", lambda s: sum(s)),
        ("a float", lambda s: float(sum((a + 1) * b for a, b in _pairs(s)))),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("00_welcome", "rule_from_two"): lambda a, quiet: welcome.check_rule_from_two(
        a, CELSIUS, MEASURED, quiet=quiet
    ),
    ("00_welcome", "shift_at_100"): welcome.check_shift_at_100,
    ("00_welcome", "learned_or_chosen"): welcome.check_learned_or_chosen,
    ("00_welcome", "learning_kinds"): welcome.check_learning_kinds,
    ("00_welcome", "count_parameters"): welcome.check_count_parameters,
}
