"""Self-checks for the exercises: one module per notebook, holding only its cases and diagnoses
(the mechanism is :mod:`course_utils.checking`).

In a notebook: ``from course_utils.exercises import perceptron as checks``; then, in the cell
after an exercise, ``checks.check_update_rule(my_perceptron_update)``, and on request a second
hint: ``checks.hint("my_perceptron_update")``.

>>> catalogues()["03_gradient_descent"].names
('iterations_per_epoch', 'huber_loss', 'adam_step')
"""

from __future__ import annotations

import importlib

from course_utils.checking import Catalogue

#: The exercise modules, in the order of the notebooks.
MODULES = ("welcome", "perceptron", "activations", "gradient_descent", "backprop", "opencv",
           "sklearn_mlp", "keras_ann", "cnn", "lenet", "autoencoders", "regularization")


def catalogues() -> dict[str, Catalogue]:
    """Every notebook's exercises: ``{"03_gradient_descent": Catalogue(...), ...}``, in order."""
    found = {}
    for module in MODULES:
        catalogue = importlib.import_module(f"course_utils.exercises.{module}").CATALOGUE
        found[catalogue.notebook] = catalogue
    return found
