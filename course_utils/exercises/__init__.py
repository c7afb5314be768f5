"""Self-checks for the exercises: one module per notebook, holding only its cases and diagnoses
(the mechanism is :mod:`course_utils.checking`).

In a notebook: ``from course_utils.exercises import perceptron as checks``; then, in the cell
after an exercise, ``checks.check_nor_learned_weights(nor_learned_weights)``, and on request a
second hint: ``checks.hint("nor_learned_weights")``.

>>> catalogues()["03_gradient_descent"].names
('log_cosh', 'max_stable_learning_rate', 'adagrad_step')
"""

from __future__ import annotations

import importlib
import pkgutil

from course_utils.checking import Catalogue


def _modules() -> dict[str, tuple[str, Catalogue]]:
    """``{notebook: (module name, its catalogue)}`` for every module of this package that
    defines a ``CATALOGUE``: a new notebook's module counts without being listed anywhere."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        catalogue = getattr(module, "CATALOGUE", None)
        if isinstance(catalogue, Catalogue):
            found[catalogue.notebook] = (info.name, catalogue)
    return dict(sorted(found.items()))


def catalogues() -> dict[str, Catalogue]:
    """Every notebook's exercises, ``{"03_gradient_descent": Catalogue(...), ...}``, in order."""
    return {notebook: catalogue for notebook, (_, catalogue) in _modules().items()}


def module_of(notebook: str) -> str:
    """The name of the module holding ``notebook``'s self-checks.

    >>> module_of("01_perceptron")
    'perceptron'
    """
    return _modules()[notebook][0]
