"""The README's generated blocks and the benchmark's report (course_utils.readme): the one
title-cell parser, the tables it renders for each benchmark setting, and that the committed
README and report are what the notebooks and the stored figures give now."""

from __future__ import annotations

import re

import nbformat
import pytest

from course_utils import bench, readme
from course_utils.__main__ import build_parser
from course_utils.paths import REPO_ROOT, course_notebooks

NOTEBOOKS = course_notebooks()
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def lesson(
    number: str, *, minutes: int = 60, exercises: int = 3, needs: tuple[str, ...] = ()
) -> readme.Lesson:
    """A made-up notebook's facts, as read_lesson returns them."""
    links = " and ".join(f"[{n} · X](notebooks/{n}_x.ipynb)" for n in needs)
    return readme.Lesson(
        number=number,
        title=f"Topic {number}",
        objectives=("learn a thing.",),
        prerequisites=links or "Python basics (loops); nothing else.",
        prerequisite_numbers=needs,
        learner_time=f"about {minutes} minutes",
        learner_minutes=minutes,
        stated_run_seconds=10.0,
        file=f"{number}_topic.ipynb",
        exercises=exercises,
    )


def figures(seconds: float, peak_bytes: int = 700_000_000, cores: int = 2) -> dict:
    return {
        "seconds": seconds,
        "peak_bytes": peak_bytes,
        "error": None,
        "over_budget": bench.budget_problems(seconds, peak_bytes, cores),
        "measured_at": "2026-12-01 10:00 UTC",
    }


def section(key: str, notebooks: dict) -> dict:
    setting = bench.SETTINGS[key]
    return {
        "label": setting.label,
        "full_size": setting.full_size,
        "cores": setting.cores,
        "budget_seconds": setting.budget_seconds,
        "data": "fake.npz, 6/4 images",
        "measured_at": "2026-12-01 10:00 UTC",
        "machine": {
            "platform": "Linux",
            "cpu_count": 2,
            "cores_used": setting.cores,
            "load_before": "0.1",
            "load_after": "0.2",
        },
        "last_run": {
            "command": f"python -m course_utils bench {setting.flags}",
            "notebooks": list(notebooks),
            "seconds": 1.0,
        },
        "notebooks": notebooks,
    }


LESSONS = [lesson("00"), lesson("01", needs=("00",)), lesson("02", needs=("00", "01"))]
RESULTS = {
    "settings": {
        "sample": section(
            "sample",
            {
                "00_topic.ipynb": figures(7.4),
                "01_topic.ipynb": figures(19.0),
                "02_topic.ipynb": figures(33.0),
            },
        ),
        "full-size": section("full-size", {"01_topic.ipynb": figures(64.0, 1_600_000_000)}),
    }
}


def rows(table: str) -> dict[str, list[str]]:
    """The cells of each row of a Markdown table, by its first cell."""
    cells = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in table.splitlines()
        if line.startswith("|")
    ]
    return {row[0]: row for row in cells}


# --------------------------------------------------------------------------- the README now
def test_the_readme_holds_every_generated_block_in_order():
    markers = [m for block in readme.BLOCKS for m in readme.markers(block)]
    markers.insert(2, "<!-- instructors:start -->")
    markers.append("<!-- instructors:end -->")
    assert all(README.count(m) == 1 for m in markers), "each marker exactly once"
    positions = [README.index(m) for m in markers]
    assert positions == sorted(positions)
    assert README.index("## The notebooks") < README.index(readme.markers("notebooks")[0])
    section_text = README[positions[2] : positions[-1]]
    for needed in (
        "fetch-data",
        "COURSE_MNIST_PATH",
        "student-version",
        "Binder",
        "doctor",
        "course_utils bench",
        "--full-size",
        "--cores 1",
        "course_utils readme",
        "peak memory",
    ):
        assert needed in section_text, f"the instructors' section should mention {needed}"


def test_the_readme_and_the_report_are_current():
    """The README's blocks and the benchmark report are what the notebooks and the stored
    figures give now. If this fails, run `python -m course_utils readme` and commit."""
    assert readme.check() == [], (
        f"stale: {readme.check()}: run `{readme.COMMAND}` and commit README.md and "
        f"tests/benchmarks/notebook_budget.md"
    )


def test_the_grade_example_names_notebook_01s_exercises_as_they_are():
    """The README's grade example is a copy of a real run (grading needs kernels, so it is not
    generated): when notebook 01's exercises change, run it again and paste it."""
    from course_utils.exercises import catalogues

    names = catalogues()["01_perceptron"].names
    example = README[README.index("$ python -m course_utils grade student/01") :]
    for status in ("⏳", "✅"):
        line = "  ".join(f"{status} {name}" for name in names)
        assert line in example, f"run the grade example again: {line!r} is missing"


def test_nothing_mentions_the_old_commands():
    for path in [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "course_utils").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "lesson_plan" not in text and "--table-only" not in text, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_title_cell_gives_the_readme_what_it_needs(path):
    found = readme.read_lesson(path)
    assert found.number == path.name[:2] and found.title and found.file == path.name
    assert 3 <= len(found.objectives) <= 5, found.objectives
    assert found.prerequisites, "state the prerequisites"
    assert found.learner_minutes, f"no learner time in minutes: {found.learner_time!r}"
    assert found.stated_run_seconds, "the title cell states a run time such as 'about 25 s'"
    assert found.exercises >= 2
    assert all(n < found.number for n in found.prerequisite_numbers), (
        "prerequisites must be earlier notebooks"
    )
    for target in re.findall(r"\]\((notebooks/[^)]+)\)", found.prerequisites):
        assert (REPO_ROOT / target).is_file(), f"broken prerequisite link {target}"


# --------------------------------------------------------------------------- the parser
def test_parse_title_cell_reads_fields_on_one_or_two_lines():
    cell = readme.parse_title_cell(
        "# 07 · A `Keras` network\n\nWhy.\n\n**Learning objectives**\n\n- one;\n- two\n"
        "  lines.\n\n**Prerequisites**: [02 · A](02_a.ipynb) to\n[06 · B](06_b.ipynb).\n\n"
        "**Learner time**: about 1.5 hours.\n**Run time**: about 2 min on a laptop."
    )
    assert cell.number == "07" and cell.title == "A `Keras` network"
    assert cell.objectives == ("one;", "two lines.")
    assert cell.prerequisite_numbers == ("02", "06")
    assert "[06 · B](notebooks/06_b.ipynb)" in cell.prerequisites
    assert (cell.learner_time, cell.learner_minutes, cell.stated_run_seconds) == (
        "about 1.5 hours",
        90,
        120.0,
    )
    bare = readme.parse_title_cell("# 00 · Bare")
    assert (bare.objectives, bare.learner_minutes, bare.stated_run_seconds) == ((), None, None)


def test_parse_title_cell_rejects_bad_input():
    with pytest.raises(TypeError, match="source"):
        readme.parse_title_cell(None)
    with pytest.raises(ValueError, match="NN · Title"):
        readme.parse_title_cell("Just text")


def test_read_lesson_counts_the_solution_cells(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 03 · T\n\n**Learner time**: about 5 minutes."),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("y = 2", metadata={"tags": ["other"]}),
        nbformat.v4.new_code_cell("z = 3", metadata={"tags": ["solution"]}),
    ]
    nbformat.write(nb, tmp_path / "03_t.ipynb")
    found = readme.read_lesson(tmp_path / "03_t.ipynb")
    assert (found.file, found.exercises, found.learner_minutes) == ("03_t.ipynb", 2, 5)
    nb.cells = nb.cells[1:]
    nbformat.write(nb, tmp_path / "04_u.ipynb")
    with pytest.raises(ValueError, match=r"04_u\.ipynb.*title cell"):
        readme.read_lesson(tmp_path / "04_u.ipynb")


# --------------------------------------------------------------------------- the blocks
def test_lesson_table_shows_every_setting_and_says_what_was_not_measured():
    table = readme.lesson_table(RESULTS, LESSONS, mnist_files=["01_topic.ipynb", "02_topic.ipynb"])
    header, *_ = table.splitlines()
    assert header.split(" | ")[5:] == [
        "run time, sample",
        "run time, full size",
        "run time, full size, 1 core",
        "peak memory, sample",
        "peak memory, full size |",
    ]
    by_number = rows(table)
    # no MNIST: full size on 2 cores is its sample run; one core was not measured
    assert by_number["00"][3:] == [
        "Python basics",
        "3",
        "7 s",
        "no MNIST",
        "not measured",
        "700 MB",
        "no MNIST",
    ]
    # measured at full size and over budget there (time and memory): flagged
    assert by_number["01"][3:] == [
        "00",
        "3",
        "19 s",
        "64 s ⚠️",
        "not measured",
        "700 MB",
        "1,600 MB",
    ]
    # loads MNIST, not measured at full size yet
    assert by_number["02"][3:] == [
        "00, 01",
        "3",
        "33 s",
        "not measured",
        "not measured",
        "700 MB",
        "not measured",
    ]
    total = next(row for row in rows(table).values() if row[1] == "**total**")
    assert total[2:7] == ["**3.0 h**", "", "**9**", "**59 s**", ""]
    note = table.split("\n\n", 1)[1]
    assert "`bench --full-size`, not measured yet" not in note  # it was measured
    assert "`bench --full-size --cores 1`, not measured yet" in note
    assert "60 s on 2 cores, 120 s on 1 core, 1,500 MB" in note


def test_lesson_table_with_nothing_measured():
    by_number = rows(readme.lesson_table({"settings": {}}, LESSONS[:1], ["00_topic.ipynb"]))
    assert by_number["00"][5:] == ["not measured"] * 5


def test_notebooks_table_links_each_notebook_and_what_it_builds_on():
    by_number = rows(readme.notebooks_table(LESSONS))
    assert by_number["00"] == [
        "00",
        "[Topic 00](notebooks/00_topic.ipynb)",
        "60 min",
        "3",
        "Python basics (loops); nothing else",
    ]
    assert by_number["02"][4] == "[00](notebooks/00_x.ipynb), [01](notebooks/01_x.ipynb)"


def test_objectives_block_says_how_to_regenerate_it():
    block = readme.objectives_markdown(LESSONS[:1])
    assert f"`{readme.COMMAND}`" in block.splitlines()[0]
    assert "<summary><b>00 · Topic 00</b> · about 60 minutes · 3 exercises</summary>" in block
    assert "- learn a thing." in block


def test_budget_report_has_a_section_per_setting():
    report = readme.budget_report(RESULTS)
    assert [line for line in report.splitlines() if line.startswith("## ")] == [
        "## Sample, 2 cores",
        "## Full size, 2 cores",
        "## Full size, 1 core",
    ]
    assert (
        "| 01_topic.ipynb | 64.0 s | 1,600 MB | ⚠️ over budget: time 64.0 s > 60 s; "
        "memory 1,600 MB > 1,500 MB |" in report
    )
    assert "**all 3 notebooks** | **59.4 s**" in report
    assert "Not measured yet: `python -m course_utils bench --full-size --cores 1`." in report


def test_run_time_notes_flag_a_title_cell_far_from_the_measurement():
    notes = readme.run_time_notes(RESULTS, LESSONS)
    assert notes == [
        (
            "02_topic.ipynb states a run time of about 10 s in its title cell; the "
            "benchmark measured 33 s (sample)"
        )
    ]


# --------------------------------------------------------------------------- writing
def test_update_readme_rewrites_only_the_blocks(tmp_path):
    path = tmp_path / "README.md"
    stale = "".join(
        f"{start}\nSTALE\n{end}\n\nbetween\n\n" for start, end in map(readme.markers, readme.BLOCKS)
    )
    path.write_text(f"# Title\n\n{stale}after\n", encoding="utf-8")
    assert readme.update_readme(path, results=RESULTS) == list(readme.BLOCKS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\n") and text.endswith("\n\nbetween\n\nafter\n")
    assert "STALE" not in text and "01 · The perceptron" in text
    assert readme.update_readme(path, results=RESULTS) == []


def test_blocks_need_their_markers(tmp_path):
    with pytest.raises(ValueError, match=r"objectives:start.*course_utils readme"):
        readme.replace_block("no markers", "objectives", "x")
    end, start = readme.markers("notebooks")[::-1]
    with pytest.raises(ValueError, match="notebooks:start"):
        readme.current_block(f"{end} {start}", "notebooks")
    with pytest.raises(ValueError, match="block"):
        readme.markers("nonsense")
    with pytest.raises(FileNotFoundError, match="readme"):
        readme.update_readme(tmp_path / "missing.md")
    with pytest.raises(FileNotFoundError, match="notebooks_dir"):
        readme.read_lessons(tmp_path / "missing")


def test_readme_command_writes_and_checks(tmp_path, monkeypatch, capsys):
    path, report = tmp_path / "README.md", tmp_path / "budget.md"
    path.write_text(
        "".join(f"{s}\n{e}\n" for s, e in map(readme.markers, readme.BLOCKS)), encoding="utf-8"
    )
    monkeypatch.setattr(readme, "README", path)
    monkeypatch.setattr(readme, "REPORT_MD", report)
    check = build_parser().parse_args(["readme", "--check"])
    assert check.run(check) == 1
    assert "stale: README.md: the notebooks block" in capsys.readouterr().err
    write = build_parser().parse_args(["readme"])
    assert write.run(write) == 0 and report.is_file()
    assert check.run(check) == 0
