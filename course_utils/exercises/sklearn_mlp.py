"""Self-checks for notebook 06 (a neural network with scikit-learn).

>>> _ = check_count_parameters(lambda n, hidden, out: sum(
...     a * b + b for a, b in zip((n, *hidden), (*hidden, out))))
✅ count_parameters passed all 5 checks. Well done!
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (FAIL, PASS, Case, CheckResult, call_learner, check_function,
                                   make_result)
from course_utils.exercises._counting import float_instead_of_int


def check_count_parameters(count_parameters: Callable[[Any, Any, Any], Any], *,
                           quiet: bool = False) -> CheckResult:
    """``count_parameters(n_features, hidden_layer_sizes, n_outputs)``: weights plus biases.

    Each layer from ``a`` units to ``b`` units has ``a * b`` weights and ``b`` biases.
    """
    cases = [
        Case((30, (8,), 1), 30 * 8 + 8 + 8 * 1 + 1, label="the breast-cancer network of 06"),
        Case((64, (32,), 10), 64 * 32 + 32 + 32 * 10 + 10, label="the digits network of 06"),
        Case((4, (4,), 1), 4 * 4 + 4 + 4 + 1, label="a tiny network"),
        Case((10, (16, 8), 1), 10 * 16 + 16 + 16 * 8 + 8 + 8 + 1, label="two hidden layers"),
        Case((2, (), 1), 2 + 1, label="no hidden layer at all: logistic regression"),
    ]
    not_an_int = float_instead_of_int(count_parameters, cases[0].args, "count_parameters",
                                      quiet=quiet)
    if not_an_int is not None:
        return not_an_int
    return check_function(count_parameters, cases, name="count_parameters", quiet=quiet,
                          compare=lambda got, exp: isinstance(got, int | np.integer)
                          and int(got) == exp,
                          hint="Walk through the layer sizes (n_features, *hidden_layer_sizes, "
                               "n_outputs) in pairs (a, b) and add a * b weights plus b biases "
                               "for each pair; return an int.")


def _standardize_reference(x_train: np.ndarray, x_test: np.ndarray):
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    return (x_train - mean) / std, (x_test - mean) / std


def _pair_match(got: Any, expected: tuple[np.ndarray, np.ndarray]) -> bool:
    if not isinstance(got, tuple | list) or len(got) != 2:
        return False
    return all(isinstance(g, np.ndarray) and g.shape == e.shape
               and np.allclose(g, e, atol=1e-6) for g, e in zip(got, expected))


def check_standardize(standardize: Callable[[Any, Any], Any], *,
                      quiet: bool = False) -> CheckResult:
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
        Case((small_train, small_test), _standardize_reference(small_train, small_test),
             label="two rows: mean (2, 20), std (1, 10)"),
        Case((x_train, x_test), _standardize_reference(x_train, x_test),
             label="features of very different sizes; the test rows come from elsewhere"),
    ]
    return check_function(standardize, cases, name="standardize", quiet=quiet,
                          compare=_pair_match,
                          hint="Compute mean and std of x_train per column (axis=0, the default "
                               "ddof=0), and use those same two vectors for x_test: the test "
                               "set must not influence the scaling. Return both as a tuple.")


def check_scaled_mlp(make_scaled_mlp: Callable[[], Any], *, quiet: bool = False) -> CheckResult:
    """``make_scaled_mlp()`` must return an unfitted Pipeline: StandardScaler then an
    ``MLPClassifier(hidden_layer_sizes=(8,), learning_rate_init=0.001, …)`` that reaches at
    least 93 % test accuracy on the course's breast-cancer split.
    """
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    from course_utils.tables import breast_cancer_split

    name = "make_scaled_mlp"
    model, failure = call_learner(make_scaled_mlp, name, quiet=quiet)
    if failure is not None:
        return failure
    problem = None
    if not isinstance(model, Pipeline):
        problem = (f"it returned a {type(model).__name__}, not a Pipeline. Hint: "
                   f"make_pipeline(StandardScaler(), MLPClassifier(...)).")
    elif len(model.steps) != 2 or not isinstance(model.steps[0][1], StandardScaler):
        problem = ("the pipeline must have two steps, a StandardScaler first; it has "
                   f"{[type(s).__name__ for _, s in model.steps]}.")
    elif not isinstance(model.steps[-1][1], MLPClassifier):
        problem = f"the last step must be an MLPClassifier, got {type(model[-1]).__name__}."
    else:
        mlp = model[-1]
        if tuple(np.atleast_1d(mlp.hidden_layer_sizes)) != (8,):
            problem = (f"hidden_layer_sizes should be (8,) (one hidden layer of 8 units), got "
                       f"{mlp.hidden_layer_sizes!r}.")
        elif mlp.learning_rate_init != 0.001:
            problem = f"learning_rate_init should be 0.001, got {mlp.learning_rate_init!r}."
        elif hasattr(mlp, "coefs_"):
            problem = "return the pipeline before fitting it; the check fits it itself."
    if problem:
        return make_result(name, False, f"{FAIL} {name}: {problem}", quiet=quiet)
    x_train, x_test, y_train, y_test = breast_cancer_split()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a ConvergenceWarning is the learner's max_iter choice
        model.fit(x_train, y_train)
    accuracy = model.score(x_test, y_test)
    if accuracy < 0.93:
        return make_result(name, False,
                           f"{FAIL} {name}: the fitted pipeline reaches only {accuracy:.1%} test "
                           f"accuracy (at least 93% expected). Hint: give it enough iterations "
                           f"(max_iter of a few hundred or more).", quiet=quiet)
    return make_result(name, True, f"{PASS} {name}: a scaled MLP with 8 hidden units, "
                       f"{accuracy:.0%} test accuracy. Well done!", quiet=quiet)

