"""Notebook 06_sklearn_mlp: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import sklearn_mlp


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


def pairs(n, h, o):
    sizes = [n, *h, o]
    return list(zip(sizes[:-1], sizes[1:]))


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
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
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("06_sklearn_mlp", "count_parameters"): sklearn_mlp.check_count_parameters,
    ("06_sklearn_mlp", "standardize"): sklearn_mlp.check_standardize,
    ("06_sklearn_mlp", "make_scaled_mlp"): sklearn_mlp.check_scaled_mlp,
}
