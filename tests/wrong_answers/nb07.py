"""Notebook 07_keras_ann: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import keras_ann


def _keras():
    import keras

    return keras, keras.layers


def dense_model(units=(16, 8, 1), activations_=("relu", "relu", "sigmoid"), inputs=30, extra=None):
    keras, layers = _keras()
    stack = [keras.Input(shape=(inputs,))]
    for n, act in zip(units, activations_):
        stack.append(layers.Dense(n, activation=act))
        if extra is not None and len(stack) == 2:
            stack.append(extra)
    return keras.Sequential(stack)


def pick(y, p):
    return p[np.arange(len(y)), y]


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("07_keras_ann", "build_model"): [
        ("no Input", lambda: _keras()[0].Sequential([_keras()[1].Dense(16, activation="relu")])),
        ("no relu", lambda: dense_model(activations_=(None, None, "sigmoid"))),
        ("softmax output", lambda: dense_model(activations_=("relu", "relu", "softmax"))),
        ("layers in the wrong order", lambda: dense_model(units=(8, 16, 1))),
        ("8 inputs", lambda: dense_model(inputs=8)),
        ("an extra Dropout", lambda: dense_model(extra=_keras()[1].Dropout(0.2))),
        ("two outputs", lambda: dense_model(units=(16, 8, 2))),
        ("a list", lambda: [16, 8, 1]),
    ],
    ("07_keras_ann", "n_params"): [
        ("no biases", 2720),
        ("no output biases", 2768),
        ("first layer only", 2080),
        ("every layer sees the pixels", 3770),
        ("a float", 2778.0),
        ("a string", "2778"),
    ],
    ("07_keras_ann", "sparse_cross_entropy"): [
        ("sum, not mean", lambda y, p: float(np.sum(-np.log(pick(y, p))))),
        ("log10", lambda y, p: float(np.mean(-np.log10(pick(y, p))))),
        ("sign", lambda y, p: float(np.mean(np.log(pick(y, p))))),
        ("always class 0", lambda y, p: float(np.mean(-np.log(p[:, 0])))),
        ("per example", lambda y, p: -np.log(pick(y, p))),
        ("predicted class", lambda y, p: float(np.mean(-np.log(p.max(axis=1))))),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("07_keras_ann", "build_model"): keras_ann.check_build_model,
    ("07_keras_ann", "n_params"): keras_ann.check_param_total,
    ("07_keras_ann", "sparse_cross_entropy"): keras_ann.check_sparse_cross_entropy,
}
