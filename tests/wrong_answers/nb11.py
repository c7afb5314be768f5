"""Notebook 11_regularization: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import regularization


def stopping(losses, patience, *, ties=False):
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(losses, start=1):
        if loss < best or (ties and loss == best):
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(losses), best_epoch


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("11_regularization", "l2_penalty"): [
        ("L1", lambda ks, lam: lam * sum(float(np.sum(np.abs(k))) for k in ks)),
        ("norm, not squared", lambda ks, lam: lam * sum(float(np.sqrt(np.sum(k**2))) for k in ks)),
        ("the ½ convention", lambda ks, lam: lam / 2 * sum(float(np.sum(k**2)) for k in ks)),
        ("mean", lambda ks, lam: lam * sum(float(np.mean(k**2)) for k in ks)),
        ("forgets lambda", lambda ks, lam: sum(float(np.sum(k**2)) for k in ks)),
        ("first matrix only", lambda ks, lam: lam * float(np.sum(ks[0] ** 2))),
        ("one per matrix", lambda ks, lam: [lam * float(np.sum(k**2)) for k in ks]),
    ],
    ("11_regularization", "early_stopping_epochs"): [
        ("stops at the best", lambda v, p: (int(np.argmin(v)) + 1,) * 2),
        ("zero-based", lambda v, p: tuple(e - 1 for e in stopping(v, p))),
        ("ties improve", lambda v, p: stopping(v, p, ties=True)),
        ("one epoch late", lambda v, p: stopping(v, p + 1)),
        ("restores the last", lambda v, p: (stopping(v, p)[0],) * 2),
        ("swapped", lambda v, p: stopping(v, p)[::-1]),
        ("one number", lambda v, p: 5),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("11_regularization", "l2_penalty"): regularization.check_l2_penalty,
    ("11_regularization", "early_stopping_epochs"): regularization.check_early_stopping_epochs,
}
