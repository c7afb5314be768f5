"""Self-checks for notebook 06 (a neural network with scikit-learn): cases and diagnoses.

The three exercises apply the lesson to cases it does not show: ``predict_proba`` of a scaled
multi-class network with any number of hidden layers, recomputed in NumPy (the lesson does the
binary one, unscaled); a prediction of what a very large ``alpha`` does before running it; and
a ``GridSearchCV`` choosing the hidden layer and ``alpha`` together by cross-validation.

>>> _ = check_benign_probability(62.7)
❌ benign_probability: 62.7 is not right yet.
   Hint: a probability is a number between 0 and 1, not a percentage.
   Stuck? checks.hint("benign_probability") gives a second hint, still without the answer.
"""

from __future__ import annotations

import copy
import functools
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
    check_answer,
    check_function,
    check_value,
)

CATALOGUE = Catalogue(
    "06_sklearn_mlp",
    [
        Exercise(
            "mlp_probabilities",
            hint="start from the lesson's two-class recomputation of predict_proba and list "
            "what differs here: the pipeline's first step, how many hidden layers, how many "
            "output units. Every number you need is an attribute ending in an underscore on "
            "one of the pipeline's two steps.",
            nudge="The fitted parts hold everything: the scaler's learned mean and spread of "
            "each column, the network's list of weight matrices and its list of bias vectors "
            "(one pair per layer, the last pair for the output layer). Loop over every pair "
            "but the last with ReLU; the last pair gives the scores. For a softmax that "
            "survives scores in the thousands, shift each row's scores before exponentiating, "
            "as notebook 02 does.",
        ),
        Exercise(
            "benign_probability",
            hint="alpha multiplies a penalty on the squared weights; at 1000 that penalty "
            "dwarfs the data's loss. What does the network look like when the penalty wins, "
            "and which of its parameters does scikit-learn leave out of the penalty?",
            nudge="Look at which of the network's parameters the penalty leaves alone. With "
            "every weight near 0, what is left that sets the output, and to what would "
            "training tune it, judged by the loss on the training rows?",
        ),
        Exercise(
            "network_search",
            hint="search over a pipeline (scaler, then network), so that each fold scales with "
            "its own training part; put both hyperparameters in the grid, each with two or "
            "more values; fit the search on the training rows only.",
            nudge="A grid is a dictionary from a parameter's name to the list of values to try; "
            "for a step of a pipeline the name is the step's name, two underscores, then the "
            "parameter's name. Fitting the search trains every candidate on every fold, then "
            "trains the best one again on all the rows it was given: give it the training "
            "rows and labels, never the test rows.",
        ),
    ],
)
hint = CATALOGUE.hint


# --------------------------------------------------------------------------- mlp_probabilities
def _forward(
    pipeline: Any,
    x: np.ndarray,
    *,
    scale: str = "train",
    relu_output: bool = False,
    output: str = "softmax",
    axis: int = 1,
    stable: bool = True,
    biases: bool = True,
) -> np.ndarray:
    """A (StandardScaler, MLPClassifier) pipeline's probabilities, right or with one mistake."""
    scaler, mlp = pipeline[0], pipeline[-1]
    if scale == "train":
        h = (x - scaler.mean_) / scaler.scale_
    elif scale == "own":
        h = (x - x.mean(axis=0)) / x.std(axis=0)
    elif scale == "var":
        h = (x - scaler.mean_) / np.sqrt(scaler.var_)
    else:
        h = x
    layers = list(zip(mlp.coefs_, mlp.intercepts_))
    for number, (weights, bias) in enumerate(layers):
        h = h @ weights + (bias if biases else 0)
        if number < len(layers) - 1 or relu_output:
            h = np.maximum(h, 0)
    if output == "scores":
        return h
    if output == "sigmoid":
        return 1 / (1 + np.exp(-h))
    shifted = h - h.max(axis=axis, keepdims=True) if stable else h
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)


def _fitted(label: str, hidden: tuple[int, ...], x: np.ndarray, y: np.ndarray) -> Any:
    """A (StandardScaler, MLPClassifier) pipeline fitted briefly, shown as ``<label>`` in a
    check's message (a pipeline's own repr runs over several lines)."""
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    class ShownPipeline(Pipeline):
        def __repr__(self, N_CHAR_MAX: int = 700) -> str:
            return f"<{getattr(self, 'label', 'a fitted pipeline')}>"

    pipeline = ShownPipeline(
        [
            ("standardscaler", StandardScaler()),
            (
                "mlpclassifier",
                MLPClassifier(hidden_layer_sizes=hidden, max_iter=30, random_state=1),
            ),
        ]
    )
    pipeline.label = label
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # short trainings: a ConvergenceWarning is expected
        return pipeline.fit(x, y)


@functools.lru_cache(maxsize=1)
def _probability_cases() -> tuple[Case, ...]:
    """Three fitted pipelines and a few rows each (fitted once, a fraction of a second)."""
    from sklearn.datasets import load_digits, load_wine

    digits_x, digits_y = load_digits(return_X_y=True)
    digits = _fitted("the digits pipeline", (16,), digits_x[:600], digits_y[:600])
    wine_x, wine_y = load_wine(return_X_y=True)
    wine = _fitted("the wine pipeline", (8, 6), wine_x, wine_y)
    loud = copy.deepcopy(wine)
    loud.label = "the wine pipeline, output layer times a large factor"
    largest = _forward(wine, wine_x, output="scores").max(axis=1)
    factor = 3000.0 / np.abs(largest).min()  # every row's top score in the thousands
    loud[-1].coefs_[-1] = loud[-1].coefs_[-1] * factor
    loud[-1].intercepts_[-1] = loud[-1].intercepts_[-1] * factor
    rows = [0, 60, 130, 170]
    return (
        Case(
            (digits, digits_x[[1000, 1005, 1009]]),
            digits.predict_proba(digits_x[[1000, 1005, 1009]]),
            label="digits: 64 pixels, one hidden layer of 16 units, 10 classes",
        ),
        Case(
            (wine, wine_x[rows]),
            wine.predict_proba(wine_x[rows]),
            label="wine: 13 measurements, two hidden layers (8 and 6 units), 3 classes",
        ),
        Case(
            (loud, wine_x[rows]),
            loud.predict_proba(wine_x[rows]),
            label="the wine network with its output layer scaled up: scores in the thousands",
        ),
    )


def check_mlp_probabilities(
    mlp_probabilities: Callable[[Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``mlp_probabilities(pipeline, x)`` must return ``pipeline.predict_proba(x)``, computed
    from the fitted scaler's and network's arrays (ReLU hidden layers, three or more classes).
    """
    mistakes = [
        Mistake(
            "scaled with the spread computed from the variance: for a pixel that never "
            "changes in the training rows that spread is 0; the scaler divides such columns "
            "by 1 instead, and it keeps the number it really divides by.",
            like=lambda p, x: _forward(p, x, scale="var"),
        ),
        Mistake(
            "the network was trained on scaled inputs: scale the rows first, with the mean "
            "and spread the pipeline's scaler learned from the training rows.",
            like=lambda p, x: _forward(p, x, scale="none"),
        ),
        Mistake(
            "scale with what the scaler learned from the training rows, not with the mean "
            "and spread of the few rows you were given.",
            like=lambda p, x: _forward(p, x, scale="own"),
        ),
        Mistake(
            "each row (one example) is normalised over its classes: the probabilities in a "
            "row add up to 1, not those in a column.",
            like=lambda p, x: _forward(p, x, axis=0),
        ),
        Mistake(
            "ReLU belongs to the hidden layers only: the output layer's scores go into the "
            "softmax as they are, negative ones included.",
            like=lambda p, x: _forward(p, x, relu_output=True),
        ),
        Mistake(
            "with three or more classes the output is a softmax, not a sigmoid per class: "
            "the probabilities of one row must add up to 1.",
            like=lambda p, x: _forward(p, x, output="sigmoid"),
        ),
        Mistake(
            "these are the output layer's scores; predict_proba turns each row of them into "
            "probabilities with a softmax.",
            like=lambda p, x: _forward(p, x, output="scores"),
        ),
        Mistake(
            "every layer, the output layer included, adds its bias vector after the matrix "
            "product.",
            like=lambda p, x: _forward(p, x, biases=False),
        ),
        Mistake(
            "some probabilities are nan: the exponential of a score in the thousands "
            "overflows. Notebook 02 shows how to keep softmax safe for large scores.",
            when=lambda got, expected: bool(np.isnan(np.asarray(got, dtype=float)).any()),
        ),
    ]
    return check_function(
        mlp_probabilities,
        _probability_cases(),
        exercise=CATALOGUE["mlp_probabilities"],
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- benign_probability
def _share_benign_in_training() -> float:
    from course_utils.tables import breast_cancer_split

    y_train = breast_cancer_split()[2]
    return float(np.mean(y_train == 1))


def _near(got: Any, expected: float) -> bool:
    is_number = isinstance(got, int | float | np.integer | np.floating)
    return is_number and not isinstance(got, bool) and abs(float(got) - expected) <= 0.02


def check_benign_probability(benign_probability: Any, *, quiet: bool = False) -> CheckResult:
    """``benign_probability``: the probability of *benign* that the scaled 8-unit network
    trained with ``alpha=1000`` gives a tumour, predicted (to about 0.02)."""
    mistakes = [
        Mistake(
            "a probability is a number between 0 and 1, not a percentage.",
            when=lambda got, expected: float(got) > 1.0,
        ),
        Mistake(
            "a network whose weights are all near zero is not a coin flip: the output "
            "neuron's bias is not penalised, and it still learns from the labels.",
            when=lambda got, expected: abs(float(got) - 0.5) <= 0.01,
        ),
        Mistake(
            "that is about the share of malignant tumours; label 1, the second column of "
            "predict_proba, is benign.",
            when=lambda got, expected: _near(got, 1.0 - expected),
        ),
        Mistake(
            "a large alpha does not make the network certain: with its weights pulled to "
            "zero it cannot tell one tumour from another, so it cannot be sure of any.",
            when=lambda got, expected: float(got) >= 0.99 or float(got) <= 0.01,
        ),
        Mistake(
            "that is the kind of probability a trained network gives an easy tumour; with "
            "alpha this large the measurements hardly reach the output any more.",
            when=lambda got, expected: 0.8 <= float(got) < 0.99,
        ),
    ]
    return check_value(
        benign_probability,
        _share_benign_in_training(),
        exercise=CATALOGUE["benign_probability"],
        compare=_near,
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- network_search
def _searched_values(search: Any, parameter: str) -> list[Any]:
    """The distinct values the search tried for the parameter whose name ends in
    ``parameter``."""
    values: list[Any] = []
    for candidate in search.cv_results_["params"]:
        for name, value in candidate.items():
            if name.split("__")[-1] == parameter and value not in values:
                values.append(value)
    return values


def _candidate_table(search: Any) -> str:
    results = search.cv_results_
    order = np.argsort(results["rank_test_score"], kind="stable")
    lines = []
    for i in order:
        shown = ", ".join(f"{k.split('__')[-1]}={v!r}" for k, v in results["params"][i].items())
        lines.append(
            f"   {results['rank_test_score'][i]:>2}. {shown}: "
            f"{results['mean_test_score'][i]:.1%} ± {results['std_test_score'][i]:.1%}"
        )
    return "\n".join(lines)


def _inspect_search(search: Any) -> str:
    from sklearn.model_selection import GridSearchCV
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    from course_utils.tables import breast_cancer_split

    if not isinstance(search, GridSearchCV):
        raise Problem(
            f"it is a {type(search).__name__}, not a GridSearchCV.",
            hint="GridSearchCV takes the model to tune, the grid of values to try and the "
            "number of folds; fitting it runs the whole search.",
        )
    model = search.estimator
    if not (
        isinstance(model, Pipeline)
        and isinstance(model.steps[0][1], StandardScaler)
        and isinstance(model.steps[-1][1], MLPClassifier)
    ):
        if isinstance(model, Pipeline):
            tuned = f"a pipeline of {[type(step).__name__ for _, step in model.steps]}"
        else:
            tuned = f"the {type(model).__name__} alone"
        raise Problem(
            f"the search tunes {tuned}, not a pipeline of a StandardScaler and an MLPClassifier.",
            hint="every fold must learn its scaling from its own training part, so the scaler "
            "belongs inside the model the search trains (scaling all training rows beforehand "
            "lets each fold's held-out rows shape the scaling). A pipeline is one estimator: "
            "a search tunes it like any model.",
        )
    if not hasattr(search, "cv_results_"):
        raise Problem(
            "the search has not been fitted yet.",
            hint="a search does its work in fit: without it there are no results to compare.",
        )
    for parameter in ("hidden_layer_sizes", "alpha"):
        tried = _searched_values(search, parameter)
        if len(tried) < 2:
            said = "is not in the grid" if not tried else "has only one value in the grid"
            raise Problem(
                f"{parameter} {said}: the folds need two or more values of it to choose from.",
                hint="in a pipeline a parameter is named after its step: the step's name, two "
                "underscores, then the parameter's name.",
            )
    if search.n_splits_ < 3:
        raise Problem(
            f"{search.n_splits_} folds are too few.",
            hint="each fold gives every candidate one more score to average; with 426 rows, "
            "3 to 5 folds are usual.",
        )
    if not hasattr(search, "best_estimator_"):
        raise Problem(
            "the search did not train its best candidate again on all the training rows.",
            hint="leave refit at its default.",
        )
    x_train, x_test, _, y_test = breast_cancer_split()
    rows = int(search.best_estimator_.steps[0][1].n_samples_seen_)
    if rows != len(x_train):
        where = {569: "the whole table, test rows included", 143: "the test rows"}
        raise Problem(
            f"the search was fitted on {rows} rows ({where.get(rows, 'not the training rows')})"
            f"; fit it on the {len(x_train)} training rows, so that the test rows stay new.",
            hint="the test set plays new patients: nothing may be chosen with it, and a "
            "search chooses.",
        )
    accuracy = search.score(x_test, y_test)
    if accuracy < 0.93:
        raise Problem(
            f"its best candidate reaches only {accuracy:.1%} test accuracy (at least 93% "
            "expected).",
            hint="max_iter caps the epochs: the ConvergenceWarning section shows how to tell a "
            "network that stopped too early.",
        )
    best = ", ".join(f"{k.split('__')[-1]}={v!r}" for k, v in search.best_params_.items())
    return (
        f": every candidate, best first (validation accuracy, mean ± spread over the "
        f"{search.n_splits_} folds):\n{_candidate_table(search)}\n"
        f"   The folds chose {best}; on the test set it scores {accuracy:.1%}."
    )


def check_network_search(network_search: Any, *, quiet: bool = False) -> CheckResult:
    """``network_search``: a ``GridSearchCV`` over a (StandardScaler, MLPClassifier) pipeline,
    trying two or more values of ``hidden_layer_sizes`` and of ``alpha``, fitted on the
    training rows of the course's split; its pass message lists every candidate."""
    return check_answer(
        network_search,
        _inspect_search,
        exercise=CATALOGUE["network_search"],
        shown="network_search",
        quiet=quiet,
    )
