"""Mutation testing of the legal rules (`src/openinburgering/rules/`) with cosmic-ray.

Run it through `bin/mutation-rules` (niced). See README.md, "Mutation testing of the rules".

cosmic-ray (pinned in requirements/dev.in) mutates module-level values as well as code inside functions:
numbers (±1), comparison operators, `and`/`or`, `not`, binary operators, `break`/`continue` and more. That
matters here: most legal values (the Bi 5.3(2) two weeks, the gelijkgestelde dagen, the betalingskenmerk
tables) are module-level constants that a function-only tool such as mutmut 3 never changes.

For every module of the package (found automatically: every `*.py` in rules/ outside tests/) the script

1. copies the rules package, the one test helper it needs (core/tests/reference.py) and a link to
   ../shared/reference into a scratch directory, because cosmic-ray writes each mutant into the file on disk;
2. lets cosmic-ray create every mutant, and marks as skipped the equivalent mutants listed BY NAME in
   src/openinburgering/rules/tests/equivalent_mutants.toml (each with its reason);
3. runs the whole rules suite once unmutated, with a line tracer: it must pass, and it records which lines
   of the module each test executes and each test's CPU time;
4. runs every other mutant, in a warm interpreter (pytest, hypothesis and the libraries imported once; a
   forked child per run imports the mutated rules package afresh), `pytest -x`, no database, no Django
   plugin, no cache, no hypothesis database, 10 derandomised examples per property (hypothesis profile
   "mutation", rules/tests/conftest.py), bytecode precompiled for everything but the mutated module:
   a. first only the tests that executed the mutated statement unmutated (for a `def` line: its body), the
      quickest first; for a statement no test executes (module-level values, run at import) the stages of
      `tests_for` instead: test_legal_values.py and test_boundaries.py, the module's own test file, then the
      other test files that import it directly or through other rules modules;
   b. if it is still alive, the FULL rules suite. A mutant counts as survived only if the full suite passes
      against it; the selection only decides how soon a failing test is found, never the verdict.
   A limit on each run's CPU time (three times the unmutated CPU time of the same tests, plus one second and
   a start-up allowance) ends a mutant that loops: a timeout, counted as killed;
5. prints killed / survived / timeout per module and in total, writes every survivor with its diff to the
   report file (default var/mutation-rules/report.txt) and one line per mutant (outcome, route, CPU and
   wall time) next to it (report.log).

Cost, measured on the shared two-core machine (niced, load 6-14): about 0.6 s CPU per killed mutant (1.3-2.7
s wall), 3 s for a survivor (the full suite), a start-up of about a minute per module.

A mutant's name is "<module>: <line before> → <line after>" (stripped), with " #2", " #3" when the same
change fits more than one place on identical lines. Names survive moving code around.
"""

from __future__ import annotations

import argparse
import ast
import compileall
import difflib
import hashlib
import math
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "openinburgering"
RULES = PACKAGE / "rules"
EQUIVALENTS = RULES / "tests" / "equivalent_mutants.toml"
REFERENCE = REPO.parent / "shared" / "reference"
PYTEST_ARGS = (
    "--assert=plain",
    "-x",
    "-q",
    "--no-header",
    "-p",
    "no:django",
    "-p",
    "no:cacheprovider",
    # pytest's own plugins the rules tests do not use: each costs start-up time in every run (~0.1 s in all)
    *(
        f"-pno:{name}"
        for name in [
            "doctest",
            "junitxml",
            "pastebin",
            "legacypath",
            "stepwise",
            "faulthandler",
            "unraisableexception",
            "threadexception",
            "logging",
            "setuponly",
            "setupplan",
            "capture",
            "monkeypatch",
            "recwarn",
            "tmpdir",
        ]
    ),
)
# Every run: 10 derandomised examples per property (hypothesis profile "mutation", rules/tests/conftest.py).
STAGE_ARGS = ("-p", "_hypothesis_pytestplugin", *PYTEST_ARGS, "--hypothesis-profile=mutation")
FEW_MUTANTS = 40  # up to this many to run (a rerun of survivors), each runs the full suite at once, untraced
# cosmic-ray operators left out, with the reason. Not equivalent mutants: whole operator families.
EXCLUDED_OPERATORS = {
    # Replaces an `except X` with an exception that is never raised; rules/ catches only the BIC
    # library's exception, and the test of an invalid BIC already covers that handler.
    "core/ExceptionReplacer": "one handler, covered by test_bic_is_valid",
    # Removes @dataclass/@cache/@property: the module no longer works at all, nothing to learn.
    "core/RemoveDecorator": "breaks every use of the class or function: always killed, only costs time",
}
# cosmic-ray replaces each binary operator by all twelve others. Only its counterpart is kept (as mutmut
# does: + ↔ -, * ↔ /, // → /, % → /, ** → *, << ↔ >>, & ↔ |, ^ → &): the other ten, on the dates, timedeltas
# and small integers of rules/, raise a TypeError or repeat what the counterpart shows, and would more than
# double the run time on the shared machine.
BINARY_COUNTERPART = {
    "Add": "Sub",
    "Sub": "Add",
    "Mul": "Div",
    "Div": "Mul",
    "FloorDiv": "Div",
    "Mod": "Div",
    "Pow": "Mul",
    "LShift": "RShift",
    "RShift": "LShift",
    "BitAnd": "BitOr",
    "BitOr": "BitAnd",
    "BitXor": "BitAnd",
}


def excluded_operator_patterns() -> list[str]:
    """cosmic-ray's operator names (regular expressions, matched from the start) to leave out."""
    from cosmic_ray.plugins import operator_names

    patterns = [f"{name}$" for name in EXCLUDED_OPERATORS]
    for name in operator_names():
        prefix = "core/ReplaceBinaryOperator_"
        if name.startswith(prefix):
            source, target = name.removeprefix(prefix).split("_")
            if BINARY_COUNTERPART.get(source) != target:
                patterns.append(f"{name}$")
    return patterns


@dataclass
class Tally:
    module: str
    counts: Counter[str] = field(default_factory=Counter)
    survivors: list[tuple[str, str]] = field(default_factory=list)  # (name, diff)
    excluded: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""
    rerun: bool = False  # only the survivors of the kept session ran again

    @property
    def considered(self) -> int:
        return self.counts["killed"] + self.counts["timeout"] + self.counts["survived"]

    @property
    def rate(self) -> float:
        return 100.0 * (self.counts["killed"] + self.counts["timeout"]) / self.considered if self.considered else 100.0


def rule_modules() -> list[str]:
    return sorted(path.name for path in RULES.glob("*.py"))


def equivalents() -> dict[str, str]:
    """name → reason, from the checked-in list."""
    if not EQUIVALENTS.exists():
        return {}
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for entry in data.get("mutant", []):
        if not entry.get("reason", "").strip():
            raise SystemExit(f"{EQUIVALENTS}: {entry.get('name')!r} has no reason")
        found[entry["name"]] = entry["reason"]
    return found


def scratch_copy(root: Path) -> Path:
    """A copy of what the rules tests import, laid out so that reference.py finds ../shared/reference."""
    repo = root / "repo"
    target = repo / "src" / "openinburgering"
    shutil.copytree(RULES, target / "rules", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(PACKAGE / "__init__.py", target / "__init__.py")
    for name in ("core/__init__.py", "core/tests/__init__.py", "core/tests/reference.py"):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGE / name, target / name)
    if REFERENCE.exists():
        (root / "shared").mkdir()
        (root / "shared" / "reference").symlink_to(REFERENCE)
    (repo / "pytest.ini").write_text("[pytest]\npythonpath = src\n", encoding="utf-8")
    return repo


def confirm_stage() -> list[str]:
    """pytest's arguments for the whole rules suite: a mutant survives only if this passes against it."""
    return [*STAGE_ARGS, str((RULES / "tests").relative_to(REPO))]


def test_command() -> str:
    """The command cosmic-ray records in its session (our worker runs the stages itself)."""
    return " ".join((sys.executable, "-B", "-m", "pytest", *confirm_stage()))


def _rules_imports(path: Path) -> set[str]:
    """The rules modules `path` imports ("kalender.py"), relative or absolute."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level == 1 or base.startswith("openinburgering.rules"):
                name = base.removeprefix("openinburgering.rules").lstrip(".")
                candidates = [name] if name else [alias.name for alias in node.names]
                found |= {f"{candidate}.py" for candidate in candidates if (RULES / f"{candidate}.py").exists()}
    return found


def tests_for(module: str) -> list[list[str]]:
    """The rules test files that exercise `module`, in stages: a mutant runs against the next stage only if it
    survived the previous one (most die in the first, and collecting fewer files is what makes a mutant cheap).

    1. test_legal_values.py and test_boundaries.py (the values and boundaries pinned to their sources), where
       they import the module; 2. the module's own test file; 3. the other files that import it directly;
    4. those that import it through other rules modules. A test file that walks the whole package (pkgutil)
    is not found this way; such a test checks how sources are written, not a legal value.
    """
    depends: dict[str, set[str]] = {path.name: _rules_imports(path) for path in RULES.glob("*.py")}
    users = {module}
    while True:
        more = {name for name, imports in depends.items() if imports & users} - users
        if not more:
            break
        users |= more
    tests = sorted(RULES.glob("tests/test_*.py"))
    direct = [path for path in tests if module in _rules_imports(path)]
    first = [path for path in direct if path.name in {"test_legal_values.py", "test_boundaries.py"}]
    own = [path for path in direct if path.name == f"test_{module}" and path not in first]
    other = [path for path in direct if path not in first and path not in own]
    indirect = [path for path in tests if path not in direct and _rules_imports(path) & users]
    stages = [first, own, other, indirect]
    return [[str(path.relative_to(REPO)) for path in stage] for stage in stages if stage]


TraceFunction = Callable[[FrameType, str, object], Any]


class _LineTracer:
    """pytest plugin for the unmutated run: which lines of the module each test executes, and its CPU time."""

    def __init__(self, module: str) -> None:
        self.suffix = f"/openinburgering/rules/{module}"
        self.lines: dict[str, list[int]] = {}
        self.seconds: dict[str, float] = {}
        self._current: set[int] = set()

    def _global(self, frame: FrameType, event: str, arg: object) -> TraceFunction | None:
        return self._local if frame.f_code.co_filename.endswith(self.suffix) else None

    def _local(self, frame: FrameType, event: str, arg: object) -> TraceFunction:
        if event == "line":
            self._current.add(frame.f_lineno)
        return self._local

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Generator[None, None, None]:
        self._current = set()
        started = time.process_time()
        sys.settrace(self._global)
        try:
            yield
        finally:
            sys.settrace(None)
            self.lines[item.nodeid] = sorted(self._current)
            self.seconds[item.nodeid] = time.process_time() - started


class _Selection:
    """pytest plugin: run only the tests `nodeids`, in that order (the quickest first)."""

    def __init__(self, nodeids: list[str]) -> None:
        self.order = {nodeid: number for number, nodeid in enumerate(nodeids)}

    def pytest_collection_modifyitems(self, session: Any, config: Any, items: list[Any]) -> None:
        chosen = sorted((item for item in items if item.nodeid in self.order), key=lambda item: self.order[item.nodeid])
        config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in self.order])
        items[:] = chosen


def _statement_spans(source: str) -> dict[int, tuple[int, int]]:
    """line → (first, last) line of the innermost statement that holds it."""
    spans: dict[int, tuple[int, int]] = {}
    statements = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.stmt)]
    for node in sorted(statements, key=lambda node: (node.end_lineno or node.lineno) - node.lineno, reverse=True):
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
            spans[line] = (node.lineno, node.end_lineno or node.lineno)  # smaller statements come later
    return spans


def worker(module: str, db_path: Path, log_path: Path) -> None:
    """Run every pending mutant of the session in `db_path` (cwd: the scratch copy); see the module's doc.

    The interpreter, pytest, hypothesis and the third-party libraries are imported once (a warm parent);
    for each mutant, written to disk, forked children import the (mutated) rules package afresh and run
    `pytest -x`: first the tests that executed the mutated statement in the unmutated run (the quickest
    first), or, for a statement no test executes (module-level values, run at import), the stages of
    `tests_for`; then, if the mutant is still alive, the FULL rules suite. It counts as survived only if the
    full suite passes. A limit on each child's CPU time (three times the same tests' unmutated CPU time, plus
    one second) ends a mutant that loops: a timeout, counted with the killed.
    """
    import json
    import signal

    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    sys.dont_write_bytecode = True
    import _hypothesis_pytestplugin  # noqa: F401
    import dateutil.easter
    import dateutil.relativedelta  # noqa: F401
    import hypothesis  # noqa: F401
    import schwifty  # noqa: F401
    import stdnum.iban
    import stdnum.nl.bsn  # noqa: F401
    from cosmic_ray.mutating import use_mutation
    from cosmic_ray.plugins import get_operator
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    # Compile everything once; the mutated module never gets bytecode, so each child compiles the mutant.
    compileall.compile_dir("src", quiet=1)
    for cached in Path("src/openinburgering/rules/__pycache__").glob(f"{module[:-3]}.*.pyc"):
        cached.unlink()

    def run(
        arguments: list[str], limit: int, plugin: object | None = None, out: Path | None = None
    ) -> tuple[int, float]:
        """The wait status and CPU seconds of a child that runs pytest with `arguments` on the code on disk."""
        pid = os.fork()
        if pid == 0:  # the child reports through its exit code; its CPU limit ends a mutant that loops
            resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            code = int(pytest.main(arguments, plugins=[plugin] if plugin else None))
            if out and isinstance(plugin, _LineTracer):
                out.write_text(json.dumps({"lines": plugin.lines, "seconds": plugin.seconds}), encoding="utf-8")
            os._exit(code)
        _, status, usage = os.wait4(pid, 0)
        return status, usage.ru_utime + usage.ru_stime

    def passed(status: int) -> bool:
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    startup = 0.5

    def limit_for(nodeids: Iterable[str]) -> int:
        return math.ceil(3 * (startup + sum(cost[nodeid] for nodeid in nodeids)) + 1)

    suite = str((RULES / "tests").relative_to(REPO))
    with use_db(str(db_path), WorkDB.Mode.open) as db:
        few = len(db.pending_work_items) <= FEW_MUTANTS
    cost: dict[str, float] = {}  # nodeid → CPU seconds unmutated (traced, so on the high side)
    runs: dict[int, set[str]] = {}  # line of the module → the tests that executed it unmutated
    if few:
        # A handful of mutants (a rerun of survivors): each runs the full suite at once, so no tracing.
        status, seconds = run(confirm_stage(), 600)
        if not passed(status):
            raise SystemExit(f"the unmutated tests fail: pytest {' '.join(confirm_stage())}")
        stages = [([suite], math.ceil(3 * seconds + 1))]
    else:
        # Unmutated, the full suite once with the line tracer: it must pass; it tells which test runs which
        # line of the module and what each test costs (which sets the CPU limits).
        coverage = Path("coverage.json")
        status, _ = run(confirm_stage(), 600, _LineTracer(module), coverage)
        if not passed(status):
            raise SystemExit(f"the unmutated tests fail: pytest {' '.join(confirm_stage())}")
        traced = json.loads(coverage.read_text(encoding="utf-8"))
        cost = traced["seconds"]
        for nodeid, lines in traced["lines"].items():
            for line in lines:
                runs.setdefault(line, set()).add(nodeid)
        stages = [(files, limit_for(n for n in cost if n.split("::")[0] in files)) for files in tests_for(module)]
        stages.append(([suite], limit_for(cost)))
    spans = _statement_spans(Path("src/openinburgering/rules", module).read_text(encoding="utf-8"))

    def tests_running(line: int) -> list[str]:
        first, last = spans.get(line, (line, line))
        found = set().union(*(runs.get(number, set()) for number in range(first, last + 1)))
        return sorted(found, key=lambda nodeid: (cost[nodeid], nodeid))

    with use_db(str(db_path), WorkDB.Mode.open) as db, log_path.open("a", encoding="utf-8") as log:
        log.write(f"{module}: {len(cost)} tests traced; CPU limits of the stages {[s[1] for s in stages]} s\n")
        for item in list(db.pending_work_items):
            spec = item.mutations[0]
            operator = get_operator(spec.operator_name)(**spec.operator_args)
            started = time.monotonic()
            cpu = 0.0
            with use_mutation(Path(spec.module_path), operator, spec.occurrence) as (original, mutated):
                if mutated is None:
                    db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.NO_TEST))
                    continue
                selected = tests_running(spec.start_pos[0])
                if selected:
                    files = sorted({nodeid.split("::")[0] for nodeid in selected})
                    plan = [(files, limit_for(selected), _Selection(selected)), (*stages[-1], None)]
                    route = f"{len(selected)} tests"
                else:
                    plan = [(files, limit, None) for files, limit in stages]
                    route = "stages"
                status, step = 0, 0
                for files, limit, plugin in plan:
                    step += 1
                    status, seconds = run([*STAGE_ARGS, *files], limit, plugin)
                    cpu += seconds
                    if not passed(status):
                        break
            diff = "".join(
                difflib.unified_diff(
                    original.splitlines(keepends=True), mutated.splitlines(keepends=True), n=1, lineterm="\n"
                )
            )
            timed_out = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)
            survived = passed(status)
            outcome = "timeout" if timed_out else "survived" if survived else "killed"
            log.write(
                f"{item.job_id} {spec.operator_name} line {spec.start_pos[0]}: {outcome} ({route}, step {step} of "
                f"{len(plan)}), {cpu:.1f} s CPU, {time.monotonic() - started:.1f} s\n"
            )
            log.flush()
            db.set_result(
                item.job_id,
                WorkResult(
                    worker_outcome=WorkerOutcome.NORMAL,
                    test_outcome=TestOutcome.SURVIVED if survived else TestOutcome.KILLED,
                    output="timeout" if timed_out else "",
                    diff=diff,
                ),
            )


def mutant_names(repo: Path, module: str, db_path: Path) -> dict[str, str]:
    """job id → mutant name, for every work item of the session."""
    from cosmic_ray.mutating import mutate_code
    from cosmic_ray.plugins import get_operator
    from cosmic_ray.work_db import WorkDB, use_db

    source = (repo / "src/openinburgering/rules" / module).read_text(encoding="utf-8")
    before = source.splitlines()
    names: dict[str, str] = {}
    seen: Counter[str] = Counter()
    with use_db(str(db_path), WorkDB.Mode.open) as db:
        # Every mutant an operator filter did not leave out (naming one parses the module), run or not, so that
        # the " #2" of a name does not depend on which mutants are still to run.
        filtered = {job_id for job_id, result in db.results if result.output == FILTERED}
        items = [item for item in db.work_items if item.job_id not in filtered]
        items.sort(key=lambda item: (item.mutations[0].start_pos, item.mutations[0].operator_name))
        for item in items:
            spec = item.mutations[0]
            operator = get_operator(spec.operator_name)(**spec.operator_args)
            mutated = mutate_code(source, operator, spec.occurrence)
            after = (mutated or "").splitlines()
            old, new = _changed_lines(before, after, spec.start_pos[0])
            name = f"{module}: {old} → {new}"
            seen[name] += 1
            names[item.job_id] = name if seen[name] == 1 else f"{name} #{seen[name]}"
    return names


def _changed_lines(before: list[str], after: list[str], line: int) -> tuple[str, str]:
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old = " ".join(part.strip() for part in before[i1:i2])
            new = " ".join(part.strip() for part in after[j1:j2])
            return old, new
    return before[line - 1].strip(), "(unchanged)"


FILTERED = "Filtered operator"  # the output cr-filter-operators gives the mutants it leaves out
EQUIVALENT = "equivalent: "  # the start of the output of a mutant skipped as equivalent


def run_module(module: str, skip: dict[str, str], *, keep: bool, log: Path, sessions: Path, rerun: bool) -> Tally:
    """Mutate `module` and tally the outcome; the session is kept in `sessions` for `rerun`.

    With `rerun`, when the module's source (and the operators left out) is the same as in the kept session,
    only its survivors (and the mutants listed as equivalent, whose list may have changed) run again, against
    the current tests: a killed mutant stays killed when tests are added. Otherwise every mutant runs.
    """
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    tally = Tally(module)
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix=f"mutation-{module[:-3]}-"))
    stamp = hashlib.sha256(f"{(RULES / module).read_text(encoding='utf-8')}{excluded_operator_patterns()}".encode())
    kept, kept_stamp = sessions / f"{module}.sqlite", sessions / f"{module}.sha256"
    try:
        repo = scratch_copy(root)
        db_path = repo / "session.sqlite"
        if rerun and kept.exists() and kept_stamp.exists() and kept_stamp.read_text() == stamp.hexdigest():
            shutil.copy2(kept, db_path)
            with sqlite3.connect(db_path) as connection:
                connection.execute(
                    "DELETE FROM work_results WHERE test_outcome = 'SURVIVED' OR output LIKE ?", (f"{EQUIVALENT}%",)
                )
            tally.rerun = True
        else:
            config = repo / "cosmic-ray.toml"
            config.write_text(
                "[cosmic-ray]\n"
                f'module-path = "src/openinburgering/rules/{module}"\n'
                "timeout = 600.0\n"
                "excluded-modules = []\n"
                f'test-command = "{test_command()}"\n\n'
                "[cosmic-ray.distributor]\n"
                'name = "local"\n\n'
                "[cosmic-ray.filters.operators-filter]\n"
                f"exclude-operators = {excluded_operator_patterns()!r}\n",
                encoding="utf-8",
            )
            cosmic = Path(sys.executable).parent
            subprocess.run([cosmic / "cosmic-ray", "init", config, db_path], cwd=repo, check=True)  # noqa: S603
            subprocess.run([cosmic / "cr-filter-operators", db_path, config], cwd=repo, check=True)  # noqa: S603
        names = mutant_names(repo, module, db_path)
        with use_db(str(db_path), WorkDB.Mode.open) as db:
            for item in db.pending_work_items:
                name = names[item.job_id]
                if name in skip:
                    result = WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output=f"{EQUIVALENT}{skip[name]}")
                    db.set_result(item.job_id, result)
            pending = len(db.pending_work_items)
        if pending:  # (a rerun with no survivors left has nothing to run)
            # CPU-time limits, not wall-clock ones: on a loaded machine the wall clock says nothing.
            worker = [sys.executable, "-B", __file__, "--worker", module, str(db_path), str(log.resolve())]
            done = subprocess.run(worker, cwd=repo, check=False, capture_output=True, text=True)  # noqa: S603
            if done.returncode != 0:
                tally.error = f"the worker failed:\n{(done.stdout + done.stderr)[-3000:]}"
                return tally
        with use_db(str(db_path), WorkDB.Mode.open) as db:
            for item, result in db.completed_work_items:
                if result.worker_outcome == WorkerOutcome.SKIPPED:
                    if (result.output or "").startswith(EQUIVALENT):
                        tally.counts["excluded"] += 1
                        tally.excluded.append(names[item.job_id])
                    else:
                        tally.counts["operator-excluded"] += 1
                elif result.test_outcome == TestOutcome.SURVIVED:
                    tally.counts["survived"] += 1
                    tally.survivors.append((names[item.job_id], result.diff or ""))
                elif result.output == "timeout":
                    tally.counts["timeout"] += 1
                elif result.test_outcome == TestOutcome.INCOMPETENT:
                    tally.counts["incompetent"] += 1
                else:
                    tally.counts["killed"] += 1
            tally.counts["pending"] = sum(1 for _ in db.pending_work_items)
        sessions.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db_path, kept)
        kept_stamp.write_text(stamp.hexdigest(), encoding="utf-8")
    finally:
        tally.seconds = time.monotonic() - started
        print(f"{module}: {dict(tally.counts)} in {tally.seconds:.0f} s", file=sys.stderr, flush=True)
        if keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return tally


def main() -> int:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="module file names (kalender.py); default: all of rules/")
    parser.add_argument("--jobs", type=int, default=1, choices=(1, 2), help="modules run side by side (max 2)")
    parser.add_argument("--report", type=Path, default=REPO / "var" / "mutation-rules" / "report.txt")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directories")
    parser.add_argument(
        "--rerun-survivors",
        action="store_true",
        help="for a module whose source is unchanged since the kept session: run only its survivors again",
    )
    parser.add_argument("--min-rate", type=float, default=90.0, help="exit 1 below this total kill rate (%%)")
    args = parser.parse_args()

    modules = args.modules or rule_modules()
    unknown = set(modules) - set(rule_modules())
    if unknown:
        parser.error(f"not a module of rules/: {', '.join(sorted(unknown))}")
    skip = equivalents()
    args.report.parent.mkdir(parents=True, exist_ok=True)
    log = args.report.with_suffix(".log")  # one line per mutant: outcome, stage reached, CPU and wall time
    log.write_text("", encoding="utf-8")
    sessions = args.report.parent / "sessions"  # each module's cosmic-ray session with its results
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        tallies = list(
            pool.map(
                lambda module: run_module(
                    module, skip, keep=args.keep, log=log, sessions=sessions, rerun=args.rerun_survivors
                ),
                modules,
            )
        )
    seconds = time.monotonic() - started

    lines = [f"{'module':24} {'mutants':>7} {'killed':>7} {'timeout':>7} {'survived':>8} {'equiv.':>6} {'rate':>7}"]
    total = Tally("total")
    for tally in tallies:
        total.counts.update(tally.counts)
        total.survivors.extend(tally.survivors)
        total.excluded.extend(tally.excluded)
        lines.append(_row(tally))
    lines.append(_row(total))
    if any(tally.rerun for tally in tallies):
        lines.append("* only the survivors of the kept session ran again (the module is unchanged since)")
    lines.append(
        f"run time {seconds:.0f} s; left out: {', '.join(EXCLUDED_OPERATORS)} and all but the counterpart of each "
        "binary operator"
    )
    errors = [f"{t.module}: {t.error}" for t in tallies if t.error]
    pending = total.counts["pending"]
    stale = sorted(set(skip) - set(total.excluded)) if not args.modules else []

    report = ["\n".join(lines), ""]
    report += [f"ERROR {error}" for error in errors]
    if pending:
        report.append(f"{pending} mutants were not run (interrupted?)")
    if stale:
        report.append("Listed as equivalent but no longer produced (remove from the list):")
        report += [f"  {name}" for name in stale]
    report.append(f"\nSurvivors ({len(total.survivors)}):")
    for name, diff in total.survivors:
        report += [f"\n--- {name}", diff.rstrip()]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(report) + "\n", encoding="utf-8")

    print("\n".join(lines))
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    if stale:
        print(f"{len(stale)} listed equivalent mutants no longer exist: see {args.report}")
    print(f"{len(total.survivors)} survivors listed in {args.report}")
    return 1 if errors or pending or total.rate < args.min_rate else 0


def _row(tally: Tally) -> str:
    c = tally.counts
    mutants = tally.considered + c["excluded"]
    return (
        f"{tally.module:24} {mutants:>7} {c['killed']:>7} {c['timeout']:>7} {c['survived']:>8} "
        f"{c['excluded']:>6} {tally.rate:>6.1f}%{' *' if tally.rerun else ''}"
    )


if __name__ == "__main__":
    sys.exit(main())
