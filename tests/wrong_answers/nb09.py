"""Notebook 09_lenet_mnist: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from course_utils.exercises import lenet


def conv(x, kernels, bias, padding="valid"):
    """The notebook's conv_layer, written independently (stride 1, odd kernels)."""
    if padding == "same":
        p = kernels.shape[0] // 2
        x = np.pad(x, ((p, p), (p, p), (0, 0)))
    f = kernels.shape[0]
    h, w = x.shape[0] - f + 1, x.shape[1] - f + 1
    out = np.zeros((h, w, kernels.shape[-1]))
    for i in range(h):
        for j in range(w):
            out[i, j] = np.tensordot(x[i : i + f, j : j + f], kernels, axes=3) + bias
    return out


def pool(maps, reduce=np.max, stride=2, keep_edge=False):
    h, w = maps.shape[:2]
    if keep_edge:  # pad an odd edge with the smallest value, so it forms its own block
        maps = np.pad(maps, ((0, h % 2), (0, w % 2), (0, 0)), constant_values=-np.inf)
        h, w = maps.shape[:2]
    windows = sliding_window_view(maps, (2, 2), axis=(0, 1))[::stride, ::stride]
    if not keep_edge and stride == 2:
        windows = windows[: h // 2, : w // 2]
    return reduce(windows, axis=(-2, -1))


def relu(x):
    return np.maximum(x, 0)


def top_k(p, y, columns):
    return float(np.mean((np.argsort(p, axis=1)[:, columns] == y[:, None]).any(axis=1)))


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("09_lenet_mnist", "modified_parameters"): [
        ("LeNet's own count", 61_706),
        ("second convolution 'valid'", 81_502),
        ("both convolutions 'valid' (Flatten 400)", 60_382),
        ("no biases", 106_224),
        ("no biases in the convolutions", 106_438),
        ("no biases in the dense layers", 106_248),
        ("one pooling only", 388_702),
        ("second-layer filters one channel deep", 105_454),
        ("5 × 5 kernels", 108_638),
        ("6 first-layer filters", 106_154),
        ("a float", 106_462.0),
    ],
    ("09_lenet_mnist", "lenet_block"): [
        ("no ReLU", lambda x, k, b, padding="valid": pool(conv(x, k, b, padding))),
        ("no pooling", lambda x, k, b, padding="valid": relu(conv(x, k, b, padding))),
        (
            "average pooling",
            lambda x, k, b, padding="valid": pool(relu(conv(x, k, b, padding)), np.mean),
        ),
        (
            "pooling stride 1",
            lambda x, k, b, padding="valid": pool(relu(conv(x, k, b, padding)), stride=1),
        ),
        (
            "keeps an odd edge",
            lambda x, k, b, padding="valid": pool(relu(conv(x, k, b, padding)), keep_edge=True),
        ),
        ("ignores padding", lambda x, k, b, padding="valid": pool(relu(conv(x, k, b)))),
        ("no bias", lambda x, k, b, padding="valid": pool(relu(conv(x, k, 0 * b, padding)))),
        (
            "pools across maps",
            lambda x, k, b, padding="valid": pool(relu(conv(x, k, b, padding))).max(axis=-1),
        ),
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
    ("09_lenet_mnist", "modified_parameters"): lenet.check_modified_parameters,
    ("09_lenet_mnist", "lenet_block"): lenet.check_lenet_block,
    ("09_lenet_mnist", "top_k_accuracy"): lenet.check_top_k_accuracy,
}
