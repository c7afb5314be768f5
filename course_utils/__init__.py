"""Helpers shared by the course notebooks.

The package is deliberately small; each module has one job:

- :mod:`course_utils.notebook`    – one-call notebook set-up (seeds, plot style, quiet TensorFlow)
- :mod:`course_utils.mnist`       – the one MNIST loader (Keras download, or an offline copy)
- :mod:`course_utils.toy_data`    – small data sets made in code (logic gates, two moons, loans)
- :mod:`course_utils.tables`      – the shared train/test split of a bundled table (06, 07)
- :mod:`course_utils.images`      – reading image files safely, the digit photo, MNIST-style input
- :mod:`course_utils.plotting`    – pictures several notebooks need (one module per kind)
- :mod:`course_utils.checking`    – the self-check mechanism behind the exercises
- :mod:`course_utils.exercises`   – the self-checks of each notebook's exercises
- :mod:`course_utils.progress`    – where a learner stands: ✅/❌/⏳ per exercise (``progress``)
- :mod:`course_utils.live_progress` – a long cell's live progress on one line (``progress_bar``)
- :mod:`course_utils.grade`       – handed-in notebooks run and graded into a CSV (``grade``)
- :mod:`course_utils.doctor`      – the environment check (``python -m course_utils doctor``)
- :mod:`course_utils.student`     – learner copies without solutions (``student-version``)
- :mod:`course_utils.bench`       – run time and memory of every notebook (``bench``)
- :mod:`course_utils.hub`         – a class on a JupyterHub: nbgitpuller links, server sizing
- :mod:`course_utils.idx`         – MNIST's IDX files as an ``mnist.npz`` (full-size benchmark)
- :mod:`course_utils.readme`      – the README's tables and objectives, from the title cells
- :mod:`course_utils.paths`       – where the notebooks, the data and the settings live

Nothing heavy (TensorFlow) is imported here, so ``import course_utils`` is instant: the MNIST
loader needs only NumPy until it downloads.

>>> from course_utils import load_mnist
>>> (x_train, y_train), (x_test, y_test) = load_mnist()  # doctest: +SKIP
"""

from course_utils.mnist import MnistUnavailableError, load_mnist
from course_utils.notebook import setup_notebook

__all__ = ["MnistUnavailableError", "__version__", "load_mnist", "setup_notebook"]
__version__ = "0.1.0"
