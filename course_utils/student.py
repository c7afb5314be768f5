"""Student versions of the notebooks: ``python -m course_utils student-version``.

An exercise's reference solution is a code cell tagged ``solution``. By the course's convention
such a cell holds only top-level ``def`` functions (each with a docstring) and top-level
``name = value`` assignments. The learner's copy keeps every signature and docstring, replaces
each function body with ``raise NotImplementedError(...)`` and each assigned value with ``...``
(the placeholders the self-checks recognise), clears every output and keeps everything else.

The work is done by nbconvert: :class:`StudentVersionPreprocessor` stubs the solution cells,
nbconvert's ``ClearOutputPreprocessor`` clears the outputs, and a ``NotebookExporter`` writes the
result.

>>> solution = 'def double(x):\\n    \"\"\"Twice x.\"\"\"\\n    return 2 * x\\n\\nrate = 0.5'
>>> print(stub_solution_source(solution))
# ✏️ Exercise: replace each `raise NotImplementedError(...)` and each `...` with your code.
def double(x):
    \"\"\"Twice x.\"\"\"
    raise NotImplementedError("double is not written yet: replace this line with your code.")
<BLANKLINE>
rate = ...
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import ClearOutputPreprocessor, Preprocessor

from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT

#: The cell tag that marks a reference solution.
SOLUTION_TAG = "solution"
#: The tag a stubbed cell carries in the student version instead.
EXERCISE_TAG = "exercise"
#: Where ``python -m course_utils student-version`` writes by default (ignored by git).
DEFAULT_OUTPUT_DIR = REPO_ROOT / "student"
#: The first line of every stubbed cell.
STUB_HEADER = (
    "# ✏️ Exercise: replace each `raise NotImplementedError(...)` and each `...` with your code."
)

_CONVENTION = (
    "A solution cell may hold only top-level `def` functions (each with a docstring) and "
    "top-level `name = value` assignments, so that the student version can keep the "
    "signatures and docstrings and replace the rest by stubs."
)


class StudentVersionError(ValueError):
    """A solution cell that the student-version tool cannot turn into a stub."""


def _stub_message(name: str) -> str:
    return f"{name} is not written yet: replace this line with your code."


def _assigned_names(target: ast.expr) -> list[str] | None:
    """The names a plain assignment target binds, or None if it is not plain."""
    if isinstance(target, ast.Name):
        return [target.id]
    if (
        isinstance(target, ast.Tuple | ast.List)
        and target.elts
        and all(isinstance(t, ast.Name) for t in target.elts)
    ):
        return [t.id for t in target.elts]  # type: ignore[attr-defined]
    return None


def _stub_assignment(node: ast.Assign | ast.AnnAssign, where: str) -> str:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    parts = []
    for target in targets:
        names = _assigned_names(target)
        if names is None:
            raise StudentVersionError(
                f"{where}: line {node.lineno} assigns to {ast.unparse(target)!r}; only plain "
                f"names may be assigned. {_CONVENTION}"
            )
        if isinstance(target, ast.Name):
            parts.append(target.id)
        else:
            parts.append(", ".join(names))
    if isinstance(node, ast.AnnAssign):
        if node.value is None:
            raise StudentVersionError(
                f"{where}: line {node.lineno} annotates {parts[0]!r} without a value. {_CONVENTION}"
            )
        return f"{parts[0]}: {ast.unparse(node.annotation)} = ..."
    first = _assigned_names(targets[-1]) or []
    value = "..." if len(first) == 1 else ", ".join(["..."] * len(first))
    return " = ".join(parts) + f" = {value}"


def _stub_function(
    node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str], where: str
) -> str:
    body = node.body
    has_doc = (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )
    if not has_doc:
        raise StudentVersionError(
            f"{where}: function {node.name!r} (line {node.lineno}) has no docstring; the "
            f"learner's stub keeps the docstring as the task. {_CONVENTION}"
        )
    doc = body[0]
    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
    raise_line = f'raise NotImplementedError("{_stub_message(node.name)}")'
    if doc.lineno > node.lineno and doc.end_lineno is not None:
        # The usual layout: keep the author's header and docstring text exactly.
        indent = " " * doc.col_offset
        kept = lines[start - 1 : doc.end_lineno]
        return "\n".join(kept + [indent + raise_line])
    # A one-line definition such as `def f(x): "doc"; return x`: rebuild it.
    stub = ast.parse(f"def _():\n    {raise_line}\n").body[0].body  # type: ignore[attr-defined]
    new = type(node)(**{**{f: getattr(node, f) for f in node._fields}, "body": [doc, *stub]})
    return ast.unparse(ast.fix_missing_locations(new))


def stub_solution_source(source: str, *, where: str = "a solution cell") -> str:
    """Turn the source of a solution cell into the learner's stub.

    Every top-level function keeps its decorators, signature and docstring, and its body
    becomes ``raise NotImplementedError("<name> is not written yet: ...")``; every top-level
    ``name = value`` becomes ``name = ...``. Comments and blank lines between statements are
    dropped (they may give the answer away). ``where`` names the cell in error messages.

    Raises :class:`StudentVersionError` (naming ``where``) when the cell breaks the convention:
    a syntax error, a function without a docstring, or any other statement (imports, calls,
    loops, classes, assignments to attributes or items).

    >>> print(stub_solution_source("w_and = [-1.5, 1, 1]"))
    # ✏️ Exercise: replace each `raise NotImplementedError(...)` and each `...` with your code.
    w_and = ...
    >>> stub_solution_source("print('hi')", where="01_perceptron.ipynb, cell 7")
    Traceback (most recent call last):
    ...
    course_utils.student.StudentVersionError: 01_perceptron.ipynb, cell 7: line 1 is ...
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be a str, got {type(source).__name__}")
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise StudentVersionError(
            f"{where}: the cell is not plain Python (line {err.lineno}: {err.msg}); notebook "
            f"magics and shell commands are not allowed in a solution cell. {_CONVENTION}"
        ) from None
    if not tree.body:
        raise StudentVersionError(f"{where}: the solution cell is empty. {_CONVENTION}")
    lines = source.splitlines()
    pieces = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            pieces.append(("def", _stub_function(node, lines, where)))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            pieces.append(("assign", _stub_assignment(node, where)))
        else:
            raise StudentVersionError(
                f"{where}: line {node.lineno} is a {type(node).__name__} statement, "
                f"{ast.unparse(node).splitlines()[0][:60]!r}. {_CONVENTION}"
            )
    out = [STUB_HEADER]
    previous = None
    for kind, text in pieces:
        if previous is not None and (kind == "def" or previous == "def"):
            out.append("")  # a blank line around each function, as the author would write
        out.append(text)
        previous = kind
    return "\n".join(out)


def _is_solution(cell: Any) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


class StudentVersionPreprocessor(Preprocessor):
    """An nbconvert preprocessor that replaces every ``solution`` cell by its stub.

    The stub cell is shown (``source_hidden`` removed) and tagged ``exercise`` instead of
    ``solution``. ``resources["notebook_name"]`` (if given) names the notebook in errors.
    """

    def preprocess_cell(self, cell: Any, resources: dict, index: int) -> tuple[Any, dict]:
        if not _is_solution(cell):
            return cell, resources
        name = resources.get("notebook_name", "the notebook")
        where = f"{name}, cell {index} (id {cell.get('id', '?')})"
        if cell.cell_type != "code":
            raise StudentVersionError(
                f"{where}: only code cells may be tagged "
                f"{SOLUTION_TAG!r}, this one is {cell.cell_type}"
            )
        cell.source = stub_solution_source(cell.source, where=where)
        tags = [t for t in cell.metadata.get("tags", []) if t != SOLUTION_TAG]
        cell.metadata["tags"] = tags + [EXERCISE_TAG]
        jupyter = cell.metadata.get("jupyter", {})
        jupyter.pop("source_hidden", None)
        jupyter.pop("outputs_hidden", None)
        if jupyter:
            cell.metadata["jupyter"] = jupyter
        else:
            cell.metadata.pop("jupyter", None)
        return cell, resources


def _exporter() -> NotebookExporter:
    exporter = NotebookExporter()
    exporter.register_preprocessor(StudentVersionPreprocessor(), enabled=True)
    exporter.register_preprocessor(ClearOutputPreprocessor(), enabled=True)
    return exporter


def make_student_notebook(
    nb: nbformat.NotebookNode, *, name: str = "the notebook"
) -> nbformat.NotebookNode:
    """Return the student version of ``nb`` (a new notebook; ``nb`` is left unchanged).

    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]})])
    >>> make_student_notebook(nb).cells[0].source.splitlines()[-1]
    'answer = ...'
    """
    if not isinstance(nb, nbformat.NotebookNode) or "cells" not in nb:
        raise TypeError(f"nb must be a notebook (nbformat.NotebookNode), got {type(nb).__name__}")
    body, _ = _exporter().from_notebook_node(nb, {"notebook_name": name})
    return nbformat.reads(body, as_version=4)


def write_student_versions(
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    out_dir: str | Path = DEFAULT_OUTPUT_DIR,
    names: list[str] | None = None,
) -> list[Path]:
    """Write the student version of every notebook in ``notebooks_dir`` to ``out_dir``.

    Other files beside the notebooks (pictures the Markdown shows, small data files) are
    copied too, so links keep working. ``names`` limits the work to some notebooks (file
    names or stems, e.g. ``["01_perceptron"]``). Returns the paths written.

    >>> paths = write_student_versions(out_dir="student")  # doctest: +SKIP
    """
    src = Path(notebooks_dir)
    dst = Path(out_dir)
    if not src.is_dir():
        raise FileNotFoundError(f"notebooks_dir {str(src)!r} is not a folder")
    if dst.resolve() == src.resolve() or src.resolve() in dst.resolve().parents:
        raise ValueError(
            f"out_dir {str(dst)!r} must lie outside notebooks_dir "
            f"{str(src)!r}: the solutions there must not be overwritten"
        )
    notebooks = sorted(src.glob("*.ipynb"))
    if names:
        wanted = {Path(n).stem for n in names}
        unknown = wanted - {p.stem for p in notebooks}
        if unknown:
            raise ValueError(f"names: no notebook called {sorted(unknown)} in {src}")
        notebooks = [p for p in notebooks if p.stem in wanted]
    if not notebooks:
        raise FileNotFoundError(f"notebooks_dir {str(src)!r} holds no .ipynb files")
    # Convert everything first, so a broken solution cell leaves no half-written folder.
    converted = [
        (p, make_student_notebook(nbformat.read(p, as_version=4), name=p.name)) for p in notebooks
    ]
    dst.mkdir(parents=True, exist_ok=True)
    written = []
    for path, nb in converted:
        target = dst / path.name
        nbformat.write(nb, target)
        written.append(target)
    for extra in src.rglob("*"):
        rel = extra.relative_to(src)
        if (extra.suffix == ".ipynb" and len(rel.parts) == 1) or any(
            part in (".ipynb_checkpoints", "__pycache__") for part in rel.parts
        ):
            continue
        if extra.is_file():
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(extra, dst / rel)
    return written
