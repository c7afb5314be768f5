"""Live progress of long cells: one line of output that updates in place.

A training cell that prints nothing for twenty seconds looks hung. Keras' own bar
(``verbose=1``) redraws itself with carriage returns, which pile up in a saved notebook, and
``verbose=2`` prints a line per epoch. :func:`progress_bar` gives the ``fit`` call tqdm's Keras
callback instead, drawn as **one line of the cell's output** that is replaced at every epoch
(a Jupyter display that is updated by its id), so:

- in JupyterLab the learner watches the epochs and the loss so far, live;
- a saved or nbconvert-executed notebook keeps only the final line, with no redraw characters:
  ``autoencoder: 15/15 epochs |████████████████████| 00:08, loss=0.0123, val_loss=0.0131``;
- outside a notebook (a script, a terminal) it is tqdm's ordinary bar on stderr.

The ``fit`` call stays the lesson's own, in the notebook::

    history = model.fit(x_train, y_train, epochs=15, verbose=0,
                        callbacks=[progress_bar("autoencoder")])

A cell that trains a few models gives each its own label (one line per model); a cell that
trains many small ones counts them instead, with :func:`progress_over`
(``for n in progress_over([5, 20, 100], "label budgets"):``). :class:`StatusLine` says what a
slow step without epochs is doing (``setup_notebook`` uses it while TensorFlow is imported).

>>> bar = progress_bar("demo", file=io.StringIO())  # outside a notebook: tqdm's bar
>>> type(bar).__name__
'TqdmCallback'
>>> list(progress_over([5, 20], "budgets", file=io.StringIO()))
[5, 20]
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from tqdm import std

#: How a training's line reads: label, epochs done, a bar, the time so far, the latest logs.
BAR_FORMAT = "{desc}: {n_fmt}/{total_fmt} epochs |{bar:20}| {elapsed}{postfix}"
#: How a loop's line reads: label, items done (in ``unit``), a bar, the time so far.
LOOP_FORMAT = "{desc}: {n_fmt}/{total_fmt} {unit} |{bar:20}| {elapsed}{postfix}"

Item = TypeVar("Item")


class CellLine(std.tqdm):
    """A tqdm bar drawn as one text line of the running cell's output, updated in place.

    Each refresh replaces the same output (``IPython.display`` with a ``display_id``), so the
    notebook holds one plain line at any moment: live in JupyterLab, the final state once saved.
    Nothing is written to a stream (tqdm's ``file`` is a throw-away buffer).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._handle: Any = None
        kwargs["file"] = io.StringIO()
        kwargs.setdefault("ascii", False)
        super().__init__(*args, **kwargs)

    def set_postfix(
        self, ordered_dict: dict[str, Any] | None = None, refresh: bool = True, **kwargs: Any
    ) -> None:
        """Keras' logs as a reader wants them: the loss first, then the other metrics, then the
        same for validation; four significant digits (whole numbers from 1,000 on)."""
        logs = {**(ordered_dict or {}), **kwargs}
        ordered = sorted(logs, key=lambda k: (k.startswith("val_"), k not in ("loss", "val_loss")))
        super().set_postfix({k: _number(logs[k]) for k in ordered}, refresh=refresh)

    def display(self, msg: str | None = None, pos: int | None = None) -> bool:
        from IPython.display import display

        text = self.__str__() if msg is None else msg
        if not text:  # tqdm clears a bar that does not stay; this line stays
            return True
        if self._handle is None:
            self._handle = display({"text/plain": text}, raw=True, display_id=True)
        else:
            self._handle.update({"text/plain": text}, raw=True)
        return True


def _number(value: Any) -> Any:
    """A logged number as text: ``0.04263`` stays, ``3301.2`` becomes ``3,301``.

    >>> _number(0.042631), _number(3301.2), _number("n/a")
    ('0.04263', '3,301', 'n/a')
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return f"{number:,.0f}" if abs(number) >= 1000 else f"{number:.4g}"


def _check_label(label: object) -> str:
    if not isinstance(label, str) or not label.strip():
        raise TypeError(
            f'label must be a short text naming the work, such as "LeNet", got {label!r}'
        )
    return label


def in_notebook() -> bool:
    """Whether this code runs in a Jupyter kernel (JupyterLab, nbconvert, nbval)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the course
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def progress_bar(label: str = "training", **tqdm_options: Any) -> Any:
    """A Keras callback that shows the epochs done and the latest loss, live, on one line.

    Pass it to ``fit`` with ``verbose=0`` (Keras' own output off):
    ``model.fit(..., verbose=0, callbacks=[progress_bar("LeNet")])``. In a notebook the line
    is updated in place and the final one stays in the cell's output; elsewhere it is tqdm's
    bar on stderr. ``tqdm_options`` go to tqdm (``file=``, ``mininterval=``, ...).

    >>> progress_bar(3)
    Traceback (most recent call last):
    ...
    TypeError: label must be a short text naming the work, such as "LeNet", got 3
    """
    from tqdm.keras import TqdmCallback

    options: dict[str, Any] = {
        "desc": _check_label(label),
        "bar_format": BAR_FORMAT,
        **tqdm_options,
    }
    return TqdmCallback(verbose=0, tqdm_class=_bar_class(tqdm_options), **options)


def progress_over(
    items: Iterable[Item], label: str, *, unit: str = "models", **tqdm_options: Any
) -> Iterator[Item]:
    """``items``, one by one, counted on one live line: for a cell that trains many models.

    >>> for lam in progress_over([0.0, 0.01], "L2 sweep", file=io.StringIO()):
    ...     pass
    """
    options: dict[str, Any] = {
        "desc": _check_label(label),
        "unit": unit,
        "bar_format": LOOP_FORMAT,
        **tqdm_options,
    }
    return iter(_bar_class(tqdm_options)(items, **options))


def _bar_class(tqdm_options: dict[str, Any]) -> type[std.tqdm]:
    """The cell's own line in a notebook, else (or when a ``file`` is given) tqdm's bar."""
    return CellLine if in_notebook() and "file" not in tqdm_options else std.tqdm


class StatusLine:
    """One line saying what a slow step without epochs is doing, replaced when it is done.

    In a notebook it is an output line updated in place (``⏳ text…``, then ``✔ text (4.2 s)``);
    elsewhere it shows nothing.

    >>> line = StatusLine("importing TensorFlow")
    >>> line.done("TensorFlow imported")
    """

    def __init__(self, doing: str) -> None:
        self._handle: Any = None
        self._start = time.perf_counter()
        if in_notebook():
            from IPython.display import display

            self._handle = display({"text/plain": f"⏳ {doing}…"}, raw=True, display_id=True)

    def done(self, what: str) -> None:
        """Replace the line with ``✔ what (seconds since the line appeared)``."""
        if self._handle is not None:
            seconds = time.perf_counter() - self._start
            self._handle.update({"text/plain": f"✔ {what} ({seconds:.1f} s)"}, raw=True)
