"""Helpers shared by the course notebooks.

The package is deliberately small; each module has one job:

- :mod:`course_utils.notebook`  – one-call notebook set-up (seeds, plot style, quiet TensorFlow)
- :mod:`course_utils.mnist`     – the one MNIST loader (Keras download, or an offline copy)
- :mod:`course_utils.toy_data`  – small data sets made in code (logic gates, two moons, …)
- :mod:`course_utils.plotting`  – pictures several notebooks need (image grids, decision boundaries)
- :mod:`course_utils.checking`  – the self-check mechanism behind the exercises
- :mod:`course_utils.exercises` – the self-checks of each notebook's exercises
- :mod:`course_utils.doctor`    – the environment check (``python -m course_utils doctor``)

Nothing heavy (TensorFlow) is imported here, so ``import course_utils`` is instant.
"""

from course_utils.notebook import setup_notebook

__all__ = ["setup_notebook", "__version__"]
__version__ = "0.1.0"
