"""Self-checks for notebook 09 (LeNet on MNIST).

>>> import numpy as np
>>> def top_k_accuracy(probabilities, y_true, k):
...     top = np.argsort(probabilities, axis=1)[:, -k:]
...     return float(np.mean([t in row for t, row in zip(y_true, top)]))
>>> _ = check_top_k_accuracy(top_k_accuracy)
✅ top_k_accuracy passed all 5 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (FAIL, PASS, Case, CheckResult, call_learner, check_function,
                                   make_result)

#: LeNet as notebook 09 builds it: (layer type, output shape without the batch axis, parameters).
LENET_LAYERS: list[tuple[str, tuple[int, ...], int]] = [
    ("Conv2D", (28, 28, 6), 5 * 5 * 1 * 6 + 6),
    ("MaxPooling2D", (14, 14, 6), 0),
    ("Conv2D", (10, 10, 16), 5 * 5 * 6 * 16 + 16),
    ("MaxPooling2D", (5, 5, 16), 0),
    ("Flatten", (400,), 0),
    ("Dense", (120,), 400 * 120 + 120),
    ("Dense", (84,), 120 * 84 + 84),
    ("Dense", (10,), 84 * 10 + 10),
]
#: 61,706.
LENET_PARAMETERS = sum(n for *_, n in LENET_LAYERS)


def _describe(layers: list[tuple[str, tuple[int, ...], int]]) -> str:
    return "\n".join(f"      {name:<13} {str(shape):<13} {n:>6,} parameters"
                     for name, shape, n in layers)


def check_lenet(build_lenet: Callable[[], Any], *, quiet: bool = False) -> CheckResult:
    """``build_lenet()`` must return a Keras model with LeNet's layers, shapes and 61,706 parameters.

    The layers are compared one by one (type, output shape for a 28 × 28 × 1 input, parameter
    count), then the activations: ReLU inside, softmax at the end. A ``Rescaling`` layer (the
    notebook's model starts with one, to scale ``uint8`` pixels to [0, 1]) has no weights and is
    accepted, but not required.

    >>> _ = check_lenet(build_lenet)  # doctest: +SKIP
    ✅ build_lenet: every layer, shape and parameter count matches LeNet (61,706 parameters) ...
    """
    name = "build_lenet"
    model, failure = call_learner(build_lenet, name, quiet=quiet)
    if failure is not None:
        return failure
    import keras

    if not isinstance(model, keras.Model):
        return make_result(name, False, f"{FAIL} {name}() should return a keras model (for "
                           f"example keras.Sequential([...])), got {type(model).__name__}.",
                           quiet=quiet)
    # a Rescaling layer (pixels 0-255 -> 0-1, no weights), as in the notebook's model, is optional
    layers = [layer for layer in model.layers
              if type(layer).__name__ not in ("InputLayer", "Rescaling")]
    x = np.zeros((1, 28, 28, 1), dtype="float32")
    got: list[tuple[str, tuple[int, ...], int]] = []
    try:
        for layer in layers:
            x = layer(x)
            got.append((type(layer).__name__, tuple(int(d) for d in x.shape[1:]),
                        int(layer.count_params())))
    except Exception as err:  # noqa: BLE001
        return make_result(name, False, f"{FAIL} {name}: a 28 × 28 × 1 image could not pass "
                           f"through layer {len(got) + 1} ({type(layers[len(got)]).__name__}): "
                           f"{type(err).__name__}: {err}", quiet=quiet)
    for i, (expected, actual) in enumerate(zip(LENET_LAYERS, got), start=1):
        if expected != actual:
            return make_result(name, False,
                               f"{FAIL} {name}: layer {i} differs from LeNet.\n"
                               f"   expected: {expected[0]}, output {expected[1]}, "
                               f"{expected[2]:,} parameters\n"
                               f"   got:      {actual[0]}, output {actual[1]}, "
                               f"{actual[2]:,} parameters\n"
                               f"   LeNet, layer by layer:\n{_describe(LENET_LAYERS)}\n"
                               f"   Hint: padding='same' keeps 28 × 28 in the first convolution, "
                               f"the second uses 'valid'.", quiet=quiet)
    if len(got) != len(LENET_LAYERS):
        return make_result(name, False,
                           f"{FAIL} {name}: the model has {len(got)} layers, LeNet has "
                           f"{len(LENET_LAYERS)}:\n{_describe(LENET_LAYERS)}", quiet=quiet)
    activations = [getattr(getattr(layer, "activation", None), "__name__", None)
                   for layer in layers if type(layer).__name__ in ("Conv2D", "Dense")]
    if activations[:-1] != ["relu"] * (len(activations) - 1) or activations[-1] != "softmax":
        return make_result(name, False,
                           f"{FAIL} {name}: the activations are {activations}; LeNet uses "
                           f"'relu' in every convolution and hidden Dense layer and 'softmax' "
                           f"in the last one.", quiet=quiet)
    return make_result(name, True, f"{PASS} {name}: every layer, shape and parameter count "
                       f"matches LeNet ({LENET_PARAMETERS:,} parameters). Well done!",
                       quiet=quiet)


def _reference_top_k(probabilities: np.ndarray, y_true: np.ndarray, k: int) -> float:
    top = np.argsort(probabilities, axis=1)[:, -k:]
    return float((top == y_true[:, None]).any(axis=1).mean())


def check_top_k_accuracy(top_k_accuracy: Callable[[Any, Any, int], Any], *,
                         quiet: bool = False) -> CheckResult:
    """``top_k_accuracy(probabilities, y_true, k)`` must return the fraction (0 to 1) of rows
    whose true label is among the ``k`` largest probabilities."""
    rng = np.random.default_rng(9)
    small = np.array([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.2, 0.3, 0.5], [0.7, 0.2, 0.1]])
    small_true = np.array([2, 0, 1, 2])
    probabilities = rng.dirichlet(np.ones(10), size=50)
    y_true = rng.integers(0, 10, size=50)
    cases = [
        Case((small, small_true, 1), 0.25, label="k = 1 is the ordinary accuracy"),
        Case((small, small_true, 2), 0.75, label="k = 2 on four rows"),
        Case((small, small_true, 3), 1.0, label="k = number of classes: always right"),
        Case((probabilities, y_true, 3), _reference_top_k(probabilities, y_true, 3),
             label="50 random rows of 10 classes, k = 3"),
        Case((probabilities, y_true, 5), _reference_top_k(probabilities, y_true, 5),
             label="50 random rows of 10 classes, k = 5"),
    ]
    return check_function(top_k_accuracy, cases, name="top_k_accuracy", quiet=quiet,
                          hint="np.argsort(probabilities, axis=1) sorts each row from the "
                               "smallest to the largest, so the last k columns are the top k. "
                               "Return a fraction between 0 and 1, not a count.")
