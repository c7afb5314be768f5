"""Self-checks for notebook 07 (a first Keras network).

>>> import numpy as np
>>> _ = check_sparse_cross_entropy(
...     lambda y, p: float(np.mean(-np.log(p[np.arange(len(y)), y]))))
✅ sparse_cross_entropy passed all 4 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (FAIL, PASS, Case, CheckResult, call_learner, check_function,
                                   make_result)
from course_utils.exercises._counting import check_count

#: The model of exercise 1, as (units, activation) per Dense layer, after 30 inputs.
DESCRIBED_LAYERS = ((16, "relu"), (8, "relu"), (1, "sigmoid"))
DESCRIBED_INPUTS = 30


def check_build_model(build_model: Callable[[], Any], *, quiet: bool = False) -> CheckResult:
    """``build_model()`` must return a Keras model: 30 inputs → Dense(16, relu) →
    Dense(8, relu) → Dense(1, sigmoid), with 641 parameters (compiling it is optional)."""
    import keras

    name = "build_model"
    model, failure = call_learner(build_model, name, quiet=quiet)
    if failure is not None:
        return failure

    def fail(problem: str) -> CheckResult:
        return make_result(name, False, f"{FAIL} {name}: {problem}", quiet=quiet)

    if not isinstance(model, keras.Model):
        return fail(f"it returned a {type(model).__name__}, not a Keras model. Hint: "
                    f"return keras.Sequential([...]).")
    if not model.built:
        return fail("the model has no input shape yet, so it has no weights. Start the list "
                    "of layers with keras.Input(shape=(30,)).")
    input_shape = tuple(model.inputs[0].shape) if model.inputs else None
    if input_shape != (None, DESCRIBED_INPUTS):
        return fail(f"the input shape is {input_shape}, expected (None, 30): "
                    f"keras.Input(shape=(30,)).")
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    got = [(layer.units, layer.activation.__name__) for layer in dense]
    if len(model.layers) != len(dense):
        extra = [type(layer).__name__ for layer in model.layers if layer not in dense]
        return fail(f"only Dense layers were asked for; the model also has {extra}.")
    if got != list(DESCRIBED_LAYERS):
        return fail(f"its Dense layers are (units, activation) {got}, expected "
                    f"{list(DESCRIBED_LAYERS)}.")
    total = model.count_params()
    expected = sum(a * b + b for a, b in zip((30, 16, 8), (16, 8, 1)))
    if total != expected:  # pragma: no cover - follows from the layers (e.g. use_bias=False)
        return fail(f"it has {total} parameters, expected {expected} (did a layer lose its bias?).")
    return make_result(name, True, f"{PASS} {name}: 30 → 16 (relu) → 8 (relu) → 1 (sigmoid), "
                       f"{total} parameters. Well done!", quiet=quiet)


def check_param_total(n_params: Any, *, quiet: bool = False) -> CheckResult:
    """``n_params``: the parameter count of 64 inputs → Dense(32) → Dense(16) → Dense(10).

    A wrong answer is answered with the likely mistake, never with the right number.

    >>> _ = check_param_total(64 * 32 + 32 * 16 + 16 * 10)
    ❌ n_params is not right yet: the weights are right, but every unit also has one bias.
    """
    weights = 64 * 32 + 32 * 16 + 16 * 10
    expected = weights + 32 + 16 + 10
    mistakes = {
        weights: "the weights are right, but every unit also has one bias.",
        expected - 10: "the output layer's 10 units have a bias each too.",
        64 * 32 + 32: "that is only the first layer; add Dense(16) and Dense(10).",
        (64 * 32 + 32) + (64 * 16 + 16) + (64 * 10 + 10):
            "only the first layer sees the 64 pixels; each later layer's inputs are the units "
            "of the layer before (32, then 16).",
    }
    return check_count(n_params, expected, name="n_params", quiet=quiet, mistakes=mistakes,
                       hint="For each Dense layer: inputs × units weights plus one bias per "
                            "unit; the inputs of a layer are the units of the layer before.")


def _sparse_ce_reference(y_true: np.ndarray, probabilities: np.ndarray) -> float:
    return float(np.mean(-np.log(probabilities[np.arange(len(y_true)), y_true])))


def check_sparse_cross_entropy(sparse_cross_entropy: Callable[[Any, Any], Any], *,
                               quiet: bool = False) -> CheckResult:
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
    return check_function(sparse_cross_entropy, cases, name="sparse_cross_entropy",
                          quiet=quiet,
                          compare=lambda got, exp: np.ndim(got) == 0
                          and abs(float(got) - exp) < 1e-6,
                          hint="Pick each row's probability of its true class with "
                               "probabilities[np.arange(len(y_true)), y_true], take -np.log "
                               "(the natural log) and average over the rows.")
