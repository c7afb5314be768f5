"""Small tables that ship with scikit-learn, split the same way wherever the course uses them.

Notebooks 06 (scikit-learn) and 07 (Keras) compare two libraries on *the same* train/test
split of the breast-cancer table; :func:`breast_cancer_split` is that split, written once.

>>> x_train, x_test, y_train, y_test = breast_cancer_split()
>>> x_train.shape, x_test.shape, x_train.dtype
((426, 30), (143, 30), dtype('float32'))
"""

from __future__ import annotations

import numpy as np

from course_utils.notebook import check_seed

#: The course's split: a quarter of the rows for testing, the same class mix in both parts.
TEST_SIZE = 0.25
SPLIT_SEED = 42


def breast_cancer_split(
    *, test_size: float = TEST_SIZE, seed: int = SPLIT_SEED
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """scikit-learn's breast-cancer table (569 tumours, 30 measurements) split for training.

    Exactly ``train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)``
    on ``load_breast_cancer(return_X_y=True)``, with the features as ``float32`` (what Keras
    uses) and the labels as ``int64`` (1 = benign, 0 = malignant). The features are *not*
    scaled: fitting a scaler on the training part is part of the lesson.

    Returns ``(x_train, x_test, y_train, y_test)``.

    >>> x_train, x_test, y_train, y_test = breast_cancer_split()
    >>> int(y_train.sum()), int(y_test.sum())  # benign tumours in each part
    (267, 90)
    """
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    if not isinstance(test_size, float) or not 0.0 < test_size < 1.0:
        raise ValueError(
            f"test_size must be a float between 0 and 1 (a fraction of the rows), got {test_size!r}"
        )
    seed = check_seed(seed)
    X, y = load_breast_cancer(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(
        X.astype(np.float32), y.astype(np.int64), test_size=test_size, stratify=y, random_state=seed
    )
    return x_train, x_test, y_train, y_test
