"""Small networks and computational graphs, drawn with the numbers of a worked example.

Two pictures for the backpropagation lesson (notebook 04):

- :func:`draw_labelled_network`: a fully connected network, one column of circles per layer,
  with text in the units (forward values) and on the connections (weights or their gradients);
- :func:`draw_computational_graph`: named values as boxes joined by arrows in the direction of
  the forward pass, each box with its forward value above it and its gradient below it
  (:func:`layered_positions` places them in columns).

>>> ax = draw_labelled_network([3, 2, 1], node_text={(2, 0): "0.38"})
>>> ax = draw_computational_graph({"x": (0, 0), "y": (1, 0)}, [("x", "y")],
...                               values={"x": "2"}, gradients={"x": "4"})
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch

#: Colours of the forward values and of the gradients in both pictures.
VALUE_COLOR, GRADIENT_COLOR = "#1f5fa8", "#c0392b"
_EDGE_COLOR, _UNIT_COLOR = "#8a8a8a", "#eef3fa"


def _check_layer_sizes(layer_sizes: Any) -> list[int]:
    if isinstance(layer_sizes, str | bytes) or not isinstance(layer_sizes, Sequence):
        raise TypeError(
            f"layer_sizes must be a list of unit counts such as [3, 2, 1], got {layer_sizes!r}"
        )
    sizes = list(layer_sizes)
    if len(sizes) < 2 or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in sizes
    ):
        raise ValueError(
            f"layer_sizes must list two or more positive ints (units per layer, input first), "
            f"got {layer_sizes!r}"
        )
    return sizes


def _check_texts(texts: Any, argument: str, valid: set[tuple[int, ...]], what: str) -> dict:
    if texts is None:
        return {}
    if not isinstance(texts, Mapping):
        raise TypeError(f"{argument} must be a dict {{{what}: text}}, got {type(texts).__name__}")
    unknown = [key for key in texts if key not in valid]
    if unknown:
        raise ValueError(
            f"{argument} has keys that name no {what} of this network: {unknown[:3]} "
            f"(keys are tuples {what})"
        )
    return {key: str(value) for key, value in texts.items()}


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _distance_to_segment(point: tuple[float, float], segment: Any) -> float:
    (px, py), ((x0, y0), (x1, y1)) = point, segment
    dx, dy = x1 - x0, y1 - y0
    t = max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy or 1.0)))
    return math.hypot(px - x0 - t * dx, py - y0 - t * dy)


def _clearest_spot(segment: Any, others: Sequence[Any], placed: Sequence[Any]) -> float:
    """Where along ``segment`` (a fraction from its start, 0.3 to 0.6) a label stands furthest
    from the other lines and from the labels already placed: never on a crossing."""
    (x0, y0), (x1, y1) = segment

    def room(t: float) -> float:
        spot = (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
        near_line = min((_distance_to_segment(spot, other) for other in others), default=9.0)
        near_label = min((math.dist(spot, label) for label in placed), default=9.0)
        return min(near_line, 0.6 * near_label)

    return max((0.3 + 0.025 * k for k in range(13)), key=room)


def draw_labelled_network(
    layer_sizes: Sequence[int],
    *,
    node_text: Mapping[tuple[int, int], str] | None = None,
    edge_text: Mapping[tuple[int, int, int], str] | None = None,
    layer_names: Sequence[str] | None = None,
    edge_color: str = VALUE_COLOR,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a fully connected network with text in its units and on its connections.

    ``layer_sizes`` lists the units per layer from the input to the output. ``node_text``
    maps ``(layer, unit)`` (both counted from 0) to the text written in that unit;
    ``edge_text`` maps ``(layer, unit_from, unit_to)`` to the text written on the connection
    from unit ``unit_from`` of ``layer`` to unit ``unit_to`` of ``layer + 1`` (a weight, or
    its gradient), in ``edge_color``. ``layer_names`` labels each column underneath.
    Returns the ``Axes``.

    >>> ax = draw_labelled_network([2, 1], edge_text={(0, 0, 0): "w = 0.5"},
    ...                            layer_names=["input", "output"])
    >>> [t.get_text() for t in ax.texts]
    ['w = 0.5', 'input', 'output']
    """
    sizes = _check_layer_sizes(layer_sizes)
    units = {(layer, unit) for layer, n in enumerate(sizes) for unit in range(n)}
    links = {
        (layer, i, j)
        for layer in range(len(sizes) - 1)
        for i in range(sizes[layer])
        for j in range(sizes[layer + 1])
    }
    nodes = _check_texts(node_text, "node_text", units, "(layer, unit)")
    edges = _check_texts(edge_text, "edge_text", links, "(layer, unit_from, unit_to)")
    if layer_names is not None and (
        isinstance(layer_names, str) or len(list(layer_names)) != len(sizes)
    ):
        raise ValueError(
            f"layer_names must give one name per layer ({len(sizes)}), got {layer_names!r}"
        )
    ax = _new_axes(ax, (2.6 * len(sizes), 1.3 * max(sizes) + 0.8))
    dx, dy, radius = 4.4, 2.1, 0.5
    top = (max(sizes) - 1) * dy / 2

    def centre(layer: int, unit: int) -> tuple[float, float]:
        return layer * dx, ((sizes[layer] - 1) / 2 - unit) * dy

    segments = {link: (centre(link[0], link[1]), centre(link[0] + 1, link[2])) for link in links}
    placed: list[tuple[float, float]] = []
    for layer, i, j in sorted(links):
        (x0, y0), (x1, y1) = segments[layer, i, j]
        ax.plot([x0, x1], [y0, y1], color=_EDGE_COLOR, lw=1.2, zorder=1)
        if (layer, i, j) in edges:
            others = [seg for link, seg in segments.items() if link != (layer, i, j)]
            t = _clearest_spot(segments[layer, i, j], others, placed)
            placed.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
            ax.text(
                *placed[-1],
                edges[layer, i, j],
                ha="center",
                va="center",
                rotation=math.degrees(math.atan2(y1 - y0, x1 - x0)),
                rotation_mode="anchor",
                fontsize=10,
                color=edge_color,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none"},
                zorder=3,
            )
    for layer, unit in sorted(units):
        x, y = centre(layer, unit)
        ax.add_patch(Circle((x, y), radius, fc=_UNIT_COLOR, ec="#34495e", lw=1.5, zorder=2))
        if (layer, unit) in nodes:
            ax.text(x, y, nodes[layer, unit], ha="center", va="center", fontsize=10, zorder=4)
    bottom = -top - radius - 0.5
    for layer, name in enumerate(layer_names or []):
        ax.text(layer * dx, bottom, name, ha="center", va="top", fontsize=11)
    ax.set_xlim(-radius - 0.3, (len(sizes) - 1) * dx + radius + 0.3)
    ax.set_ylim(bottom - 0.6, top + radius + 0.3)
    if title:
        ax.set_title(title)
    return ax


def layered_positions(
    columns: Sequence[Sequence[str]], *, dx: float = 2.0, dy: float = 1.0
) -> dict[str, tuple[float, float]]:
    """Places for a graph drawn in columns (the forward pass from left to right): column ``c``
    at ``x = c · dx``, its names from top to bottom ``dy`` apart, centred on ``y = 0``.

    >>> layered_positions([["x1", "x2"], ["L"]])
    {'x1': (0.0, 0.5), 'x2': (0.0, -0.5), 'L': (2.0, 0.0)}
    """
    if (
        isinstance(columns, str)
        or not isinstance(columns, Sequence)
        or not columns
        or any(isinstance(c, str) or not isinstance(c, Sequence) or not c for c in columns)
    ):
        raise ValueError(
            f"columns must be a non-empty list of non-empty lists of names, got {columns!r}"
        )
    positions: dict[str, tuple[float, float]] = {}
    for c, column in enumerate(columns):
        for row, name in enumerate(column):
            if name in positions:
                raise ValueError(f"columns name {name!r} twice; each node needs its own name")
            positions[name] = (float(c * dx), float(((len(column) - 1) / 2 - row) * dy))
    return positions


def draw_computational_graph(
    positions: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    *,
    values: Mapping[str, str] | None = None,
    gradients: Mapping[str, str] | None = None,
    edge_text: Mapping[tuple[str, str], str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    legend: bool = True,
) -> Axes:
    """Draw a computational graph: each value a box, each step an arrow of the forward pass.

    ``positions`` maps each node's name (shown in its box; mathtext such as ``"$a_1$"``
    works) to its ``(x, y)`` place; ``edges`` lists ``(from, to)`` pairs. ``values`` (the
    forward pass) are written above the boxes in blue, ``gradients`` (``∂L/∂node``, the
    backward pass) below them in red, and ``edge_text`` (for example each step's local slope)
    beside the middle of its arrow. Returns the ``Axes``.

    >>> ax = draw_computational_graph({"$x$": (0, 0), "$L$": (2, 0)}, [("$x$", "$L$")],
    ...                               edge_text={("$x$", "$L$"): "×3"}, legend=False)
    >>> sorted(t.get_text() for t in ax.texts)
    ['$L$', '$x$', '×3']
    """
    if not isinstance(positions, Mapping) or not positions:
        raise TypeError(f"positions must be a non-empty dict {{name: (x, y)}}, got {positions!r}")
    for name, place in positions.items():
        if (
            not isinstance(place, Sequence)
            or len(place) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in place)
        ):
            raise ValueError(f"positions[{name!r}] must be a pair of numbers (x, y), got {place!r}")
    if isinstance(edges, str) or not isinstance(edges, Sequence):
        raise TypeError(f"edges must be a list of (from, to) pairs, got {edges!r}")
    for edge in edges:
        if not isinstance(edge, tuple) or len(edge) != 2 or not set(edge) <= set(positions):
            raise ValueError(
                f"edges must hold (from, to) pairs of names in positions; {edge!r} is not one"
            )
    names = {(name,) for name in positions}
    above = {k[0]: v for k, v in _check_texts(_keyed(values), "values", names, "(name)").items()}
    below = {
        k[0]: v for k, v in _check_texts(_keyed(gradients), "gradients", names, "(name)").items()
    }
    beside = _check_texts(edge_text, "edge_text", set(edges), "(from, to)")
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]
    ax = _new_axes(ax, (1.5 * (max(xs) - min(xs)) + 2.5, 1.5 * (max(ys) - min(ys)) + 2.0))
    box = {"boxstyle": "round,pad=0.35", "fc": _UNIT_COLOR, "ec": "#34495e", "lw": 1.5}
    for start, end in edges:
        (x0, y0), (x1, y1) = positions[start], positions[end]
        ax.add_patch(
            FancyArrowPatch(
                (x0, y0),
                (x1, y1),
                arrowstyle="-|>",
                mutation_scale=14,
                color=_EDGE_COLOR,
                lw=1.3,
                shrinkA=17,
                shrinkB=17,
                zorder=1,
            )
        )
        if (start, end) in beside:
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                beside[start, end],
                ha="center",
                va="center",
                fontsize=11,
                color="#444444",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"},
                zorder=3,
            )
    for name, (x, y) in positions.items():
        ax.text(x, y, name, ha="center", va="center", fontsize=12, bbox=box, zorder=2)
        side, align = _label_side(name, positions, edges)
        for texts, shift, where, color in (
            (above, 0.33, "bottom", VALUE_COLOR),
            (below, -0.33, "top", GRADIENT_COLOR),
        ):
            if name in texts:
                ax.text(
                    x + side,
                    y + shift,
                    texts[name],
                    ha=align,
                    va=where,
                    color=color,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
                    zorder=3,
                )
    ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    if legend:
        ax.legend(
            handles=[
                Line2D([], [], color=VALUE_COLOR, lw=6, label="forward: value"),
                Line2D([], [], color=GRADIENT_COLOR, lw=6, label="backward: ∂L/∂(value)"),
            ],
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=2,
            frameon=False,
        )
    if title:
        ax.set_title(title)
    return ax


def _label_side(
    name: str, positions: Mapping[str, tuple[float, float]], edges: Sequence[tuple[str, str]]
) -> tuple[float, str]:
    """Where a box's value and gradient go, as (x shift, alignment): away from the slanted
    arrows at the box, so that no arrow runs through them. A box with slanted arrows leaving
    to the right gets them on its left, one with slanted arrows arriving from the left gets
    them on its right, any other box centred above and below it."""
    y = positions[name][1]
    slanted_out = any(s == name and positions[e][1] != y for s, e in edges)
    slanted_in = any(e == name and positions[s][1] != y for s, e in edges)
    if slanted_out and not slanted_in:
        return 0.12, "right"
    if slanted_in and not slanted_out:
        return -0.12, "left"
    return 0.0, "center"


def _keyed(texts: Any) -> Any:
    """``{name: text}`` as ``{(name,): text}``, so one check serves every kind of key."""
    if isinstance(texts, Mapping):
        return {(key,): value for key, value in texts.items()}
    return texts
