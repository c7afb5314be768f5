"""Self-checks for notebook 06 (a neural network with scikit-learn): cases and diagnoses.

>>> _ = check_count_parameters(lambda n, hidden, out: sum(
...     a * b + b for a, b in zip((n, *hidden), (*hidden, out))))
✅ count_parameters passed all 5 checks. Well done!
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    Problem,
    check_built,
    check_function,
    same_int,
)

CATALOGUE = Catalogue(
    "06_sklearn_mlp",
    [
        Exercise(
            "count_parameters",
            hint="walk through all the layer sizes in order, from the features to the "
            "outputs; each neighbouring pair adds its weights and the biases of the "
            "receiving layer. Return an int.",
            nudge="List the sizes: the features, every hidden layer, the outputs (with no "
            "hidden layer, just the features and the outputs). Between a layer of a "
            "units and the next of b units each of the a connects to each of the b, and "
            "each of the b has one bias. Add that up over every neighbouring pair.",
        ),
        Exercise(
            "standardize",
            hint="each column is scaled with the mean and standard deviation of that column "
            "in x_train, and x_test gets the very same two vectors.",
            nudge="Compute one mean and one standard deviation per column (feature), from "
            "x_train only; StandardScaler uses the population standard deviation, "
            "which is NumPy's default. Apply those same two vectors to x_train and to "
            "x_test, and return both arrays as a tuple.",
        ),
        Exercise(
            "make_scaled_mlp",
            hint="one Pipeline with two steps: a StandardScaler, then the MLPClassifier with "
            "the sizes asked for; return it before fitting.",
            nudge="A pipeline chains steps: in fit the scaler learns the means and standard "
            "deviations, then the network trains on the scaled data. Build the two "
            "steps with the hyperparameters the task names, and give the network enough "
            "iterations that it stops warning that it has not converged.",
        ),
    ],
)
hint = CATALOGUE.hint


def _pairs(n: int, hidden: Any, out: int) -> list[tuple[int, int]]:
    sizes = [n, *hidden, out]
    return list(zip(sizes[:-1], sizes[1:]))


def check_count_parameters(
    count_parameters: Callable[[Any, Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``count_parameters(n_features, hidden_layer_sizes, n_outputs)``: weights plus biases, an
    ``int``."""
    cases = [
        Case((30, (8,), 1), 30 * 8 + 8 + 8 * 1 + 1, label="the breast-cancer network of 06"),
        Case((64, (32,), 10), 64 * 32 + 32 + 32 * 10 + 10, label="the digits network of 06"),
        Case((4, (4,), 1), 4 * 4 + 4 + 4 + 1, label="a tiny network"),
        Case((10, (16, 8), 1), 10 * 16 + 16 + 16 * 8 + 8 + 8 + 1, label="two hidden layers"),
        Case((2, (), 1), 2 + 1, label="no hidden layer at all: logistic regression"),
    ]
    mistakes = [
        Mistake(
            "every unit of the hidden and output layers also has one bias.",
            like=lambda n, h, o: sum(a * b for a, b in _pairs(n, h, o)),
        ),
        Mistake(
            "the biases belong to the receiving layer of each pair, not to the layer that sends.",
            like=lambda n, h, o: sum(a * b + a for a, b in _pairs(n, h, o)),
        ),
        Mistake(
            "the output units have a bias too.",
            like=lambda n, h, o: sum(a * b + b for a, b in _pairs(n, h, o)) - o,
        ),
        Mistake(
            "walk through every hidden layer, not only the first one.",
            like=lambda n, h, o: sum(a * b + b for a, b in _pairs(n, h[:1], o)),
        ),
    ]
    return check_function(
        count_parameters,
        cases,
        exercise=CATALOGUE["count_parameters"],
        compare=same_int,
        mistakes=mistakes,
        quiet=quiet,
    )


def _standardize_reference(
    x_train: np.ndarray, x_test: np.ndarray, ddof: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    mean, std = x_train.mean(axis=0), x_train.std(axis=0, ddof=ddof)
    return (x_train - mean) / std, (x_test - mean) / std


def _pair_match(got: Any, expected: tuple[np.ndarray, np.ndarray]) -> bool:
    if not isinstance(got, tuple | list) or len(got) != 2:
        return False
    return all(
        isinstance(g, np.ndarray) and g.shape == e.shape and np.allclose(g, e, atol=1e-6)
        for g, e in zip(got, expected)
    )


def check_standardize(
    standardize: Callable[[Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``standardize(x_train, x_test)`` must scale both with the *training* mean and std.

    Returns ``(x_train_scaled, x_test_scaled)`` like ``StandardScaler().fit(x_train)``
    followed by ``transform`` of each (population standard deviation, ``ddof=0``).
    """
    rng = np.random.default_rng(3)
    x_train = rng.normal([5.0, -200.0, 0.01], [2.0, 50.0, 0.002], (12, 3))
    x_test = rng.normal([7.0, -150.0, 0.02], [1.0, 20.0, 0.001], (5, 3))
    small_train = np.array([[1.0, 10.0], [3.0, 30.0]])
    small_test = np.array([[2.0, 50.0]])
    cases = [
        Case(
            (small_train, small_test),
            _standardize_reference(small_train, small_test),
            label="two rows: mean (2, 20), std (1, 10)",
        ),
        Case(
            (x_train, x_test),
            _standardize_reference(x_train, x_test),
            label="features of very different sizes; the test rows come from elsewhere",
        ),
    ]
    mistakes = [
        Mistake(
            "return the two scaled arrays as a tuple (x_train_scaled, x_test_scaled).",
            when=lambda got, exp: not isinstance(got, tuple | list) or len(got) != 2,
        ),
        Mistake(
            "x_test must be scaled with the training set's mean and std: the test set may "
            "not influence the scaling.",
            like=lambda a, b: (_standardize_reference(a, a)[0], _standardize_reference(b, b)[0]),
        ),
        Mistake(
            "StandardScaler divides by the population standard deviation (NumPy's default), "
            "not the sample one.",
            like=lambda a, b: _standardize_reference(a, b, ddof=1),
        ),
        Mistake(
            "x_test must be scaled too.", like=lambda a, b: (_standardize_reference(a, b)[0], b)
        ),
        Mistake(
            "each column (feature) has its own mean and standard deviation.",
            like=lambda a, b: ((a - a.mean()) / a.std(), (b - a.mean()) / a.std()),
        ),
    ]
    return check_function(
        standardize,
        cases,
        exercise=CATALOGUE["standardize"],
        compare=_pair_match,
        mistakes=mistakes,
        quiet=quiet,
    )


def _inspect_pipeline(model: Any) -> str:
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    from course_utils.tables import breast_cancer_split

    if not isinstance(model, Pipeline):
        raise Problem(f"it returned a {type(model).__name__}, not a Pipeline.")
    if len(model.steps) != 2 or not isinstance(model.steps[0][1], StandardScaler):
        raise Problem(
            "the pipeline must have two steps, a StandardScaler first; it has "
            f"{[type(s).__name__ for _, s in model.steps]}."
        )
    mlp = model.steps[-1][1]
    if not isinstance(mlp, MLPClassifier):
        raise Problem(f"the last step must be an MLPClassifier, got {type(mlp).__name__}.")
    if tuple(np.atleast_1d(mlp.hidden_layer_sizes)) != (8,):
        raise Problem(
            f"the network should have one hidden layer of 8 units; its "
            f"hidden_layer_sizes is {mlp.hidden_layer_sizes!r}."
        )
    if mlp.learning_rate_init != 0.001:
        raise Problem(f"learning_rate_init should be 0.001, got {mlp.learning_rate_init!r}.")
    if hasattr(mlp, "coefs_"):
        raise Problem("return the pipeline before fitting it; the check fits it itself.")
    x_train, x_test, y_train, y_test = breast_cancer_split()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a ConvergenceWarning is the learner's max_iter choice
        model.fit(x_train, y_train)
    accuracy = model.score(x_test, y_test)
    if accuracy < 0.93:
        raise Problem(
            f"the fitted pipeline reaches only {accuracy:.1%} test accuracy (at least "
            f"93% expected).",
            hint="the network stops after max_iter passes over the data: give it "
            "enough of them (a few hundred or more).",
        )
    return f": a scaled MLP with 8 hidden units, {accuracy:.0%} test accuracy."


def check_scaled_mlp(make_scaled_mlp: Callable[[], Any], *, quiet: bool = False) -> CheckResult:
    """``make_scaled_mlp()`` must return an unfitted Pipeline: StandardScaler then an
    ``MLPClassifier(hidden_layer_sizes=(8,), learning_rate_init=0.001, …)`` that reaches at
    least 93 % test accuracy on the course's breast-cancer split.
    """
    return check_built(
        make_scaled_mlp, _inspect_pipeline, exercise=CATALOGUE["make_scaled_mlp"], quiet=quiet
    )
