"""Notebook 06_sklearn_mlp: the wrong answers its self-checks must reject.

``network_search`` is a fitted ``GridSearchCV``: its wrong answers are built (quickly: a few
epochs each) the first time a test asks for them, not when this module is imported.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import sklearn_mlp
from course_utils.exercises.sklearn_mlp import _forward


# --------------------------------------------------------------------------- mlp_probabilities
def first_and_last_layer_only(pipeline, x):
    scaler, mlp = pipeline[0], pipeline[-1]
    h = np.maximum(0, (x - scaler.mean_) / scaler.scale_ @ mlp.coefs_[0] + mlp.intercepts_[0])
    scores = h @ mlp.coefs_[-1] + mlp.intercepts_[-1]
    exps = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


# --------------------------------------------------------------------------- network_search
def _search(
    *,
    scaled_inside: bool = True,
    grid: dict | None = None,
    cv: int = 3,
    rows: str = "train",
    max_iter: int = 5,
    fit: bool = True,
) -> Any:
    from sklearn.model_selection import GridSearchCV
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from course_utils.tables import breast_cancer_split

    x_train, x_test, y_train, y_test = breast_cancer_split()
    x, y = {
        "train": (x_train, y_train),
        "test": (x_test, y_test),
        "all": (np.vstack([x_train, x_test]), np.concatenate([y_train, y_test])),
    }[rows]
    mlp = MLPClassifier(learning_rate_init=0.01, max_iter=max_iter, random_state=0)
    step = "mlpclassifier__" if scaled_inside else ""
    if grid is None:
        grid = {"hidden_layer_sizes": [(4,), (8,)], "alpha": [0.0001, 1.0]}
    search = GridSearchCV(
        make_pipeline(StandardScaler(), mlp) if scaled_inside else mlp,
        {step + name: values for name, values in grid.items()},
        cv=cv,
    )
    if not fit:
        return search
    if not scaled_inside:
        x = StandardScaler().fit_transform(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a few epochs: ConvergenceWarnings are expected
        return search.fit(x, y)


def _fitted_pipeline() -> Any:
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from course_utils.tables import breast_cancer_split

    x_train, _, y_train, _ = breast_cancer_split()
    model = make_pipeline(StandardScaler(), MLPClassifier(max_iter=5, random_state=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(x_train, y_train)


SEARCHES: dict[str, Callable[[], Any]] = {
    "a fitted pipeline, no search": _fitted_pipeline,
    "a search not fitted yet": lambda: _search(fit=False),
    "scaled beforehand, the network alone searched": lambda: _search(scaled_inside=False),
    "only the hidden sizes searched": lambda: _search(grid={"hidden_layer_sizes": [(4,), (8,)]}),
    "a single alpha": lambda: _search(grid={"hidden_layer_sizes": [(4,), (8,)], "alpha": [1.0]}),
    "fitted on the whole table": lambda: _search(rows="all"),
    "fitted on the test rows": lambda: _search(rows="test"),
    "two folds": lambda: _search(cv=2),
    "networks that barely trained": lambda: _search(max_iter=1),
}


@functools.cache
def build_search(label: str) -> Any:
    return SEARCHES[label]()


class SearchFor:
    """A wrong ``network_search``, named by its label and built when the check is called."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return f"SearchFor({self.label!r})"


def check_network_search(answer: Any, *, quiet: bool = False) -> Any:
    """The check, with a :class:`SearchFor` built first (a stub's ``...`` passes as it is)."""
    if isinstance(answer, SearchFor):
        answer = build_search(answer.label)
    return sklearn_mlp.check_network_search(answer, quiet=quiet)


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("06_sklearn_mlp", "mlp_probabilities"): [
        ("not scaled", lambda p, x: _forward(p, x, scale="none")),
        ("scaled with the rows' own statistics", lambda p, x: _forward(p, x, scale="own")),
        ("divided by the square root of var_", lambda p, x: _forward(p, x, scale="var")),
        ("softmax over the wrong axis", lambda p, x: _forward(p, x, axis=0)),
        ("ReLU on the output layer", lambda p, x: _forward(p, x, relu_output=True)),
        ("a sigmoid per class", lambda p, x: _forward(p, x, output="sigmoid")),
        ("the scores, no softmax", lambda p, x: _forward(p, x, output="scores")),
        ("no biases", lambda p, x: _forward(p, x, biases=False)),
        ("softmax that overflows", lambda p, x: _forward(p, x, stable=False)),
        ("first hidden layer only", first_and_last_layer_only),
        ("predicted labels", lambda p, x: p.predict(x)),
    ],
    ("06_sklearn_mlp", "benign_probability"): [
        ("a coin flip", 0.5),
        ("the share of malignant tumours", 0.37),
        ("certain", 1.0),
        ("a percentage", 62.7),
        ("a trained network's confidence", 0.965),
        ("a guess", 0.7),
        ("text", "0.63"),
    ],
    ("06_sklearn_mlp", "network_search"): [(label, SearchFor(label)) for label in SEARCHES],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("06_sklearn_mlp", "mlp_probabilities"): sklearn_mlp.check_mlp_probabilities,
    ("06_sklearn_mlp", "benign_probability"): sklearn_mlp.check_benign_probability,
    ("06_sklearn_mlp", "network_search"): check_network_search,
}
