"""Grading one notebook through the sandbox: load it once, then run every check in a fresh process.

The pytest self-check and official grading both come through here, so a student's infinite
loop or memory bomb is stopped the same way in both.
"""

from pathlib import Path

from checker.checks import messages, notebook
from checker.checks.errors import CheckFailure, GraderError
from checker.checks.run import upstream_verdicts
from checker.checks.seeds import PUBLIC, chosen
from checker.sandbox import proxies, student_calls


class NotebookSession:
    """A student's notebook loaded in the sandbox, ready to serve checks."""

    def __init__(self, sandbox, display_path, cells=None, objects=None, folder=None):
        self.display_path, self.policy = display_path, sandbox.policy
        self.verdicts = {}  # check name -> its failure, or None when it passed
        self.process = sandbox.open_notebook(display_path, cells=cells, objects=objects, folder=folder)

    @classmethod
    def from_file(cls, sandbox, path, display_path=None, folder=None, restore=None):
        """Read and load a notebook file (NotebookUnreadable when it is not a notebook).

        `folder` holds the files it reads; `restore` puts back the cells a student must not change (notebook.read_cells).
        """
        path = Path(path)
        display_path = display_path or str(path)
        cells = notebook.read_cells(path, display_path, restore, sandbox.policy.notebook_bytes)
        return cls(sandbox, display_path, cells=cells, folder=str(folder or path.parent))

    @classmethod
    def from_objects(cls, sandbox, objects, display_path="your notebook"):
        """Load Python objects as if a notebook had defined them (the test catalogues' implementations)."""
        import cloudpickle

        for value in objects.values():
            module = getattr(value, "__module__", None)
            if module and module not in ("builtins", "__main__") and not module.startswith(("numpy", "scipy")):
                cloudpickle.register_pickle_by_value(__import__(module, fromlist=["_"]))
        return cls(sandbox, display_path, objects=cloudpickle.dumps(objects))

    def run(self, check, seed=PUBLIC):
        """Run one check (an Assignment's Check) on this notebook with `seed` (seeds.chosen); raises CheckFailure as the
        check would; returns its notes when it passes."""
        return self.run_seeds(check, [seed])

    def run_seeds(self, check, seeds):
        """Run one check with each seed (seeds.chosen) in turn, in one fresh check process; the first failure is raised, with its seed.

        The end-to-end part of a check (training on the data) runs with the last seed only: with the hidden
        one in official grading, with the public one in the self-check. The verdict is kept, so that an
        end-to-end check can say which of the functions it uses fails its own check.
        """
        seeds = [chosen(seed) for seed in seeds]
        try:
            notes = self._run_seeds(check, seeds)
        except (CheckFailure, GraderError) as failure:
            self.verdicts[check.name] = failure
            raise
        self.verdicts[check.name] = None
        return notes

    def _run_seeds(self, check, seeds):
        try:
            child = self.process.open_check()
        except proxies.StudentProblem as problem:
            raise CheckFailure(messages.ENDED.format(name="your notebook", how=getattr(problem, "how", "it could not start")), messages.ENDED.id) from None
        notes = []
        with child:
            values = [self._value(child, check, name) for name in check.needs]
            for index, seed in enumerate(seeds):
                try:
                    notes = check.function.grade(*values, seed=seed, end_to_end=index == len(seeds) - 1, policy=self.policy,
                                           verdicts=self._upstream(check, seeds), missing=self._why_missing)
                except CheckFailure as failure:
                    failure.seed = seed.value
                    raise
        return notes

    def _why_missing(self, name):
        """Why the notebook lacks `name`, when a cell that defines it failed (a syntax error, an exception), else None."""
        if not any(name in outcome["defines"] and outcome["failure"] for outcome in self.process.outcomes.values()):
            return None
        return notebook.missing_name(self.process.outcomes, name, self.display_path)

    def _upstream(self, check, seeds):
        """Verdicts of other checks of the same assignment on this notebook: kept from earlier runs, or run now."""
        return lambda names: upstream_verdicts(names, lambda name: self.run_seeds(check.assignment.check(name), seeds), self.verdicts)

    def value_of(self, name):
        """The value the notebook bound to `name` (plain data or a Remote), or a CheckFailure saying why it is missing."""
        child = self.process.open_check()
        return self._value(child, None, name), child

    def _value(self, child, check, name):
        try:
            found = child.lookup(name)
        except proxies.StudentProblem as problem:
            raise CheckFailure(messages.ENDED.format(name=name, how=getattr(problem, "how", "it could not be read")), messages.ENDED.id) from None
        if found.get("missing") is True or "value" not in found:
            headline = notebook.missing_name(self.process.outcomes, name, self.display_path)
            raise CheckFailure(str(headline), messages.diagnosis_of(headline))
        origin = found.get("origin")
        if type(origin) is list and origin and student_calls.module_in(origin[0]):
            raise CheckFailure(messages.FROM_CHECKER.format(name=name), messages.FROM_CHECKER.id)
        return found["value"]

    def close(self):
        self.process.close()
