"""Self-checks for notebook 09 (LeNet on MNIST): cases and diagnoses.

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

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    Problem,
    check_built,
    check_function,
)

CATALOGUE = Catalogue(
    "09_lenet_mnist",
    [
        Exercise(
            "build_lenet",
            hint="follow the LeNet table of the lesson layer by layer: the first convolution "
            "keeps 28 × 28 ('same' padding), the second does not ('valid').",
            nudge="Work down the table: for each layer write its type, its number of filters "
            "or units, its kernel size and padding, and its activation, then compute its "
            "output shape by hand (08's output-size rule) and compare with the table. "
            "The model reads 28 × 28 images with one channel; ReLU everywhere inside, "
            "softmax over the 10 digits at the end.",
        ),
        Exercise(
            "top_k_accuracy",
            hint="a row counts as right when its true label is among the k classes with the "
            "largest probabilities; return the fraction of such rows.",
            nudge="Sorting a row's probabilities gives the classes from the least to the most "
            "probable, so the top k are at one end. For every row ask whether the true "
            "label is among those k, then average the True/False answers into a "
            "fraction between 0 and 1.",
        ),
    ],
)
hint = CATALOGUE.hint

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
#: The shape of one MNIST image as LeNet reads it.
INPUT_SHAPE = (28, 28, 1)


def _describe(layers: list[tuple[str, tuple[int, ...], int]]) -> str:
    return "\n".join(
        f"      {name:<13} {shape!s:<13} {n:>6,} parameters" for name, shape, n in layers
    )


def _inspect_lenet(model: Any) -> str:
    import keras

    if not isinstance(model, keras.Model):
        raise Problem(
            f"it should return a Keras model (a keras.Sequential, for example), got "
            f"{type(model).__name__}."
        )
    if model.built and model.inputs:
        shape = tuple(model.inputs[0].shape[1:])
        if shape != INPUT_SHAPE:
            raise Problem(
                f"the model reads inputs of shape {shape}, but an MNIST image is "
                f"28 × 28 pixels with one channel.",
                hint="the Input layer gives the shape of one image, without the batch.",
            )
    # A Rescaling layer (pixels 0-255 -> 0-1, no weights), as in the notebook's model, is
    # accepted but not required.
    layers = [
        layer for layer in model.layers if type(layer).__name__ not in ("InputLayer", "Rescaling")
    ]
    x = np.zeros((1, *INPUT_SHAPE), dtype="float32")
    got: list[tuple[str, tuple[int, ...], int]] = []
    try:
        for layer in layers:
            x = layer(x)
            got.append(
                (
                    type(layer).__name__,
                    tuple(int(d) for d in x.shape[1:]),
                    int(layer.count_params()),
                )
            )
    except Exception as err:  # noqa: BLE001 - the learner's model may fail in any way
        raise Problem(
            f"a 28 × 28 × 1 image could not pass through layer {len(got) + 1} "
            f"({type(layers[len(got)]).__name__}): {type(err).__name__}: {err}"
        ) from None
    for i, (expected, actual) in enumerate(zip(LENET_LAYERS, got), start=1):
        if expected != actual:
            raise Problem(
                f"layer {i} differs from LeNet.\n"
                f"   expected: {expected[0]}, output {expected[1]}, "
                f"{expected[2]:,} parameters\n"
                f"   got:      {actual[0]}, output {actual[1]}, {actual[2]:,} "
                f"parameters\n   LeNet, layer by layer:\n{_describe(LENET_LAYERS)}"
            )
    if len(got) != len(LENET_LAYERS):
        raise Problem(
            f"the model has {len(got)} layers, LeNet has {len(LENET_LAYERS)}:\n"
            f"{_describe(LENET_LAYERS)}"
        )
    activations = [
        getattr(getattr(layer, "activation", None), "__name__", None)
        for layer in layers
        if type(layer).__name__ in ("Conv2D", "Dense")
    ]
    if activations[:-1] != ["relu"] * (len(activations) - 1) or activations[-1] != "softmax":
        raise Problem(
            f"the activations are {activations}; LeNet uses 'relu' in every "
            f"convolution and hidden Dense layer and 'softmax' in the last one.",
            hint="the output gives one probability per digit, the hidden layers "
            "need a non-linearity that keeps gradients alive.",
        )
    return (
        f": every layer, shape and parameter count matches LeNet ({LENET_PARAMETERS:,} parameters)."
    )


def check_lenet(build_lenet: Callable[[], Any], *, quiet: bool = False) -> CheckResult:
    """``build_lenet()`` must return a Keras model with LeNet's layers, shapes and parameters.

    The model's input shape (when it has one) must be 28 × 28 × 1. Its layers are compared one
    by one (type, output shape for a 28 × 28 × 1 input, parameter count), then the activations:
    ReLU inside, softmax at the end. A ``Rescaling`` layer (the notebook's model starts with
    one, to scale ``uint8`` pixels to [0, 1]) has no weights and is accepted, but not required.

    >>> _ = check_lenet(build_lenet)  # doctest: +SKIP
    ✅ build_lenet: every layer, shape and parameter count matches LeNet (61,706 parameters) ...
    """
    return check_built(build_lenet, _inspect_lenet, exercise=CATALOGUE["build_lenet"], quiet=quiet)


def _reference_top_k(probabilities: np.ndarray, y_true: np.ndarray, k: int) -> float:
    top = np.argsort(probabilities, axis=1)[:, -k:]
    return float((top == y_true[:, None]).any(axis=1).mean())


def check_top_k_accuracy(
    top_k_accuracy: Callable[[Any, Any, int], Any], *, quiet: bool = False
) -> CheckResult:
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
        Case(
            (probabilities, y_true, 3),
            _reference_top_k(probabilities, y_true, 3),
            label="50 random rows of 10 classes, k = 3",
        ),
        Case(
            (probabilities, y_true, 5),
            _reference_top_k(probabilities, y_true, 5),
            label="50 random rows of 10 classes, k = 5",
        ),
    ]

    def hits(p: np.ndarray, y: np.ndarray, columns: slice) -> np.ndarray:
        return (np.argsort(p, axis=1)[:, columns] == np.asarray(y)[:, None]).any(axis=1)

    mistakes = [
        Mistake(
            "sorting goes from the smallest probability to the largest: the top k are at "
            "the other end.",
            like=lambda p, y, k: float(hits(p, y, slice(None, k)).mean()),
        ),
        Mistake(
            "take exactly k classes per row.",
            like=lambda p, y, k: float(hits(p, y, slice(-k - 1, None)).mean()),
        ),
        Mistake(
            "return a fraction between 0 and 1, not a count of rows.",
            like=lambda p, y, k: int(hits(p, y, slice(-k, None)).sum()),
        ),
        Mistake(
            "use k: with k = 2 the two most probable classes both count.",
            like=lambda p, y, k: float(np.mean(p.argmax(axis=1) == y)),
        ),
    ]
    return check_function(
        top_k_accuracy, cases, exercise=CATALOGUE["top_k_accuracy"], mistakes=mistakes, quiet=quiet
    )
