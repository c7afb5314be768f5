"""Every self-check against plausible wrong answers: each is rejected, and no feedback (the
message of a wrong try, the general hint, the second hint) nor any stub's docstring contains
the reference solution.

:data:`WRONG_ANSWERS` lists, per exercise, the wrong answers its check must reject: a swapped
sign, a loosened comparison, a missing bias, an off-by-one, a wrong shape. The reference
solutions are the notebooks' cells tagged ``solution``, read (never run); a "line" of one is any
statement or sub-expression of at least :data:`MIN_FRAGMENT` characters, compared with
whitespace removed. That the references pass is read from the committed notebooks' records.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from typing import Any

import nbformat
import numpy as np
import pytest

from course_utils.exercises import (
    activations,
    autoencoders,
    backprop,
    catalogues,
    cnn,
    gradient_descent,
    keras_ann,
    lenet,
    opencv,
    perceptron,
    regularization,
    sklearn_mlp,
    welcome,
)
from course_utils.paths import NOTEBOOKS_DIR

MIN_FRAGMENT = 8
CELSIUS = np.array([-10, 0, 8, 15, 22, 30, 38], dtype=float)
MEASURED = 1.8 * CELSIUS + 32 + np.random.default_rng(0).normal(0, 1.0, CELSIUS.size)
TWO_C, TWO_F = CELSIUS[1:3], MEASURED[1:3]


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


def dense_model(units=(16, 8, 1), activations_=("relu", "relu", "sigmoid"), inputs=30, extra=None):
    keras, layers = _keras()
    stack = [keras.Input(shape=(inputs,))]
    for n, act in zip(units, activations_):
        stack.append(layers.Dense(n, activation=act))
        if extra is not None and len(stack) == 2:
            stack.append(extra)
    return keras.Sequential(stack)


def pipeline(*, scaler="standard", hidden=(8,), lr=0.001, max_iter=1000, fitted=False):
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler, StandardScaler

    mlp = MLPClassifier(
        hidden_layer_sizes=hidden, learning_rate_init=lr, max_iter=max_iter, random_state=0
    )
    if scaler is None:
        return mlp
    model = make_pipeline(StandardScaler() if scaler == "standard" else MinMaxScaler(), mlp)
    if fitted:
        model.fit(np.random.default_rng(0).random((20, 30)), np.arange(20) % 2)
    return model


def adam(
    w,
    grad,
    m,
    v,
    t,
    lr=1e-3,
    beta1=0.9,
    beta2=0.999,
    eps=1e-7,
    *,
    root_eps=False,
    hats=False,
    correct=True,
):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t) if correct else m
    v_hat = v / (1 - beta2**t) if correct else v
    step = m_hat / (np.sqrt(v_hat + eps) if root_eps else np.sqrt(v_hat) + eps)
    return (w - lr * step, m_hat, v_hat) if hats else (w - lr * step, m, v)


def huber(t, p, delta=1.0, *, half=0.5, shift=0.5):
    r = np.abs(t - p)
    return float(np.mean(np.where(r <= delta, half * r**2, delta * (r - shift * delta))))


def stopping(losses, patience, *, ties=False):
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(losses, start=1):
        if loss < best or (ties and loss == best):
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(losses), best_epoch


def pool(x, reduce=np.max, edge="drop"):
    h, w = x.shape
    if edge == "keep":
        return np.array(
            [[reduce(x[i : i + 2, j : j + 2]) for j in range(0, w, 2)] for i in range(0, h, 2)]
        )
    return np.array(
        [[reduce(x[i : i + 2, j : j + 2]) for j in range(0, w - 1, 2)] for i in range(0, h - 1, 2)]
    )


def pick(y, p):
    return p[np.arange(len(y)), y]


def crop(b, extra=1, axes=(1, 0)):
    rows = np.flatnonzero(b.any(axis=axes[0]))
    cols = np.flatnonzero(b.any(axis=axes[1]))
    return b[rows[0] : rows[-1] + extra, cols[0] : cols[-1] + extra]


def pairs(n, h, o):
    sizes = [n, *h, o]
    return list(zip(sizes[:-1], sizes[1:]))


def top_k(p, y, columns):
    return float(np.mean((np.argsort(p, axis=1)[:, columns] == y[:, None]).any(axis=1)))


def update(w, x, label, *, sign=1, strict=False, always=False):
    s = np.dot(w, x)
    fires = s > 0 if strict else s >= 0
    if not always and bool(fires) == bool(label):
        return w
    return w + sign * x if label == 1 else w - sign * x


#: (notebook, exercise) -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("00_welcome", "fahrenheit"): [
        ("brackets around c + 32", lambda c: 1.8 * (c + 32)),
        ("the inverse conversion", lambda c: (c - 32) / 1.8),
        ("scalar rounding, breaks on arrays", lambda c: round(1.8 * c + 32)),
        ("the rough mental rule", lambda c: 2 * c + 30),
        ("a wrong offset", lambda c: 1.8 * c + 30),
    ],
    ("00_welcome", "rule_from_two"): [
        ("all seven readings", np.polyfit(CELSIUS, MEASURED, 1)),
        ("x and y swapped", np.polyfit(TWO_F, TWO_C, 1)),
        ("degree 2", np.polyfit(CELSIUS, MEASURED, 2)),
        ("the exact rule", [1.8, 32.0]),
        ("[intercept, slope]", np.polyfit(TWO_C, TWO_F, 1)[::-1]),
        ("one number", 1.8),
    ],
    ("00_welcome", "approaches"): [
        (
            "photos by hand-written rules",
            {
                **welcome.APPROACH_ANSWERS,
                "which animal is in a photo, from its raw pixels": "rules",
            },
        ),
        (
            "tax by machine learning",
            {
                **welcome.APPROACH_ANSWERS,
                "tax owed from income, by the law's brackets": "machine learning",
            },
        ),
        (
            "not an approach",
            {**welcome.APPROACH_ANSWERS, "spoken words from a raw audio recording": "magic"},
        ),
        ("scenarios missing", {"x": "rules"}),
    ],
    ("01_perceptron", "my_threshold_unit"): [
        ("strict inequality", lambda w, x: int(np.dot(w, x) > 0)),
        ("forgets the bias", lambda w, x: int(np.dot(w[1:], x[1:]) >= 0)),
        ("returns the sum", lambda w, x: np.dot(w, x)),
        ("inverted output", lambda w, x: int(np.dot(w, x) < 0)),
    ],
    ("01_perceptron", "my_perceptron_update"): [
        ("swapped signs", lambda w, x, label: update(w, x, label, sign=-1)),
        ("always updates", lambda w, x, label: update(w, x, label, always=True)),
        ("strict threshold", lambda w, x, label: update(w, x, label, strict=True)),
        ("never updates", lambda w, x, label: w),
    ],
    ("01_perceptron", "nand_weights"): [
        ("AND's weights", [-1.5, 1.0, 1.0]),
        ("OR's weights", [-1.0, 1.1, 1.1]),
        ("bias too small", [0.5, -1.0, -1.0]),
        ("two numbers", [-1.0, -1.0]),
    ],
    ("02_activation_functions", "relu_derivative"): [
        ("ReLU itself", lambda x: np.maximum(0, x)),
        ("slope 1 at 0", lambda x: (np.asarray(x) >= 0).astype(float)),
        ("Leaky ReLU's slope", lambda x: np.where(x > 0, 1.0, 0.1)),
        ("scalar logic", lambda x: 1.0 if x > 0 else 0.0),
        ("wrong shape", lambda x: (np.asarray(x) > 0).astype(float)[:1]),
    ],
    ("02_activation_functions", "softmax_stable"): [
        ("overflows at 1000", lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)),
        ("whole batch as one", lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum()),
        ("forgets np.exp", lambda z: z / z.sum(axis=-1, keepdims=True)),
        (
            "columns, not rows",
            lambda z: (
                np.exp(z - z.max(axis=0, keepdims=True))
                / np.exp(z - z.max(axis=0, keepdims=True)).sum(axis=0, keepdims=True)
            ),
        ),
    ],
    ("02_activation_functions", "largest_product"): [
        ("forgets the weight", 0.25**10),
        ("weight once", 2 * 0.25**10),
        ("a multiple, not a power", 0.5 * 10),
        ("nine factors", 0.5**9),
        ("a string", "0.5**10"),
    ],
    ("03_gradient_descent", "iterations_per_epoch"): [
        ("drops the last batch", lambda n, b: n // b),
        ("one too many when exact", lambda n, b: n // b + 1),
        ("rounds to nearest", lambda n, b: round(n / b)),
        ("a fraction", lambda n, b: n / b),
        ("a float", lambda n, b: float(math.ceil(n / b))),
        ("arguments swapped", lambda n, b: math.ceil(b / n)),
    ],
    ("03_gradient_descent", "huber_loss"): [
        ("MSE", lambda t, p, delta=1.0: float(np.mean((t - p) ** 2))),
        ("no ½", lambda t, p, delta=1.0: huber(t, p, delta, half=1.0)),
        ("no shift", lambda t, p, delta=1.0: huber(t, p, delta, shift=0.0)),
        ("sum", lambda t, p, delta=1.0: huber(t, p, delta) * len(t)),
        ("ignores delta", lambda t, p, delta=1.0: huber(t, p, 1.0)),
        (
            "forgets abs",
            lambda t, p, delta=1.0: float(
                np.mean(
                    np.where(
                        t - p <= delta, 0.5 * (t - p) ** 2, delta * (np.abs(t - p) - 0.5 * delta)
                    )
                )
            ),
        ),
    ],
    ("03_gradient_descent", "adam_step"): [
        ("eps inside the square root", lambda *a, **k: adam(*a, **k, root_eps=True)),
        ("no bias correction", lambda *a, **k: adam(*a, **k, correct=False)),
        ("returns the corrected m and v", lambda *a, **k: adam(*a, **k, hats=True)),
        ("off-by-one step", lambda w, g, m, v, t, **k: adam(w, g, m, v, t + 1, **k)),
        (
            "swapped betas",
            lambda w, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7: adam(
                w, g, m, v, t, lr, beta2, beta1, eps
            ),
        ),
        (
            "ignores eps",
            lambda w, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7: adam(
                w, g, m, v, t, lr, beta1, beta2
            ),
        ),
        ("steps uphill", lambda w, *a, **k: (2 * w - adam(w, *a, **k)[0], *adam(w, *a, **k)[1:])),
        ("only the new w", lambda *a, **k: adam(*a, **k)[0]),
    ],
    ("04_backpropagation", "dense_backward"): [
        ("grad_b not summed", lambda x, W, b, g: (g @ W.T, x.T @ g, g)),
        ("grad_b averaged", lambda x, W, b, g: (g @ W.T, x.T @ g, g.mean(axis=0))),
        ("W not transposed", lambda x, W, b, g: (g @ W, x.T @ g, g.sum(axis=0))),
        ("grad_W transposed", lambda x, W, b, g: (g @ W.T, (x.T @ g).T, g.sum(axis=0))),
        ("grad_W divided by n", lambda x, W, b, g: (g @ W.T, x.T @ g / len(x), g.sum(axis=0))),
        ("order swapped", lambda x, W, b, g: (x.T @ g, g @ W.T, g.sum(axis=0))),
        ("forgets grad_b", lambda x, W, b, g: (g @ W.T, x.T @ g)),
    ],
    ("04_backpropagation", "count_parameters"): [
        ("forgets biases", lambda s: sum(a * b for a, b in zip(s[:-1], s[1:]))),
        ("biases of the inputs", lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:]))),
        ("no output bias", lambda s: sum(a * b + b for a, b in zip(s[:-1], s[1:])) - s[-1]),
        ("multiplies everything", lambda s: int(np.prod(s)) + sum(s[1:])),
        ("one bias per layer", lambda s: sum(a * b + 1 for a, b in zip(s[:-1], s[1:]))),
    ],
    ("04_backpropagation", "glorot_limit"): [
        ("Glorot normal's std", lambda i, o: np.sqrt(2 / (i + o))),
        ("He uniform", lambda i, o: np.sqrt(6 / i)),
        ("no square root", lambda i, o: 6 / (i + o)),
        ("root of the numerator", lambda i, o: np.sqrt(6) / (i + o)),
        ("LeCun's scale", lambda i, o: 1 / np.sqrt(i)),
    ],
    ("05_opencv_thresholding", "threshold_binary"): [
        (">= instead of >", lambda i, t, v: np.where(i >= t, v, 0).astype(np.uint8)),
        ("booleans", lambda i, t, v: i > t),
        ("ignores max_value", lambda i, t, v: np.where(i > t, 255, 0).astype(np.uint8)),
        ("the inverse", lambda i, t, v: np.where(i > t, 0, v).astype(np.uint8)),
        ("int64, not uint8", lambda i, t, v: np.where(i > t, v, 0)),
        ("keeps dark pixels", lambda i, t, v: np.where(i > t, v, i).astype(np.uint8)),
    ],
    ("05_opencv_thresholding", "bgr_to_gray"): [
        (
            "RGB order",
            lambda i: np.rint(0.299 * i[..., 0] + 0.587 * i[..., 1] + 0.114 * i[..., 2]).astype(
                np.uint8
            ),
        ),
        ("plain average", lambda i: i.mean(axis=2).round().astype(np.uint8)),
        ("float result", lambda i: 0.114 * i[..., 0] + 0.587 * i[..., 1] + 0.299 * i[..., 2]),
        (
            "extra axis",
            lambda i: np.rint(0.114 * i[..., 0] + 0.587 * i[..., 1] + 0.299 * i[..., 2]).astype(
                np.uint8
            )[..., None],
        ),
        ("green only", lambda i: i[..., 1]),
    ],
    ("05_opencv_thresholding", "crop_to_ink"): [
        ("off by one", lambda b: crop(b, extra=0)),
        ("rows and columns swapped", lambda b: crop(b, axes=(0, 1))),
        ("no crop", lambda b: b),
        ("the ink pixels only", lambda b: b[np.nonzero(b)]),
    ],
    ("06_sklearn_mlp", "count_parameters"): [
        ("no biases", lambda n, h, o: sum(a * b for a, b in pairs(n, h, o))),
        ("no output bias", lambda n, h, o: sum(a * b + b for a, b in pairs(n, h, o)) - o),
        ("first hidden layer only", lambda n, h, o: sum(a * b + b for a, b in pairs(n, h[:1], o))),
        ("a float", lambda n, h, o: float(sum(a * b + b for a, b in pairs(n, h, o)))),
        ("biases on inputs", lambda n, h, o: sum(a * b + a for a, b in pairs(n, h, o))),
    ],
    ("06_sklearn_mlp", "standardize"): [
        (
            "test statistics leak",
            lambda a, b: ((a - a.mean(0)) / a.std(0), (b - b.mean(0)) / b.std(0)),
        ),
        (
            "sample std",
            lambda a, b: ((a - a.mean(0)) / a.std(0, ddof=1), (b - a.mean(0)) / a.std(0, ddof=1)),
        ),
        ("test not scaled", lambda a, b: ((a - a.mean(0)) / a.std(0), b)),
        ("one mean for all", lambda a, b: ((a - a.mean()) / a.std(), (b - a.mean()) / a.std())),
        ("returns one array", lambda a, b: (a - a.mean(0)) / a.std(0)),
    ],
    ("06_sklearn_mlp", "make_scaled_mlp"): [
        ("no scaler", lambda: pipeline(scaler=None)),
        ("another scaler", lambda: pipeline(scaler="minmax")),
        ("100 hidden units", lambda: pipeline(hidden=(100,))),
        ("learning rate 0.1", lambda: pipeline(lr=0.1)),
        ("far too few iterations", lambda: pipeline(max_iter=3)),
        ("already fitted", lambda: pipeline(fitted=True)),
        ("not a pipeline", lambda: "pipeline"),
    ],
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
    ("08_cnn_building_blocks", "max_pool_2x2"): [
        ("average pooling", lambda x: pool(x, np.mean)),
        (
            "stride 1",
            lambda x: np.array(
                [
                    [x[i : i + 2, j : j + 2].max() for j in range(x.shape[1] - 1)]
                    for i in range(x.shape[0] - 1)
                ]
            ),
        ),
        ("maximum starts at 0", lambda x: np.maximum(pool(x), 0)),
        ("keeps an odd edge", lambda x: pool(x, edge="keep")),
        (
            "reshape with the wrong axes",
            lambda x: (
                x[: x.shape[0] // 2 * 2, : x.shape[1] // 2 * 2]
                .reshape(x.shape[0] // 2, x.shape[1] // 2, 2, 2)
                .max(axis=(2, 3))
            ),
        ),
        ("subsampling", lambda x: x[::2, ::2]),
    ],
    ("08_cnn_building_blocks", "conv_output_size"): [
        ("a float", lambda h, f, p, s: (h + 2 * p - f) / s + 1),
        ("rounds up", lambda h, f, p, s: -(-(h + 2 * p - f) // s) + 1),
        ("forgets + 1", lambda h, f, p, s: (h + 2 * p - f) // s),
        ("padding on one side", lambda h, f, p, s: (h + p - f) // s + 1),
        ("ignores the stride", lambda h, f, p, s: h + 2 * p - f + 1),
        ("rounds to nearest", lambda h, f, p, s: round((h + 2 * p - f) / s) + 1),
    ],
    ("08_cnn_building_blocks", "n_parameters"): [
        ("no biases", 4608),
        ("one channel", 320),
        ("one channel, no bias", 288),
        ("a bias per input channel", 4624),
        ("times the image size", 4640 * 64 * 64),
        ("a float", 4640.0),
    ],
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
    ("10_autoencoders", "autoencoder_params"): [
        ("forgets every bias", lambda n, k: 2 * n * k),
        ("decoder bias k", lambda n, k: 2 * n * k + 2 * k),
        ("encoder bias n", lambda n, k: 2 * n * k + 2 * n),
        ("encoder only", lambda n, k: n * k + k),
        ("off by one everywhere", lambda n, k: (n + 1) * (k + 1) * 2),
    ],
    ("10_autoencoders", "per_image_mse"): [
        ("one number", lambda x, r: np.mean((x - r) ** 2)),
        ("per pixel", lambda x, r: np.mean((x - r) ** 2, axis=0)),
        ("sum", lambda x, r: np.sum((x - r) ** 2, axis=1)),
        ("absolute error", lambda x, r: np.mean(np.abs(x - r), axis=1)),
        ("root mean square", lambda x, r: np.sqrt(np.mean((x - r) ** 2, axis=1))),
    ],
    ("10_autoencoders", "anomaly_threshold"): [
        ("the wrong tail", lambda e, r: float(np.quantile(e, r))),
        ("percentile of a fraction", lambda e, r: float(np.percentile(e, 1 - r))),
        ("mean + 2 std", lambda e, r: float(np.mean(e) + 2 * np.std(e))),
        ("an array", lambda e, r: np.quantile(e, [1 - r])),
    ],
    ("11_regularization", "l2_penalty"): [
        ("L1", lambda ks, lam: lam * sum(float(np.sum(np.abs(k))) for k in ks)),
        ("norm, not squared", lambda ks, lam: lam * sum(float(np.sqrt(np.sum(k**2))) for k in ks)),
        ("the ½ convention", lambda ks, lam: lam / 2 * sum(float(np.sum(k**2)) for k in ks)),
        ("mean", lambda ks, lam: lam * sum(float(np.mean(k**2)) for k in ks)),
        ("forgets lambda", lambda ks, lam: sum(float(np.sum(k**2)) for k in ks)),
        ("first matrix only", lambda ks, lam: lam * float(np.sum(ks[0] ** 2))),
        ("one per matrix", lambda ks, lam: [lam * float(np.sum(k**2)) for k in ks]),
    ],
    ("11_regularization", "early_stopping_epochs"): [
        ("stops at the best", lambda v, p: (int(np.argmin(v)) + 1,) * 2),
        ("zero-based", lambda v, p: tuple(e - 1 for e in stopping(v, p))),
        ("ties improve", lambda v, p: stopping(v, p, ties=True)),
        ("one epoch late", lambda v, p: stopping(v, p + 1)),
        ("restores the last", lambda v, p: (stopping(v, p)[0],) * 2),
        ("swapped", lambda v, p: stopping(v, p)[::-1]),
        ("one number", lambda v, p: 5),
    ],
}

#: (notebook, exercise) -> how its self-check is called on an answer.
CHECKS: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("00_welcome", "fahrenheit"): welcome.check_fahrenheit,
    ("00_welcome", "rule_from_two"): lambda a, quiet: welcome.check_learned_rule(
        a, TWO_C, TWO_F, name="rule_from_two", quiet=quiet
    ),
    ("00_welcome", "approaches"): welcome.check_approaches,
    ("01_perceptron", "my_threshold_unit"): perceptron.check_threshold_unit,
    ("01_perceptron", "my_perceptron_update"): perceptron.check_update_rule,
    ("01_perceptron", "nand_weights"): lambda a, quiet: perceptron.check_gate_weights(
        a, "nand", quiet=quiet
    ),
    ("02_activation_functions", "relu_derivative"): activations.check_relu_derivative,
    ("02_activation_functions", "softmax_stable"): activations.check_softmax,
    ("02_activation_functions", "largest_product"): lambda a, quiet: (
        activations.check_vanishing_factor(a, weight=2, quiet=quiet)
    ),
    ("03_gradient_descent", "iterations_per_epoch"): gradient_descent.check_iterations_per_epoch,
    ("03_gradient_descent", "huber_loss"): gradient_descent.check_huber,
    ("03_gradient_descent", "adam_step"): gradient_descent.check_adam_step,
    ("04_backpropagation", "dense_backward"): backprop.check_dense_backward,
    ("04_backpropagation", "count_parameters"): backprop.check_count_parameters,
    ("04_backpropagation", "glorot_limit"): backprop.check_glorot_limit,
    ("05_opencv_thresholding", "threshold_binary"): opencv.check_threshold_binary,
    ("05_opencv_thresholding", "bgr_to_gray"): opencv.check_bgr_to_gray,
    ("05_opencv_thresholding", "crop_to_ink"): opencv.check_crop_to_ink,
    ("06_sklearn_mlp", "count_parameters"): sklearn_mlp.check_count_parameters,
    ("06_sklearn_mlp", "standardize"): sklearn_mlp.check_standardize,
    ("06_sklearn_mlp", "make_scaled_mlp"): sklearn_mlp.check_scaled_mlp,
    ("07_keras_ann", "build_model"): keras_ann.check_build_model,
    ("07_keras_ann", "n_params"): keras_ann.check_param_total,
    ("07_keras_ann", "sparse_cross_entropy"): keras_ann.check_sparse_cross_entropy,
    ("08_cnn_building_blocks", "max_pool_2x2"): cnn.check_max_pool,
    ("08_cnn_building_blocks", "conv_output_size"): cnn.check_output_size,
    ("08_cnn_building_blocks", "n_parameters"): cnn.check_conv_parameters,
    ("09_lenet_mnist", "build_lenet"): lenet.check_lenet,
    ("09_lenet_mnist", "top_k_accuracy"): lenet.check_top_k_accuracy,
    ("10_autoencoders", "autoencoder_params"): autoencoders.check_autoencoder_params,
    ("10_autoencoders", "per_image_mse"): autoencoders.check_per_image_mse,
    ("10_autoencoders", "anomaly_threshold"): autoencoders.check_anomaly_threshold,
    ("11_regularization", "l2_penalty"): regularization.check_l2_penalty,
    ("11_regularization", "early_stopping_epochs"): regularization.check_early_stopping_epochs,
}
CATALOGUES = catalogues()
EXERCISES = [(nb, name) for nb, catalogue in CATALOGUES.items() for name in catalogue.names]


# --------------------------------------------------------------------------- the references
def squash(text: str) -> str:
    """Text compared with whitespace removed (and the typographic operators made plain)."""
    for fancy, plain in (("−", "-"), ("·", "*"), ("×", "*")):
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", "", text)


def loose(squashed: str) -> str:
    """A formula as people write it: no multiplication signs, one kind of division
    (``(h + 2p - f) / s`` matches ``(h + 2 * p - f) // s``)."""
    return squashed.replace("**", "^").replace("*", "").replace("//", "/")


def gives_away(fragment: str, squashed_text: str) -> bool:
    return fragment in squashed_text or loose(fragment) in loose(squashed_text)


def solution_sources(notebook: str) -> dict[str, str]:
    """Each name a notebook's solution cells define -> the source of its definition."""
    nb = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    found = {}
    for cell in nb.cells:
        if "solution" not in cell.metadata.get("tags", []):
            continue
        for node in ast.parse(cell.source).body:
            names = (
                [node.name]
                if isinstance(node, ast.FunctionDef)
                else [t.id for t in node.targets if isinstance(t, ast.Name)]
            )
            for name in names:
                found[name] = ast.get_source_segment(cell.source, node)
    return found


def fragments(source: str) -> set[str]:
    """The "lines" of a reference solution: its statements and sub-expressions, squashed.

    A function's signature and docstring are the task, not the answer; bare names, constants,
    attribute lookups (``keras.Sequential``) and a tuple of the names returned are not answers
    either.
    """
    node = ast.parse(source).body[0]
    body = node.body[1:] if isinstance(node, ast.FunctionDef) else [node.value]
    found = set()
    for statement in body:
        for sub in ast.walk(statement):
            if isinstance(
                sub,
                ast.Name
                | ast.Constant
                | ast.Attribute
                | ast.keyword
                | ast.expr_context
                | ast.operator
                | ast.cmpop
                | ast.unaryop
                | ast.boolop
                | ast.arguments
                | ast.arg
                | ast.comprehension,
            ):
                continue
            if isinstance(sub, ast.Tuple) and all(isinstance(e, ast.Name) for e in sub.elts):
                continue  # the names of what is returned, as the task states them
            segment = ast.get_source_segment(source, sub)
            if segment and len(squash(segment)) >= MIN_FRAGMENT:
                found.add(squash(segment))
    for line in ast.get_source_segment(source, node).splitlines()[1:]:
        if len(squash(line)) >= MIN_FRAGMENT and '"""' not in line:
            found.add(squash(line))
    return found


_OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Pow: lambda a, b: a**b,
}


def _arithmetic(node: ast.AST) -> Any:
    """The value of a plain-number expression (``(0.25 * 2) ** 10``, ``[1.5, -1.0]``), read
    without running any code; ``None`` for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _arithmetic(node.operand)
        return None if value is None else -value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _arithmetic(node.left), _arithmetic(node.right)
        return None if left is None or right is None else _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.List | ast.Tuple):
        values = [_arithmetic(e) for e in node.elts]
        return None if any(v is None for v in values) else values
    return None


def reference_value(notebook: str, name: str) -> Any:
    """The number (or list of numbers) a value exercise's solution assigns, else ``None``."""
    node = ast.parse(solution_sources(notebook)[name]).body[0]
    return _arithmetic(node.value) if isinstance(node, ast.Assign) else None


def is_function(notebook: str, name: str) -> bool:
    return isinstance(ast.parse(solution_sources(notebook)[name]).body[0], ast.FunctionDef)


def feedback(notebook: str, name: str, message: str) -> str:
    exercise = CATALOGUES[notebook][name]
    return "\n".join([message, exercise.hint, exercise.nudge])


# --------------------------------------------------------------------------- the tests
def test_every_exercise_of_every_notebook_has_a_check_and_wrong_answers():
    assert set(EXERCISES) == set(CHECKS) == set(WRONG_ANSWERS)
    for key, wrong in WRONG_ANSWERS.items():
        assert len(wrong) >= 4, f"{key}: list at least four plausible wrong answers"


@pytest.mark.parametrize("notebook", list(CATALOGUES))
def test_catalogues_name_what_the_solution_cells_define_in_order(notebook):
    assert tuple(solution_sources(notebook)) == CATALOGUES[notebook].names


@pytest.mark.parametrize("notebook", list(CATALOGUES))
def test_the_committed_notebooks_pass_every_exercise(notebook):
    """The reference solutions pass their checks: the committed outputs' records say so."""
    from course_utils.progress import records_in, statuses

    nb = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    if not any(record.get("notebook") == notebook for _, record in records_in(nb)):
        pytest.skip(f"{notebook}'s outputs predate the self-checks' records: re-execute it")
    assert set(statuses(nb, notebook).values()) == {"passed"}


@pytest.mark.parametrize(
    "notebook, name, label, wrong",
    [
        pytest.param(nb, name, label, wrong, id=f"{nb[:2]}-{name}-{label}")
        for (nb, name), answers in WRONG_ANSWERS.items()
        for label, wrong in answers
    ],
)
def test_wrong_answers_are_rejected_without_giving_the_answer(notebook, name, label, wrong):
    with np.errstate(all="ignore"):
        result = CHECKS[notebook, name](wrong, quiet=True)
    assert result.status == "failed", f"{label!r} passed: {result.message}"
    assert result.record["exercise"] == name and result.record["notebook"] == notebook
    assert "Hint:" in result.message
    said = squash(feedback(notebook, name, result.message))
    for fragment in fragments(solution_sources(notebook)[name]):
        assert not gives_away(fragment, said), (
            f"the feedback gives away {fragment!r}:\n{result.message}"
        )
    answer = reference_value(notebook, name)
    if isinstance(answer, int | float):
        assert squash(f"{answer:,}") not in said and str(answer) not in said.replace(
            str(wrong), ""
        ), f"the feedback tells the answer {answer}"


@pytest.mark.parametrize("notebook, name", EXERCISES)
def test_no_hint_or_stub_docstring_contains_the_solution(notebook, name):
    source = solution_sources(notebook)[name]
    node = ast.parse(source).body[0]
    docstring = ast.get_docstring(node) if isinstance(node, ast.FunctionDef) else ""
    text = squash(feedback(notebook, name, "") + (docstring or ""))
    for fragment in fragments(source):
        assert not gives_away(fragment, text), (
            f"{notebook} {name}: the hints or docstring hold {fragment!r}"
        )


@pytest.mark.parametrize("notebook, name", EXERCISES)
def test_stubs_and_placeholders_are_not_yet(notebook, name):
    def stub(*args, **kwargs):
        raise NotImplementedError(f"{name} is not written yet")

    placeholder = stub if is_function(notebook, name) else ...
    result = CHECKS[notebook, name](placeholder, quiet=True)
    assert result.status == "not yet" and result.message.startswith("⏳"), result.message
