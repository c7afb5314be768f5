"""Notebook 08_cnn_building_blocks: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import cnn


def _changed(layer: int, shape: Any = None, count: Any = None) -> list[Any]:
    """The right stack prediction with one layer's shape or count replaced (layers from 1)."""
    answer = list(cnn.stack_answer())
    old_shape, old_count = answer[layer - 1]
    answer[layer - 1] = (
        old_shape if shape is None else shape,
        old_count if count is None else count,
    )
    return answer


def _no_biases() -> list[Any]:
    """Every count without its biases, as if a filter or unit had weights only."""
    no_bias = []
    for (shape, count), layer in zip(cnn.stack_answer(), cnn.STACK):
        no_bias.append((shape, count - layer.units if count else 0))
    return no_bias


def _forward(layer_specs, stride_first=False):
    side, spacing = 1, 1
    for window, stride in layer_specs:
        if stride_first:
            spacing *= stride
        side += (window - 1) * spacing
        if not stride_first:
            spacing *= stride
    return side


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("08_cnn_building_blocks", "diagonal_kernel"): [
        ("all positive: flat patches light up", np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0]])),
        ("the other diagonal", np.array([[2, -1, -1], [-1, 2, -1], [-1, -1, 2]])),
        ("a diagonal edge kernel", np.array([[0, 1, 1], [-1, 0, 1], [-1, -1, 0]])),
        ("the sign flipped", np.array([[1, 1, -2], [1, -2, 1], [-2, 1, 1]])),
        ("the lesson's vertical-edge kernel", np.array([[1, 0, -1]] * 3)),
        ("unbalanced: ones and minus ones", np.array([[-1, -1, 1], [-1, 1, -1], [1, -1, -1]])),
        ("a 2 × 2 kernel", np.array([[-1, 1], [1, -1]])),
    ],
    ("08_cnn_building_blocks", "stack_prediction"): [
        ("no biases anywhere", _no_biases()),
        ("'valid' does not shrink", _changed(1, shape=(30, 30, 8))),
        ("a filter on one channel only", _changed(1, count=(5 * 5 + 1) * 8)),
        ("'same' at stride 2 rounded down", _changed(3, shape=(6, 6, 16))),
        ("1 × 1 convolution without its input channels", _changed(4, count=(1 + 1) * 4)),
        ("pooling rounds up", _changed(5, shape=(4, 4, 4))),
        ("pooling has parameters", _changed(2, count=4)),
        ("Flatten keeps three axes", _changed(6, shape=(3, 3, 4))),
        ("a float count", _changed(7, count=370.0)),
        ("the batch axis included", _changed(1, shape=(None, 26, 26, 8))),
        ("the Input counted as a layer", [((30, 30, 3), 0), *cnn.stack_answer()]),
    ],
    ("08_cnn_building_blocks", "receptive_field"): [
        ("ignores the strides", lambda specs: 1 + sum(f - 1 for f, _ in specs)),
        ("adds whole windows", lambda specs: sum(f for f, _ in specs)),
        ("multiplies the windows", lambda specs: int(np.prod([f for f, _ in specs]))),
        ("applies a layer's stride to its own window", lambda s: _forward(s, stride_first=True)),
        ("last layer first", lambda specs: _forward(list(reversed(specs)))),
        ("a float", lambda specs: float(_forward(specs))),
        ("off by one", lambda specs: _forward(specs) - 1),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("08_cnn_building_blocks", "diagonal_kernel"): cnn.check_diagonal_kernel,
    ("08_cnn_building_blocks", "stack_prediction"): cnn.check_stack_prediction,
    ("08_cnn_building_blocks", "receptive_field"): cnn.check_receptive_field,
}
