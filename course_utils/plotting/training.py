"""Training curves and confusion matrices.

>>> history = {"loss": [0.9, 0.5, 0.4], "val_loss": [1.0, 0.7, 0.6],
...            "accuracy": [0.6, 0.8, 0.85], "val_accuracy": [0.55, 0.75, 0.8]}
>>> axes = plot_history(history)
>>> [ax.get_title() for ax in axes]
['loss', 'accuracy']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from course_utils.plotting.images import as_nonempty_array


def plot_history(
    history: Any,
    metrics: Sequence[str] | None = None,
    *,
    title: str | None = None,
) -> list[Axes]:
    """Plot training curves: one panel per metric, training and validation together.

    ``history`` is what ``model.fit`` returns (a Keras ``History``) or its ``.history`` dict,
    mapping names such as ``"loss"`` and ``"val_loss"`` to one value per epoch. ``metrics``
    picks the panels (default: every name that does not start with ``val_``, except the
    learning rate).

    >>> axes = plot_history({"loss": [1.0, 0.5]}, title="tiny")
    """
    logs: Mapping[str, Sequence[float]] = getattr(history, "history", history)
    if not isinstance(logs, Mapping) or not logs:
        raise TypeError(
            "history must be a Keras History or a non-empty dict of metric lists, "
            f"got {type(history).__name__}"
        )
    if metrics is None:
        metrics = [k for k in logs if not k.startswith("val_") and k not in ("lr", "learning_rate")]
    unknown = [m for m in metrics if m not in logs]
    if unknown:
        raise ValueError(f"metrics {unknown} are not in the history (it has {sorted(logs)})")
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 3.2), squeeze=False)
    for ax, name in zip(axes[0], metrics):
        epochs = np.arange(1, len(logs[name]) + 1)
        ax.plot(epochs, logs[name], "o-", ms=3, label="training")
        if f"val_{name}" in logs:
            ax.plot(epochs, logs[f"val_{name}"], "s--", ms=3, label="validation")
        ax.set(title=name, xlabel="epoch")
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return list(axes[0])


def plot_confusion_matrix(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Sequence[Any] | None = None,
    ax: Axes | None = None,
    normalize: bool = False,
    title: str | None = None,
) -> Axes:
    """Draw the confusion matrix of integer labels: rows are true classes, columns predictions.

    With ``normalize=True`` each row shows fractions (the recall of each class on the diagonal).
    Uses scikit-learn's ``ConfusionMatrixDisplay``.

    >>> ax = plot_confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2])
    """
    from sklearn.metrics import ConfusionMatrixDisplay

    y_true = as_nonempty_array("y_true", y_true)
    y_pred = as_nonempty_array("y_pred", y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must be 1-D and of equal length; got "
            f"{y_true.shape} and {y_pred.shape} (pass class labels, not one-hot "
            f"rows or probabilities: use argmax(axis=1) first)"
        )
    ax = ax or plt.subplots(figsize=(5, 4.5))[1]
    ConfusionMatrixDisplay.from_predictions(
        y_true,
        y_pred,
        labels=labels,
        ax=ax,
        colorbar=False,
        cmap="Blues",
        normalize="true" if normalize else None,
        values_format=".2f" if normalize else "d",
    )
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax
