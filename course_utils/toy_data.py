"""Small data sets made in code: nothing to download, same values every time.

>>> X, y = logic_gate("and")
>>> X.tolist(), y.tolist()
([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1])
"""

from __future__ import annotations

import numpy as np

_GATES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "xor": (0, 1, 1, 0),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
}


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The truth table of a two-input logic gate as ``(X, y)``.

    ``X`` is the (4, 2) int array of inputs in the order 00, 01, 10, 11 and ``y`` the (4,)
    int array of outputs. ``name`` is one of ``and``, ``or``, ``xor``, ``nand``, ``nor``.

    >>> logic_gate("xor")[1].tolist()
    [0, 1, 1, 0]
    """
    key = str(name).lower()
    if key not in _GATES:
        raise ValueError(f"name must be one of {sorted(_GATES)}, got {name!r}")
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    return X, np.array(_GATES[key])


def two_moons(
    n_samples: int = 200, *, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (scikit-learn's ``make_moons``), as float32 ``(X, y)``.

    >>> X, y = two_moons(100, noise=0.1)
    >>> X.shape, X.dtype, sorted(set(y.tolist()))
    ((100, 2), dtype('float32'), [0, 1])
    """
    if not isinstance(n_samples, int) or n_samples < 2:
        raise ValueError(f"n_samples must be an int of at least 2, got {n_samples!r}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}")
    from sklearn.datasets import make_moons

    X, y = make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    return X.astype(np.float32), y.astype(np.int64)


LOAN_FEATURES = ("salary", "credit_rating", "age", "education_years", "balance")


def loan_applications(n_samples: int = 400, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A made-up loan-approval table for the sigmoid neuron (logistic regression).

    Columns, in the order of :data:`LOAN_FEATURES`: yearly salary (thousands), credit rating
    (300–850), age (years), years of education, account balance (thousands). The label is 1
    (approved) or 0, drawn from a logistic model, so a single sigmoid neuron fits it well but
    not perfectly, as with real data.

    >>> X, y = loan_applications(10)
    >>> X.shape, y.shape
    ((10, 5), (10,))
    """
    if not isinstance(n_samples, int) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive int, got {n_samples!r}")
    rng = np.random.default_rng(seed)
    salary = rng.gamma(shape=6.0, scale=9.0, size=n_samples)  # around 54k
    credit = np.clip(rng.normal(680, 70, n_samples), 300, 850)
    age = rng.integers(19, 71, n_samples).astype(float)
    education = np.clip(rng.normal(14, 2.5, n_samples), 8, 22).round()
    balance = rng.gamma(shape=2.0, scale=6.0, size=n_samples)
    X = np.column_stack([salary, credit, age, education, balance])
    z = (
        0.045 * (salary - 54)
        + 0.025 * (credit - 680)
        + 0.01 * (age - 45)
        + 0.15 * (education - 14)
        + 0.06 * (balance - 12)
    )
    y = (rng.random(n_samples) < 1 / (1 + np.exp(-z))).astype(np.int64)
    return X, y
