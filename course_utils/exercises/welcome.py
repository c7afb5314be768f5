"""Self-checks for notebook 00 (welcome): cases and diagnoses; the mechanism is
:mod:`course_utils.checking`.

>>> _ = check_shift_at_100(1.0)  # doctest: +ELLIPSIS
❌ shift_at_100: your number is not right yet.
   Hint: the error does not stay the same size: ...
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
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
    same_int,
    show,
)

CATALOGUE = Catalogue(
    "00_welcome",
    [
        Exercise(
            "rule_from_two",
            hint="learn the line as the lesson did, but from the two readings the task names "
            "and no others; look up where 0 °C and 8 °C sit in the Celsius readings.",
            nudge="Go back to the cell under 'Rules written by hand versus rules learned from "
            "data' that learned the rule from all seven readings. Do the same, handing it only "
            "the two readings at 0 °C and 8 °C, taken from the same positions of both arrays "
            "(positions count from 0), with the temperatures you predict from first.",
        ),
        Exercise(
            "shift_at_100",
            hint="the line through two points pivots about the point that stays put (the "
            "reading at 0 °C). Raising the other point changes the slope; how much does "
            "that change add up to by 100 °C?",
            nudge="Work in two steps. First: by how much does the slope change when the "
            "right-hand point rises by 1 °F while the points stay 8 °C apart? Second: "
            "the intercept does not move, so the prediction at 100 °C changes by the "
            "slope's change times the distance from the pivot. You can check by "
            "refitting with one reading raised.",
        ),
        Exercise(
            "learned_or_chosen",
            hint="a parameter is a number that training changes to fit the examples; a "
            "hyperparameter is fixed by a person before training starts.",
            nudge="For each item ask: does its value come out of training, or must someone "
            "write it into the code before training can start? A network's weights and "
            "biases start random and are learned; the network's shape and the way it is "
            "trained are decided by you (and compared on validation data).",
        ),
        Exercise(
            "learning_kinds",
            hint="look at the examples the model learns from: do all of them, none of them, "
            "or only a few of them come with the answer the model should give?",
            nudge="Supervised: every training example carries its answer (a label, a price). "
            "Unsupervised: no example carries an answer; the model finds structure "
            "(groups, what is usual). Semi-supervised: a few labelled examples and many "
            "unlabelled ones, all used together.",
        ),
        Exercise(
            "count_parameters",
            hint="every connection between two neighbouring layers is one weight, and every "
            "unit outside the input layer has one bias.",
            nudge="Go through the layers in pairs, each layer with the one after it. For a "
            "pair, count the connections (every unit of the first joins every unit of "
            "the second) and the biases of the second layer. Add the pairs up. The "
            "input layer has no bias: it only holds the data.",
        ),
    ],
)
hint = CATALOGUE.hint


def _first_mistake(mistakes: list[Mistake], got: Any, same: Callable[[Any, Any], bool]) -> str:
    """The words of the first mistake whose wrong value ``got`` matches, or ``""``."""
    for mistake in mistakes:
        try:
            if mistake.when(got, None) if mistake.when else same(got, mistake.like):
                return mistake.says
        except (TypeError, ValueError):
            continue
    return ""


# --------------------------------------------------------------------------- exercise 1
def check_learned_rule(
    learned_rule: Any,
    celsius: Any,
    fahrenheit_measured: Any,
    *,
    name: str = "rule_from_two",
    more_mistakes: Sequence[Mistake] = (),
    quiet: bool = False,
) -> CheckResult:
    """``learned_rule`` must be the least-squares line ``[slope, intercept]`` through the data.

    ``celsius`` and ``fahrenheit_measured`` are the readings the learner was asked to fit (all
    of them, or a slice); ``name`` is the learner's variable, used in the message;
    ``more_mistakes`` are diagnosed after the built-in ones. The right line is never shown;
    once it is right, the message says what it predicts at 100 °C.

    >>> _ = check_learned_rule([1.8, 32.0], [0, 10], [32.0, 50.0], name="rule_from_two")
    ✅ rule_from_two (slope, intercept) is right: it predicts 212.0 °F at 100 °C. Well done!
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
        *more_mistakes,
    ]

    def inspect(got: Any) -> str:
        try:
            ok = close(got, expected)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            said = _first_mistake(mistakes, got, close)
            raise Problem(f"{show(got, 120)} is not right yet.", hint=said)
        slope, intercept = np.asarray(got, dtype=float)
        return f"is right: it predicts {slope * 100 + intercept:.1f} °F at 100 °C."

    return check_answer(
        learned_rule,
        inspect,
        exercise=CATALOGUE["rule_from_two"],
        shown=f"{name} (slope, intercept)",
        quiet=quiet,
    )


#: The two readings (°C) exercise 1 learns the rule from.
TWO_READINGS_AT = (0.0, 8.0)


def check_rule_from_two(
    rule_from_two: Any, celsius: Any, fahrenheit_measured: Any, *, quiet: bool = False
) -> CheckResult:
    """``rule_from_two`` must be the line ``[slope, intercept]`` learned from the readings at
    0 °C and 8 °C only. ``celsius`` and ``fahrenheit_measured`` are *all* the readings: the
    check picks the two itself, so the check cell does not show the learner where they are.

    >>> _ = check_rule_from_two([1.8, 32.0], [-5, 0, 8], [23.0, 32.0, 46.4])
    ✅ rule_from_two (slope, intercept) is right: it predicts 212.0 °F at 100 °C. Well done!
    """
    x = np.asarray(celsius, dtype=float)
    y = np.asarray(fahrenheit_measured, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError("celsius and fahrenheit_measured must be 1-D arrays of equal length")
    picked = np.isin(x, TWO_READINGS_AT)
    if picked.sum() != len(TWO_READINGS_AT):
        raise ValueError(f"celsius must hold each of {TWO_READINGS_AT} °C exactly once")
    others = [
        np.polyfit(x[[i, j]], y[[i, j]], deg=1)
        for i, j in itertools.combinations(range(len(x)), 2)
        if not (picked[i] and picked[j]) and x[i] != x[j]
    ]
    more_mistakes = [
        Mistake(
            "that line was learned from all the readings: keep only the two the task names.",
            like=np.polyfit(x, y, deg=1),
        ),
        Mistake(
            "that line goes through two readings, but not the ones at 0 °C and 8 °C: check "
            "the positions you took them from.",
            when=lambda got, exp: any(
                np.shape(got) == (2,) and np.allclose(np.asarray(got, float), o, atol=1e-3)
                for o in others
            ),
        ),
    ]
    return check_learned_rule(
        rule_from_two, x[picked], y[picked], more_mistakes=more_mistakes, quiet=quiet
    )


# --------------------------------------------------------------------------- exercise 2
#: How far apart the two readings of exercise 1 are (°C), and where the prediction is made.
READINGS_APART, PREDICT_AT = 8.0, 100.0


def check_shift_at_100(shift_at_100: Any, *, quiet: bool = False) -> CheckResult:
    """``shift_at_100``: how many °F the two-reading line's prediction at 100 °C moves when the
    8 °C reading is 1 °F higher (the 0 °C reading unchanged). Never revealed.

    >>> _ = check_shift_at_100(..., quiet=True)
    """
    expected = PREDICT_AT / READINGS_APART
    mistakes = [
        Mistake(
            "the error does not stay the same size: the line tilts, so the further from the "
            "readings you predict, the further the prediction moves.",
            like=1.0,
        ),
        Mistake(
            "that is how much the slope changes (°F per °C); the prediction at 100 °C moves "
            "by that change for each degree between the pivot and 100 °C.",
            like=1.0 / READINGS_APART,
        ),
        Mistake(
            "the line pivots about the reading that did not move, at 0 °C, not about the "
            "reading at 8 °C: measure the distance from 0 °C.",
            like=(PREDICT_AT - READINGS_APART) / READINGS_APART,
        ),
        Mistake(
            "check the direction: raising the right-hand reading tilts the line upwards, so "
            "the prediction at 100 °C goes up too (give the change as a positive number).",
            like=-expected,
        ),
        Mistake(
            "the slope does not change by a whole 1 °F per °C: the 1 °F rise is spread over "
            "the distance between the two readings.",
            like=PREDICT_AT,
        ),
        Mistake(
            "the intercept stays where it is (the reading at 0 °C did not move): only the "
            "slope changes.",
            like=PREDICT_AT / READINGS_APART + 1.0,
        ),
    ]

    def inspect(got: Any) -> str:
        if isinstance(got, bool) or not isinstance(got, int | float | np.integer | np.floating):
            raise Problem(f"give one number of degrees Fahrenheit, not a {type(got).__name__}.")
        if abs(float(got) - expected) <= 0.01:
            return (
                "is right: a 1 °F error in one of two readings 8 °C apart becomes "
                f"a {expected:g} °F error at 100 °C. Seven readings spread over 48 °C hold "
                "the line far more firmly, which is why their prediction is closer to 212 °F."
            )
        said = _first_mistake(mistakes, float(got), lambda g, e: abs(float(g) - e) <= 0.01)
        if not said:
            size = "small" if got < expected else "large"
            said = f"your number is too {size}: {CATALOGUE['shift_at_100'].hint}"
        raise Problem("your number is not right yet.", hint=said)

    return check_answer(shift_at_100, inspect, exercise=CATALOGUE["shift_at_100"], quiet=quiet)


# --------------------------------------------------------------------------- exercise 3
PARAMETER, HYPERPARAMETER = "parameter", "hyperparameter"
#: The items of the described digit network: the key the learner uses -> what it is.
ITEMS = {
    "first-layer weights": "the weights of the first hidden layer",
    "hidden layers": "the number of hidden layers",
    "learning rate": "the learning rate",
    "output biases": "the bias of each output unit",
    "epochs": "the number of epochs",
    "units per layer": "the number of units in each hidden layer",
    "batch size": "the batch size",
}
_LEARNED_OR_CHOSEN = {
    "first-layer weights": PARAMETER,
    "hidden layers": HYPERPARAMETER,
    "learning rate": HYPERPARAMETER,
    "output biases": PARAMETER,
    "epochs": HYPERPARAMETER,
    "units per layer": HYPERPARAMETER,
    "batch size": HYPERPARAMETER,
}
#: A question about each item that points at the deciding fact, shown when it is wrong.
_ASK_LEARNED_OR_CHOSEN = {
    "first-layer weights": "what happens to these numbers at each training step?",
    "hidden layers": "can training add or remove a layer, or must the network's shape exist "
    "before the first step?",
    "learning rate": "is this a number that training fits to the examples, or one that "
    "training needs before it can take its first step?",
    "output biases": "what does a training step do to a bias, compared with a weight?",
    "epochs": "does training work out by itself how long to run, or is that settled before "
    "it starts (directly, or by a stopping rule you pick)?",
    "units per layer": "does training change how many weights there are, or only their values?",
    "batch size": "is this a result of training, or a setting that each training step needs?",
}


def _keys(names: dict[str, str]) -> str:
    return ", ".join(f"'{key}'" for key in names)


def _inspect_learned_or_chosen(answers: Any) -> str:
    if not isinstance(answers, dict) or set(answers) != set(ITEMS):
        raise Problem(
            f"give a dict with exactly the keys {_keys(ITEMS)}; got {show(answers)}",
            hint=f"each value is '{PARAMETER}' or '{HYPERPARAMETER}'.",
        )
    got = {item: str(value).strip().lower() for item, value in answers.items()}
    for item, value in got.items():
        if value not in (PARAMETER, HYPERPARAMETER):
            raise Problem(
                f"'{answers[item]}' for '{item}' is neither '{PARAMETER}' nor '{HYPERPARAMETER}'."
            )
    if len(set(got.values())) == 1:
        raise Problem(
            f"every item is marked '{next(iter(got.values()))}': the list holds both kinds.",
            hint="what training changes and what you set beforehand are both in the list.",
        )
    wrong = [item for item, expected in _LEARNED_OR_CHOSEN.items() if got[item] != expected]
    if wrong:
        item = wrong[0]
        others = f" ({len(wrong) - 1} more wrong)" if len(wrong) > 1 else ""
        raise Problem(
            f"'{item}' ({ITEMS[item]}) is not a {got[item]}{others}.",
            hint=_ASK_LEARNED_OR_CHOSEN[item],
        )
    return f"tells what is learned from what is chosen, for all {len(ITEMS)} items."


def check_learned_or_chosen(answers: Any, *, quiet: bool = False) -> CheckResult:
    """``answers`` maps each key of :data:`ITEMS` to ``"parameter"`` or ``"hyperparameter"``.

    >>> _ = check_learned_or_chosen(dict.fromkeys(ITEMS, "parameter"))  # doctest: +ELLIPSIS
    ❌ learned_or_chosen: every item is marked 'parameter': the list holds both kinds.
    ...
    """
    return check_answer(
        answers, _inspect_learned_or_chosen, exercise=CATALOGUE["learned_or_chosen"], quiet=quiet
    )


# --------------------------------------------------------------------------- exercise 4
SUPERVISED, UNSUPERVISED, SEMI = "supervised", "unsupervised", "semi-supervised"
KINDS = (SUPERVISED, UNSUPERVISED, SEMI)
#: The scenarios of the "which kind of learning?" exercise: the learner's key -> the scenario.
SCENARIOS = {
    "rent": "predict a flat's rent from its size and district, from 5,000 flats with known rents",
    "customers": "group a shop's customers by what they buy, with no groups given in advance",
    "birds": "name the bird species in 200,000 recordings, of which experts have named 500",
    "vibrations": "spot unusual vibrations in a machine that has never been recorded failing",
    "spoken digits": "recognise spoken digits, from 30,000 recordings each labelled with the "
    "digit said",
}
_LEARNING_KINDS = {
    "rent": SUPERVISED,
    "customers": UNSUPERVISED,
    "birds": SEMI,
    "vibrations": UNSUPERVISED,
    "spoken digits": SUPERVISED,
}
#: A question about each scenario that points at the deciding fact, shown when it is wrong.
_ASK_KIND = {
    "rent": "does each of the 5,000 flats come with the number the model must learn to give?",
    "customers": "is any customer handed to the model with a group already given?",
    "birds": "how many recordings come with a species, and how many without? Are both used?",
    "vibrations": "the machine has never been recorded failing: what answer could any "
    "vibration in the examples be labelled with?",
    "spoken digits": "what does each of the 30,000 recordings come with?",
}


def _inspect_learning_kinds(answers: Any) -> str:
    if not isinstance(answers, dict) or set(answers) != set(SCENARIOS):
        raise Problem(
            f"give a dict with exactly the keys {_keys(SCENARIOS)}; got {show(answers)}",
            hint=f"each value is one of {', '.join(KINDS)}.",
        )
    for scenario, expected in _LEARNING_KINDS.items():
        got = str(answers[scenario]).strip().lower().replace(" ", "-")
        if got not in KINDS:
            raise Problem(f"'{answers[scenario]}' is not one of {', '.join(KINDS)}.")
        if got != expected:
            raise Problem(
                f"'{scenario}' ({SCENARIOS[scenario]}) is not {got} learning.",
                hint=_ASK_KIND[scenario],
            )
    return f"places all {len(SCENARIOS)} scenarios right."


def check_learning_kinds(answers: Any, *, quiet: bool = False) -> CheckResult:
    """``answers`` maps each key of :data:`SCENARIOS` to one of :data:`KINDS`.

    >>> _ = check_learning_kinds({"rent": "supervised"})  # doctest: +ELLIPSIS
    ❌ learning_kinds: give a dict with exactly the keys 'rent', 'customers', ...
    """
    return check_answer(
        answers, _inspect_learning_kinds, exercise=CATALOGUE["learning_kinds"], quiet=quiet
    )


# --------------------------------------------------------------------------- exercise 5
def _reference_count(layer_sizes: list[int]) -> int:
    return sum((n_in + 1) * n_out for n_in, n_out in zip(layer_sizes, layer_sizes[1:]))


def check_count_parameters(
    count_parameters: Callable[[list[int]], Any], *, quiet: bool = False
) -> CheckResult:
    """``count_parameters(layer_sizes)`` must return the number of weights and biases of a fully
    connected network whose layers (input first) have these sizes."""
    networks = [
        ([2, 1], "one unit with two inputs"),
        ([3, 4, 4, 2], "the network in the picture"),
        ([64, 32, 16, 10], "8 × 8 digit images, two hidden layers"),
        ([784, 128, 64, 10], "28 × 28 MNIST images, two hidden layers"),
        ([5, 3], "one layer of three units"),
    ]
    cases = [Case((sizes,), _reference_count(sizes), label=label) for sizes, label in networks]

    def pairs(sizes: list[int]) -> list[tuple[int, int]]:
        return list(zip(sizes, sizes[1:]))

    mistakes = [
        Mistake(
            "the biases are missing: every unit outside the input layer has one.",
            like=lambda s: sum(a * b for a, b in pairs(s)),
        ),
        Mistake(
            "the input layer has no biases: it only holds the data, it computes nothing.",
            like=lambda s: sum(a * b for a, b in pairs(s)) + sum(s),
        ),
        Mistake(
            "the last pair of layers is missing: the output layer has weights and biases too.",
            like=lambda s: sum((a + 1) * b for a, b in pairs(s)[:-1]),
        ),
        Mistake(
            "only the first pair of layers is counted: go through every pair.",
            like=lambda s: (s[0] + 1) * s[1],
        ),
        Mistake(
            "one layer's units connect only to the next layer, not to every later layer.",
            like=lambda s: (
                sum(s[i] * s[j] for i in range(len(s)) for j in range(i + 1, len(s))) + sum(s[1:])
            ),
        ),
        Mistake(
            "the units are not the parameters: count the connections between the layers, "
            "plus the biases.",
            like=lambda s: sum(s),
        ),
    ]
    return check_function(
        count_parameters,
        cases,
        exercise=CATALOGUE["count_parameters"],
        mistakes=mistakes,
        compare=same_int,
        quiet=quiet,
    )
