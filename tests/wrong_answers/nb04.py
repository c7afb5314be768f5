"""Notebook 04_backpropagation: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import backprop


def _tanh_softmax(**change: Any) -> Callable[..., Any]:
    """The tanh + softmax backward pass with one step changed."""
    return lambda *args: backprop._tanh_softmax(*args, **change)


def _biases_not_summed(W1, b1, W2, b2, X, Y):
    """Right weights' gradients, but each bias gets one row per example."""
    h = np.tanh(X @ W1 + b1)
    scores = h @ W2 + b2
    p = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    delta_out = (p - Y) / len(X)
    delta_hidden = (delta_out @ W2.T) * (1 - h**2)
    return X.T @ delta_hidden, delta_hidden, h.T @ delta_out, delta_out


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("04_backpropagation", "dense_backward"): [
        ("grad_b not summed", lambda x, W, b, g: (g @ W.T, x.T @ g, g)),
        ("grad_b averaged", lambda x, W, b, g: (g @ W.T, x.T @ g, g.mean(axis=0))),
        ("grad_b over units", lambda x, W, b, g: (g @ W.T, x.T @ g, g.sum(axis=1))),
        ("W not transposed", lambda x, W, b, g: (g @ W, x.T @ g, g.sum(axis=0))),
        ("grad_W transposed", lambda x, W, b, g: (g @ W.T, (x.T @ g).T, g.sum(axis=0))),
        ("grad_W divided by n", lambda x, W, b, g: (g @ W.T, x.T @ g / len(x), g.sum(axis=0))),
        ("order swapped", lambda x, W, b, g: (x.T @ g, g @ W.T, g.sum(axis=0))),
        ("forgets grad_b", lambda x, W, b, g: (g @ W.T, x.T @ g)),
    ],
    ("04_backpropagation", "backward_multiply_adds"): [
        ("the forward pass's cost", 32 * (784 * 128 + 128 * 10)),
        ("an error for the pixels too", 2 * 32 * (784 * 128 + 128 * 10)),
        ("one image, not 32", 784 * 128 + 2 * 128 * 10),
        ("forgets the first layer's weights", 32 * 2 * 128 * 10),
        ("extra product on the wrong layer", 32 * (2 * 784 * 128 + 128 * 10)),
        ("a float", 32.0 * (784 * 128 + 2 * 128 * 10)),
    ],
    ("04_backpropagation", "he_limit"): [
        ("LeCun's limit, no ReLU", lambda i: np.sqrt(3 / i)),
        ("He normal's std", lambda i: np.sqrt(2 / i)),
        ("the variance", lambda i: 6 / i),
        ("halved the wrong way", lambda i: np.sqrt(1.5 / i)),
        ("doubled twice", lambda i: np.sqrt(12 / i)),
        ("root of the numerator", lambda i: np.sqrt(6) / i),
        ("Glorot's with fan_out = 1", lambda i: np.sqrt(6 / (i + 1))),
    ],
    ("04_backpropagation", "tanh_softmax_gradients"): [
        ("sigmoid's slope", _tanh_softmax(slope=lambda a, h: h * (1 - h))),
        ("slope of the pre-activation", _tanh_softmax(slope=lambda a, h: 1 - a**2)),
        ("no tanh slope", _tanh_softmax(slope=lambda a, h: np.ones_like(h))),
        ("summed loss, no 1/n", _tanh_softmax(error=lambda p, Y, n: p - Y)),
        ("extra softmax slope", _tanh_softmax(error=lambda p, Y, n: (p - Y) * p * (1 - p) / n)),
        ("sign flipped", _tanh_softmax(error=lambda p, Y, n: (Y - p) / n)),
        ("softmax over the batch", _tanh_softmax(softmax_axis=0)),
        ("biases not summed", _biases_not_summed),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("04_backpropagation", "dense_backward"): backprop.check_dense_backward,
    ("04_backpropagation", "backward_multiply_adds"): backprop.check_backward_multiply_adds,
    ("04_backpropagation", "he_limit"): backprop.check_he_limit,
    ("04_backpropagation", "tanh_softmax_gradients"): backprop.check_tanh_softmax_gradients,
}
