"""Self-checks for notebook 01 (the perceptron): cases and diagnoses.

The four exercises, in the notebook's order: weights by hand for the three-input majority gate
(:func:`check_gate_weights`), the weights the perceptron learns for NOR, predicted by tracing
the rule (:func:`check_nor_learned_weights`), the epochs needed from several starting points
(:func:`check_epochs_from_starts`) and how many of the 16 two-input gates one unit learns
(:func:`check_count_learnable_gates`).

>>> _ = check_gate_weights([-1.0, 1.1, 1.1], "or")
✅ weights for OR: all 4 rows of the truth table are right. Well done!
"""

from __future__ import annotations

import itertools
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
    call_learner,
    check_answer,
    check_function,
    check_value,
    show,
    show_result,
)
from course_utils.toy_data import logic_gate

CATALOGUE = Catalogue(
    "01_perceptron",
    [
        Exercise(
            "majority_weights",
            hint="group the eight rows by how many inputs are on (none, one, two or three): "
            "each group gives one kind of inequality on the bias and the weights. The unit "
            "must stay silent with none or one input on, and fire with two or three.",
            nudge="By symmetry, give the three inputs the same weight. The weighted sum then "
            "depends only on how many inputs are on: the bias plus that many weights. Choose "
            "the bias so that one weight is not enough to reach zero but two are. If two "
            "weights land exactly on zero the unit still fires, but with no margin.",
        ),
        Exercise(
            "nor_learned_weights",
            hint="trace the rule one row at a time, in the order 00, 01, 10, 11, starting from "
            "all-zero weights; a weighted sum of exactly zero counts as firing. Keep going, "
            "epoch after epoch, until a whole pass changes nothing.",
            nudge="Keep a small table: epoch, row, w before, w·x, fires or not, label, w after. "
            "Only a misclassified row changes w: add x for a missed 1, subtract x for a false "
            "alarm, and remember that x starts with the bias input 1.",
        ),
        Exercise(
            "epochs_from_starts",
            hint="one run of the perceptron per starting vector, each run starting from that "
            "vector rather than from zero; a run's number of epochs includes its last, "
            "mistake-free epoch.",
            nudge="Reread the definition of train_perceptron in the lesson: its signature "
            "shows how a run can begin somewhere other than zero, and what it returns "
            "already holds the count you need for each run.",
        ),
        Exercise(
            "count_learnable_gates",
            hint="there are 16 output columns of four 0s and 1s; train on each from zero with "
            "the given max_epochs, and count a gate only when its training ended with an "
            "epoch without mistakes.",
            nudge="The inputs are the same four rows for every gate; only the targets change. "
            "After a run, look at the mistakes of its last epoch: none means it converged, "
            "while a run that used up max_epochs with mistakes left did not.",
        ),
    ],
)
hint = CATALOGUE.hint


# --------------------------------------------------------------------------- the rule
def _with_bias(X: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones(len(X)), X])


def _train(
    X: Any,
    y: Any,
    *,
    w_start: Any = None,
    max_epochs: int = 100,
    fires_at_zero: bool = True,
) -> tuple[np.ndarray, list[int]]:
    """The notebook's ``train_perceptron`` (rows in order, a sum of 0 fires): the final weights
    and the mistakes of each epoch; ``fires_at_zero=False`` is a plausible mistake."""
    Xb = _with_bias(np.asarray(X, dtype=float))
    w = np.zeros(Xb.shape[1]) if w_start is None else np.array(w_start, dtype=float)
    errors: list[int] = []
    for _ in range(max_epochs):
        mistakes = 0
        for x, label in zip(Xb, y):
            total = w @ x
            fires = total >= 0 if fires_at_zero else total > 0
            if label == 1 and not fires:
                w, mistakes = w + x, mistakes + 1
            elif label == 0 and fires:
                w, mistakes = w - x, mistakes + 1
        errors.append(mistakes)
        if mistakes == 0:
            break
    return w, errors


def majority_gate() -> tuple[np.ndarray, np.ndarray]:
    """The three-input majority gate, rows in the order 000, 001, …, 111, as ``(X, y)``.

    >>> X, y = majority_gate()
    >>> X.shape, y.tolist()
    ((8, 3), [0, 0, 0, 1, 0, 1, 1, 1])
    """
    X = np.array(list(itertools.product([0, 1], repeat=3)))
    return X, (X.sum(axis=1) >= 2).astype(int)


def _truth_table(gate: str) -> tuple[np.ndarray, np.ndarray]:
    return majority_gate() if str(gate).lower() == "majority" else logic_gate(gate)


# --------------------------------------------------------------------------- exercise 1
def _majority_diagnosis(outputs: np.ndarray, X: np.ndarray) -> str:
    """Words for a plausible wrong majority unit, from the outputs it gives on the 8 rows."""
    on = X.sum(axis=1)
    if np.array_equal(outputs, (on <= 1).astype(int)):
        return "every row is the wrong way round: check the direction of each inequality."
    if outputs[0] == 1:
        return (
            "with no input on, only the bias is left in the sum, and the unit must stay "
            "silent there: that decides the sign of the bias."
        )
    if np.array_equal(outputs, (on >= 3).astype(int)):
        return (
            "the unit fires only when all three inputs are on: that is a three-input AND. "
            "Two inputs out of three must already be enough."
        )
    if np.array_equal(outputs, (on >= 1).astype(int)):
        return (
            "a single input already makes the unit fire: that is a three-input OR. One "
            "input out of three must not be enough."
        )
    return ""


def check_gate_weights(w: Any, gate: str, *, quiet: bool = False) -> CheckResult:
    """Do the weights ``w = [w0, w1, …]`` make a threshold unit compute ``gate``?

    ``gate`` is a two-input gate of :func:`~course_utils.toy_data.logic_gate` or
    ``"majority"`` (three inputs). Any weights that get every row right pass; the first row
    that fails is named, never the weights. A pass with a weighted sum of exactly 0 at some
    row says so: the boundary goes through that corner, with zero margin.

    >>> _ = check_gate_weights([-2, 1, 1, 1], "majority")  # doctest: +ELLIPSIS
    ✅ weights for MAJORITY: all 8 rows ... right. Note: the weighted sum is exactly 0 at ...
    """
    X, y = _truth_table(gate)
    n_weights = X.shape[1] + 1

    def inspect(weights: Any) -> str:
        try:
            w_arr = np.asarray(weights, dtype=float)
        except (TypeError, ValueError):
            w_arr = np.empty(0)
        if w_arr.shape != (n_weights,):
            raise Problem(
                f"expected {n_weights} numbers [w0, w1, …]: the bias weight first, then one "
                f"weight per input; got {show(weights)}"
            )
        out = (_with_bias(X) @ w_arr >= 0).astype(int)
        wrong = [(tuple(int(v) for v in x), int(t), int(o)) for x, t, o in zip(X, y, out) if t != o]
        if wrong:
            x, t, o = wrong[0]
            diagnosis = _majority_diagnosis(out, X) if gate == "majority" else ""
            raise Problem(
                f"for input {x} the unit outputs {o}, but {gate.upper()} gives {t} "
                f"({len(wrong)} of {len(y)} rows wrong).",
                hint=diagnosis,
            )
        sums = _with_bias(X) @ w_arr
        on_the_line = [tuple(int(v) for v in x) for x, total in zip(X, sums) if abs(total) < 1e-9]
        if on_the_line:
            corners = ", ".join(str(x) for x in on_the_line)
            return (
                f": all {len(y)} rows of the truth table are right. Note: the weighted sum is "
                f"exactly 0 at {corners}, so the boundary passes exactly through "
                f"{'that corner' if len(on_the_line) == 1 else 'those corners'}: zero margin. "
                "The unit fires there, but the smallest drop in that sum would flip it."
            )
        return f": all {len(y)} rows of the truth table are right."

    name = f"{gate}_weights"
    exercise = CATALOGUE[name] if name in CATALOGUE.names else name
    return check_answer(
        w, inspect, exercise=exercise, shown=f"weights for {gate.upper()}", quiet=quiet
    )


# --------------------------------------------------------------------------- exercise 2
def _as_weights(value: Any) -> np.ndarray | None:
    try:
        w = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return w if w.shape == (3,) and np.all(np.isfinite(w)) else None


def _computes(gate: str) -> Callable[[Any, Any], bool]:
    X, y = logic_gate(gate)

    def test(got: Any, expected: Any) -> bool:
        w = _as_weights(got)
        return w is not None and np.array_equal((_with_bias(X) @ w >= 0).astype(int), y)

    return test


def check_nor_learned_weights(weights: Any, *, quiet: bool = False) -> CheckResult:
    """``weights`` must be where ``train_perceptron`` stops on NOR from ``w = 0`` (rows in the
    order 00, 01, 10, 11): the learner predicts them by tracing the rule, never told them."""
    X, y = logic_gate("nor")
    expected, _ = _train(X, y)
    after_one_epoch, _ = _train(X, y, max_epochs=1)
    strict, _ = _train(X, y, fires_at_zero=False)
    mistakes = [
        Mistake(
            "give three numbers, the bias weight w0 first, then w1 and w2.",
            when=lambda got, exp: _as_weights(got) is None,
        ),
        Mistake(
            "those are the weights after the first epoch; the algorithm goes on until a "
            "whole epoch passes without a mistake.",
            like=after_one_epoch,
        ),
        Mistake(
            "these weights compute NOR, but the trace went differently at a tie: a weighted "
            "sum of exactly zero counts as firing, and that already matters on the very "
            "first row.",
            like=strict,
        ),
        Mistake(
            "starting from zero, the rule only ever adds or subtracts inputs made of 0s and "
            "1s, so every weight it reaches is a whole number.",
            when=lambda got, exp: not np.allclose(_as_weights(got), np.round(_as_weights(got))),
        ),
        Mistake(
            "these weights do not compute NOR, and the algorithm only stops once every row "
            "is right: check them against the truth table, then look for the step where the "
            "trace went astray.",
            when=lambda got, exp: not _computes("nor")(got, exp),
        ),
        Mistake(
            "these weights do compute NOR, but they are not the ones the algorithm stops at: "
            "trace it step by step from zero, row by row in the order 00, 01, 10, 11.",
            when=_computes("nor"),
        ),
    ]
    return check_value(
        weights,
        expected,
        exercise=CATALOGUE["nor_learned_weights"],
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- exercise 3
def _epochs(X: Any, y: Any, starts: Any, *, how: str = "right") -> list[int]:
    """The reference (``how="right"``) and the plausible mistakes of ``epochs_from_starts``."""
    counts = []
    for start in starts:
        _, errors = _train(X, y, w_start=None if how == "from zero" else start)
        if how == "total mistakes":
            counts.append(sum(errors))
        elif how == "without the last":
            counts.append(len(errors) - 1)
        else:
            counts.append(len(errors))
    return counts


#: The seed of the ten random starts the check shows the learner on the majority gate.
MAJORITY_SEED = 0


def check_epochs_from_starts(
    epochs_from_starts: Callable[[Any, Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``epochs_from_starts(X, y, starts)`` must return how many epochs the perceptron needs
    from each starting weight vector (one row of ``starts``). When it passes, the message also
    shows what it finds on the majority gate from ten random starts."""
    X_and, y_and = logic_gate("and")
    X_or, y_or = logic_gate("or")
    X_maj, y_maj = majority_gate()
    starts_and = np.array([[0.0, 0.0, 0.0], [-1.0, 1.0, 1.0], [0.5, -0.5, 0.25]])
    starts_maj = np.random.default_rng(1).normal(size=(4, 4))
    cases = [
        Case(
            (X_or, y_or, np.zeros((1, 3))),
            np.array(_epochs(X_or, y_or, np.zeros((1, 3)))),
            label="OR from w = 0, as in the lesson",
        ),
        Case(
            (X_and, y_and, starts_and),
            np.array(_epochs(X_and, y_and, starts_and)),
            label="AND from three starts",
        ),
        Case(
            (X_maj, y_maj, starts_maj),
            np.array(_epochs(X_maj, y_maj, starts_maj)),
            label="majority gate from four random starts",
        ),
    ]
    mistakes = [
        Mistake(
            "every count is what a run from zero gives: start each run from its own vector.",
            like=lambda X, y, starts: _epochs(X, y, starts, how="from zero"),
        ),
        Mistake(
            "these are the mistakes each run made, added up; the question is how many epochs "
            "(passes over the data) each run took.",
            like=lambda X, y, starts: _epochs(X, y, starts, how="total mistakes"),
        ),
        Mistake(
            "each count is one short: the last epoch, the one without mistakes, counts too "
            "(it is the pass that shows training is done).",
            like=lambda X, y, starts: _epochs(X, y, starts, how="without the last"),
        ),
    ]
    result = check_function(
        epochs_from_starts,
        cases,
        exercise=CATALOGUE["epochs_from_starts"],
        mistakes=mistakes,
        quiet=True,
    )
    if result.passed:
        starts = np.random.default_rng(MAJORITY_SEED).normal(size=(10, 4))
        found, failure = call_learner(
            epochs_from_starts, "epochs_from_starts", X_maj, y_maj, starts, quiet=True
        )
        if failure is None:
            counts = [int(c) for c in found]
            result = CheckResult(
                result.name,
                result.status,
                f"{result.message}\n   On the majority gate, from ten random starts "
                f"(normal weights, seed {MAJORITY_SEED}), it found these numbers of epochs: "
                f"{counts}.",
                result.notebook,
            )
    if not quiet:
        show_result(result)
    return result


# --------------------------------------------------------------------------- exercise 4
def _count_gates(max_epochs: int, *, how: str = "right") -> int:
    """The reference (``how="right"``) and the plausible mistakes of
    ``count_learnable_gates``."""
    X = logic_gate("and")[0]
    columns = list(itertools.product([0, 1], repeat=4))
    if how == "fifteen":
        columns = columns[:15]
    count = 0
    for column in columns:
        y = np.array(column)
        w, errors = _train(X, y, max_epochs=max_epochs)
        if how == "every run":
            learned = True
        elif how == "not learned":
            learned = errors[-1] != 0
        elif how == "ended early":
            learned = len(errors) < max_epochs
        elif how == "weights right":
            learned = np.array_equal((_with_bias(X) @ w >= 0).astype(int), y)
        else:
            learned = errors[-1] == 0
        count += int(learned)
    return count


def check_count_learnable_gates(
    count_learnable_gates: Callable[[int], Any], *, quiet: bool = False
) -> CheckResult:
    """``count_learnable_gates(max_epochs)`` must count the two-input gates on which the
    perceptron (from ``w = 0``) ends with an epoch without mistakes within ``max_epochs``.
    The cases with few epochs come first, so a wrong try does not show the full count."""
    cases = [
        Case((max_epochs,), _count_gates(max_epochs), label=f"max_epochs={max_epochs}")
        for max_epochs in (1, 3, 5, 100)
    ]
    mistakes = [
        Mistake(
            "every gate was counted: a run that uses up max_epochs with mistakes left has "
            "not learned its gate.",
            like=lambda max_epochs: _count_gates(max_epochs, how="every run"),
        ),
        Mistake(
            "that counts the gates it did NOT learn.",
            like=lambda max_epochs: _count_gates(max_epochs, how="not learned"),
        ),
        Mistake(
            "a gate whose clean epoch is the last one allowed still counts: it converged "
            "within max_epochs.",
            like=lambda max_epochs: _count_gates(max_epochs, how="ended early"),
        ),
        Mistake(
            "a gate counts once training stops by itself, with an epoch without mistakes; "
            "weights that happen to be right when max_epochs runs out have not been "
            "confirmed by such an epoch yet.",
            like=lambda max_epochs: _count_gates(max_epochs, how="weights right"),
        ),
        Mistake(
            "one gate is missing: there are 16 ways to fill an output column of four 0s and 1s.",
            like=lambda max_epochs: _count_gates(max_epochs, how="fifteen"),
        ),
    ]
    return check_function(
        count_learnable_gates,
        cases,
        exercise=CATALOGUE["count_learnable_gates"],
        mistakes=mistakes,
        quiet=quiet,
    )
