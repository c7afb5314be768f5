"""Diagrams of a network's structure: its layers of units and the weighted edges between them.

>>> ax = draw_network([3, 4, 2])
>>> len(ax.patches)  # one circle per unit
9
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import Circle

#: The most units a layer may have and still be drawn legibly.
MAX_UNITS = 12
#: Fill colours of input, hidden and output units.
INPUT_COLOR, HIDDEN_COLOR, OUTPUT_COLOR = "#deebf7", "#9ecae1", "#fdae6b"
RADIUS = 0.24
#: Where along a red edge its weight label sits (0: at the input unit, 1: at the receiving unit).
LABEL_AT = 0.3


def _check_layer_sizes(layer_sizes: Any) -> list[int]:
    if isinstance(layer_sizes, str) or not isinstance(layer_sizes, Sequence):
        raise TypeError(
            f"layer_sizes must be a list of unit counts, input layer first, "
            f"such as [3, 4, 2]; got {layer_sizes!r}"
        )
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes must name at least two layers (an input and an output), got {sizes}"
        )
    for size in sizes:
        if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_UNITS:
            raise ValueError(
                f"layer_sizes must hold whole numbers from 1 to {MAX_UNITS} (more units cannot "
                f"be drawn legibly), got {sizes}"
            )
    return sizes


def _layer_names(n_layers: int) -> list[str]:
    hidden = [f"hidden layer {i}" for i in range(1, n_layers - 1)]
    if len(hidden) == 1:
        hidden = ["hidden layer"]
    return ["input layer", *hidden, "output layer"]


def draw_network(
    layer_sizes: Sequence[int],
    *,
    ax: Axes | None = None,
    activation: str = "f",
    label_weights: bool = True,
    title: str | None = None,
) -> Axes:
    """Draw a fully connected network: one column of units per layer, an edge per weight.

    Input units are labelled x₁, x₂, …; every hidden and output unit shows ``activation``
    (the function it applies to its weighted sum plus bias). With ``label_weights`` the
    edges into the first unit of the second layer are drawn in red and labelled w₁₁, w₁₂, …,
    to show that every edge carries a weight.

    >>> ax = draw_network([2, 3, 1], activation="σ", title="a 2-3-1 network")
    >>> sorted({t.get_text() for t in ax.texts} & {"x₁", "σ", "w₁₂", "output layer"})
    ['output layer', 'w₁₂', 'x₁', 'σ']
    """
    sizes = _check_layer_sizes(layer_sizes)
    if not isinstance(activation, str) or not activation:
        raise ValueError(
            f"activation must be a short non-empty label such as 'f', got {activation!r}"
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(1.9 * len(sizes) + 0.6, 0.65 * max(sizes) + 1.4))
    subscripts = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    tallest = max(sizes)
    centres = [[(2.0 * col, (n - 1) / 2 - row) for row in range(n)] for col, n in enumerate(sizes)]
    for left, right in zip(centres, centres[1:]):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0, x1], [y0, y1], color="0.6", linewidth=0.8, zorder=1)
    last = len(sizes) - 1
    for col, layer in enumerate(centres):
        color = INPUT_COLOR if col == 0 else OUTPUT_COLOR if col == last else HIDDEN_COLOR
        for row, (x, y) in enumerate(layer):
            ax.add_patch(Circle((x, y), RADIUS, facecolor=color, edgecolor="k", zorder=3))
            text = f"x{row + 1}".translate(subscripts) if col == 0 else activation
            ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=4)
    if label_weights:
        (x1, y1) = centres[1][0]
        for row, (x0, y0) in enumerate(centres[0]):
            name = f"w1{row + 1}".translate(subscripts)
            ax.plot([x0, x1], [y0, y1], color="C3", linewidth=1.6, zorder=2)
            ax.text(
                x0 + LABEL_AT * (x1 - x0),
                y0 + LABEL_AT * (y1 - y0),
                name,
                fontsize=12,
                ha="center",
                va="center",
                rotation=math.degrees(math.atan2(y1 - y0, x1 - x0)),  # along its edge
                rotation_mode="anchor",
                color="C3",
                zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )
    top = (tallest - 1) / 2 + 0.6
    for col, name in enumerate(_layer_names(len(sizes))):
        ax.text(2.0 * col, top, name, ha="center", va="bottom", fontsize=10)
    ax.set(xlim=(-0.7, 2.0 * last + 0.7), ylim=(-top + 0.3, top + 0.5), aspect="equal")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax
