"""Self-checks for notebook 07 (a first Keras network): cases and diagnoses.

>>> import numpy as np
>>> _ = check_sparse_cross_entropy(
...     lambda y, p: float(np.mean(-np.log(p[np.arange(len(y)), y]))))
✅ sparse_cross_entropy passed all 4 checks. Well done!
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
    check_built,
    check_function,
    check_value,
)

CATALOGUE = Catalogue(
    "07_keras_ann",
    [
        Exercise(
            "build_model",
            hint="a Sequential model that starts from an input of 30 features, then the three "
            "Dense layers in the order described, each with its activation.",
            nudge="Read the description left to right: the input size, then each Dense layer "
            "with its number of units and its activation. A model only has weights once "
            "it knows its input size, so the list of layers starts with an Input of the "
            "right shape. The check counts 641 parameters for the right model.",
        ),
        Exercise(
            "n_params",
            hint="for each Dense layer: its inputs times its units weights, plus one bias per "
            "unit; the inputs of a layer are the units of the layer before.",
            nudge="Count each Dense layer on its own, then add the three. The first one sees "
            "the 64 pixels, each later one sees the units of the layer before it. Every "
            "input connects to every unit, and every unit has one bias. Check your "
            "method on the breast-cancer model of the lesson first.",
        ),
        Exercise(
            "sparse_cross_entropy",
            hint="take, for each row, the probability the model gave to that row's true class; "
            "the loss is the mean of minus its natural logarithm.",
            nudge="Two index arrays of the same length pick one entry per row: one lists the "
            "row numbers, the other the labels. Take minus the natural logarithm of what "
            "they pick, and average over the rows to get one number.",
        ),
    ],
)
hint = CATALOGUE.hint

#: The model of exercise 1, as (units, activation) per Dense layer, after 30 inputs.
DESCRIBED_LAYERS = ((16, "relu"), (8, "relu"), (1, "sigmoid"))
DESCRIBED_INPUTS = 30


def _inspect_model(model: Any) -> str:
    import keras

    if not isinstance(model, keras.Model):
        raise Problem(
            f"it returned a {type(model).__name__}, not a Keras model (a "
            f"keras.Sequential, for example)."
        )
    if not model.built:
        raise Problem(
            "the model has no input shape yet, so it has no weights.",
            hint="start the list of layers with an Input for the 30 features.",
        )
    input_shape = tuple(model.inputs[0].shape) if model.inputs else None
    if input_shape != (None, DESCRIBED_INPUTS):
        raise Problem(
            f"the input shape is {input_shape}, expected (None, 30): one row of 30 "
            f"features per example."
        )
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    if len(model.layers) != len(dense):
        extra = [type(layer).__name__ for layer in model.layers if layer not in dense]
        raise Problem(f"only Dense layers were asked for; the model also has {extra}.")
    got = [(layer.units, layer.activation.__name__) for layer in dense]
    if got != list(DESCRIBED_LAYERS):
        raise Problem(
            f"its Dense layers are (units, activation) {got}, expected {list(DESCRIBED_LAYERS)}."
        )
    total = model.count_params()
    expected = sum(a * b + b for a, b in zip((30, 16, 8), (16, 8, 1)))
    if total != expected:  # pragma: no cover - follows from the layers (e.g. use_bias=False)
        raise Problem(f"it has {total} parameters, expected {expected}: did a layer lose its bias?")
    return f": 30 → 16 (relu) → 8 (relu) → 1 (sigmoid), {total} parameters."


def check_build_model(build_model: Callable[[], Any], *, quiet: bool = False) -> CheckResult:
    """``build_model()`` must return a Keras model: 30 inputs → Dense(16, relu) →
    Dense(8, relu) → Dense(1, sigmoid), with 641 parameters (compiling it is optional)."""
    return check_built(build_model, _inspect_model, exercise=CATALOGUE["build_model"], quiet=quiet)


def check_param_total(n_params: Any, *, quiet: bool = False) -> CheckResult:
    """``n_params``: the parameter count of 64 inputs → Dense(32) → Dense(16) → Dense(10).

    A wrong answer is answered with the likely mistake, never with the right number.

    >>> _ = check_param_total(64 * 32 + 32 * 16 + 16 * 10)  # doctest: +ELLIPSIS
    ❌ n_params: 2720 is not right yet.
       Hint: the weights are right, but every unit also has one bias.
    ...
    """
    weights = 64 * 32 + 32 * 16 + 16 * 10
    expected = weights + 32 + 16 + 10
    mistakes = [
        Mistake("the weights are right, but every unit also has one bias.", like=weights),
        Mistake("the output layer's 10 units have a bias each too.", like=expected - 10),
        Mistake("that is only the first layer; add Dense(16) and Dense(10).", like=64 * 32 + 32),
        Mistake(
            "only the first layer sees the 64 pixels; each later layer's inputs are the "
            "units of the layer before (32, then 16).",
            like=(64 * 32 + 32) + (64 * 16 + 16) + (64 * 10 + 10),
        ),
        Mistake("one bias per unit, not one per layer.", like=weights + 3),
    ]
    return check_value(
        n_params,
        expected,
        exercise=CATALOGUE["n_params"],
        whole_number=True,
        mistakes=mistakes,
        quiet=quiet,
    )


def _sparse_ce_reference(y_true: np.ndarray, probabilities: np.ndarray) -> float:
    return float(np.mean(-np.log(probabilities[np.arange(len(y_true)), y_true])))


def check_sparse_cross_entropy(
    sparse_cross_entropy: Callable[[Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``sparse_cross_entropy(y_true, probabilities)``: the mean of −log p(true class).

    ``y_true`` holds integer labels (n,), ``probabilities`` softmax outputs (n, classes);
    the result is one number, as Keras' ``sparse_categorical_crossentropy`` averaged.
    """
    rng = np.random.default_rng(11)
    logits = rng.normal(size=(6, 4))
    random_p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    settings = [
        (np.array([0]), np.array([[0.7, 0.2, 0.1]]), "one example, true class 0"),
        (np.array([2, 1]), np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]), "two examples"),
        (np.array([3, 0, 1, 2, 2, 1]), random_p, "six examples, four classes"),
        (np.array([1, 1]), np.array([[0.0, 1.0], [0.0, 1.0]]), "perfectly sure and right: 0"),
    ]
    cases = [Case((y, p), _sparse_ce_reference(y, p), label=label) for y, p, label in settings]

    def picked(y: np.ndarray, p: np.ndarray) -> np.ndarray:
        return p[np.arange(len(y)), y]

    mistakes = [
        Mistake(
            "return one number, the mean over the rows, not one loss per row.",
            when=lambda got, exp: np.ndim(got) > 0,
        ),
        Mistake(
            "average over the rows instead of adding them up.",
            like=lambda y, p: float(np.sum(-np.log(picked(y, p)))),
        ),
        Mistake(
            "the loss uses the natural logarithm.",
            like=lambda y, p: float(np.mean(-np.log10(picked(y, p)))),
        ),
        Mistake(
            "the loss is minus the logarithm: a probability below 1 has a negative log, and "
            "a loss is never negative.",
            like=lambda y, p: float(np.mean(np.log(picked(y, p)))),
        ),
        Mistake(
            "use each row's true class from y_true, not the class the model finds most probable.",
            like=lambda y, p: float(np.mean(-np.log(p.max(axis=1)))),
        ),
        Mistake(
            "use each row's own true class from y_true, not always the first column.",
            like=lambda y, p: float(np.mean(-np.log(p[:, 0]))),
        ),
    ]
    return check_function(
        sparse_cross_entropy,
        cases,
        exercise=CATALOGUE["sparse_cross_entropy"],
        compare=lambda got, exp: np.ndim(got) == 0 and abs(float(got) - exp) < 1e-6,
        mistakes=mistakes,
        quiet=quiet,
    )
