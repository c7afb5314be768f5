"""Notebook 08_cnn_building_blocks: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import cnn


def pool(x, reduce=np.max, edge="drop"):
    h, w = x.shape
    if edge == "keep":
        return np.array(
            [[reduce(x[i : i + 2, j : j + 2]) for j in range(0, w, 2)] for i in range(0, h, 2)]
        )
    return np.array(
        [[reduce(x[i : i + 2, j : j + 2]) for j in range(0, w - 1, 2)] for i in range(0, h - 1, 2)]
    )


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
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
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("08_cnn_building_blocks", "max_pool_2x2"): cnn.check_max_pool,
    ("08_cnn_building_blocks", "conv_output_size"): cnn.check_output_size,
    ("08_cnn_building_blocks", "n_parameters"): cnn.check_conv_parameters,
}
