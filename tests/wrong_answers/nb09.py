"""Notebook 09_lenet_mnist: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import lenet


def _keras():
    import keras

    return keras, keras.layers


def lenet_model(
    *,
    shape=(28, 28, 1),
    first="same",
    second="valid",
    dense=(120, 84),
    last="softmax",
    hidden="relu",
    pool="max",
    filters=(6, 16),
    kernel=5,
):
    keras, layers = _keras()
    pooling = layers.MaxPooling2D if pool == "max" else layers.AveragePooling2D
    stack = [
        keras.Input(shape=shape),
        layers.Conv2D(filters[0], kernel, padding=first, activation=hidden),
        pooling(2),
        layers.Conv2D(filters[1], kernel, padding=second, activation=hidden),
        pooling(2),
        layers.Flatten(),
        *[layers.Dense(n, activation=hidden) for n in dense],
        layers.Dense(10, activation=last),
    ]
    return keras.Sequential(stack)


def top_k(p, y, columns):
    return float(np.mean((np.argsort(p, axis=1)[:, columns] == y[:, None]).any(axis=1)))


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("09_lenet_mnist", "build_lenet"): [
        ("for 29 × 28 inputs", lambda: lenet_model(shape=(29, 28, 1))),
        ("three channels", lambda: lenet_model(shape=(28, 28, 3))),
        ("'valid' first convolution", lambda: lenet_model(first="valid")),
        ("'same' second convolution", lambda: lenet_model(second="same")),
        ("one hidden Dense layer", lambda: lenet_model(dense=(120,))),
        ("128 units", lambda: lenet_model(dense=(128, 84))),
        ("sigmoid output", lambda: lenet_model(last="sigmoid")),
        ("tanh inside", lambda: lenet_model(hidden="tanh")),
        ("average pooling", lambda: lenet_model(pool="avg")),
        ("3 × 3 kernels", lambda: lenet_model(kernel=3)),
        ("not a model", lambda: [1, 2]),
    ],
    ("09_lenet_mnist", "top_k_accuracy"): [
        ("the bottom k", lambda p, y, k: top_k(p, y, slice(None, k))),
        ("k + 1 classes", lambda p, y, k: top_k(p, y, slice(-k - 1, None))),
        ("a count", lambda p, y, k: round(top_k(p, y, slice(-k, None)) * len(y))),
        ("ignores k", lambda p, y, k: float(np.mean(p.argmax(axis=1) == y))),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("09_lenet_mnist", "build_lenet"): lenet.check_lenet,
    ("09_lenet_mnist", "top_k_accuracy"): lenet.check_top_k_accuracy,
}
