"""Notebook 06's self-checks accept the right answers (in more than one form), reject plausible
wrong ones with the mistake named, and agree with what scikit-learn really does."""

import warnings

import numpy as np
import pytest
from scipy.special import softmax
from sklearn.model_selection import GridSearchCV
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from course_utils.exercises import sklearn_mlp as checks
from course_utils.exercises.sklearn_mlp import _forward
from course_utils.tables import breast_cancer_split


# --------------------------------------------------------------------------- mlp_probabilities
def mlp_probabilities(pipeline, x):
    scaler, mlp = pipeline[0], pipeline[-1]
    h = (x - scaler.mean_) / scaler.scale_
    for weights, bias in zip(mlp.coefs_[:-1], mlp.intercepts_[:-1]):
        h = np.maximum(0, h @ weights + bias)
    scores = h @ mlp.coefs_[-1] + mlp.intercepts_[-1]
    exps = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def with_transform_and_scipy(pipeline, x):
    h = pipeline[:-1].transform(x)
    mlp = pipeline[-1]
    for number, (weights, bias) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
        h = h @ weights + bias
        if number < mlp.n_layers_ - 2:
            h = np.maximum(h, 0)
    return softmax(h, axis=1)


@pytest.mark.parametrize("right", [mlp_probabilities, with_transform_and_scipy])
def test_mlp_probabilities_accepts_right_answers(right):
    assert checks.check_mlp_probabilities(right, quiet=True).passed


def test_the_cases_match_predict_proba_and_the_large_scores_are_large():
    cases = checks._probability_cases()
    for case in cases:
        pipeline, x = case.args
        assert np.allclose(_forward(pipeline, x), pipeline.predict_proba(x))
    loud, x = cases[-1].args
    assert np.all(_forward(loud, x, output="scores").max(axis=1) >= 1000)


@pytest.mark.parametrize(
    "options, words",
    [
        ({"scale": "none"}, "trained on scaled inputs"),
        ({"scale": "own"}, "not with the mean and spread of the few rows"),
        ({"scale": "var"}, "divides such columns by 1"),
        ({"axis": 0}, "each row (one example)"),
        ({"relu_output": True}, "ReLU belongs to the hidden layers only"),
        ({"output": "sigmoid"}, "not a sigmoid per class"),
        ({"output": "scores"}, "output layer's scores"),
        ({"biases": False}, "bias vector"),
        ({"stable": False}, "overflows"),
    ],
)
def test_mlp_probabilities_names_each_mistake(options, words):
    result = checks.check_mlp_probabilities(lambda p, x: _forward(p, x, **options), quiet=True)
    assert not result.passed and words in result.message


# --------------------------------------------------------------------------- benign_probability
@pytest.mark.parametrize("right", [267 / 426, 0.63, 0.62, np.float64(0.627)])
def test_benign_probability_accepts_the_prediction_to_two_decimals(right):
    assert checks.check_benign_probability(right, quiet=True).passed


@pytest.mark.parametrize(
    "wrong, words",
    [
        (0.5, "not a coin flip"),
        (0.37, "share of malignant"),
        (1.0, "does not make the network certain"),
        (62.7, "not a percentage"),
        (0.965, "hardly reach the output"),
        (True, "certain"),
        ("0.63", "penalty"),
    ],
)
def test_benign_probability_names_each_mistake_without_the_answer(wrong, words):
    result = checks.check_benign_probability(wrong, quiet=True)
    assert not result.passed and words in result.message
    assert "0.627" not in result.message and "267" not in result.message


def test_the_huge_alpha_network_really_gives_every_tumour_the_predicted_probability():
    """What the exercise asks the learner to predict is what scikit-learn does."""
    x_train, x_test, y_train, y_test = breast_cancer_split()
    mlp = MLPClassifier(
        hidden_layer_sizes=(8,), learning_rate_init=0.001, alpha=1000, max_iter=2000, random_state=0
    )
    model = make_pipeline(StandardScaler(), mlp).fit(x_train, y_train)
    p_benign = model.predict_proba(x_test)[:, 1]
    assert np.ptp(p_benign) < 0.01  # the same probability for every tumour
    assert checks.check_benign_probability(float(p_benign.mean()), quiet=True).passed
    assert model.score(x_test, y_test) == pytest.approx(np.mean(y_test == 1))  # the baseline


# --------------------------------------------------------------------------- network_search
def test_network_search_passes_a_real_search_and_lists_every_candidate():
    x_train, _, y_train, _ = breast_cancer_split()
    search = GridSearchCV(
        make_pipeline(
            StandardScaler(),
            MLPClassifier(learning_rate_init=0.01, max_iter=1000, random_state=0),
        ),
        {"mlpclassifier__hidden_layer_sizes": [(4,), (8,)], "mlpclassifier__alpha": [1e-4, 1.0]},
        cv=3,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the reference trainings finish: no ConvergenceWarning
        search.fit(x_train, y_train)
    result = checks.check_network_search(search, quiet=True)
    assert result.passed, result.message
    assert result.message.count("hidden_layer_sizes=") == 5  # four candidates and the winner
    assert "The folds chose" in result.message and "on the test set" in result.message


@pytest.mark.parametrize(
    "label, words",
    [
        ("a fitted pipeline, no search", "not a GridSearchCV"),
        ("a search not fitted yet", "not been fitted"),
        ("scaled beforehand, the network alone searched", "MLPClassifier alone"),
        ("only the hidden sizes searched", "alpha is not in the grid"),
        ("a single alpha", "only one value"),
        ("fitted on the whole table", "test rows included"),
        ("fitted on the test rows", "143 rows"),
        ("two folds", "too few"),
        ("networks that barely trained", "at least 93%"),
    ],
)
def test_network_search_names_each_mistake(label, words):
    from wrong_answers.nb06 import SearchFor, check_network_search

    result = check_network_search(SearchFor(label), quiet=True)
    assert not result.passed and words in result.message


def test_stubs_are_not_yet(capsys):
    def stub(*args):
        raise NotImplementedError

    assert checks.check_mlp_probabilities(stub).not_implemented
    assert checks.check_benign_probability(...).not_implemented
    assert checks.check_network_search(...).not_implemented
    assert capsys.readouterr().out.count("⏳") == 3
