"""Grading one notebook through the sandbox: load it once, then run every check in a fresh process.

The pytest self-check and official grading both come through here, so a student's infinite
loop or memory bomb is stopped the same way in both.
"""

from pathlib import Path

from checker.checks import messages, notebook
from checker.checks.report import CheckFailure
from checker.sandbox import remote


class NotebookSession:
    """A student's notebook loaded in the sandbox, ready to serve checks."""

    def __init__(self, sandbox, display_path, cells=None, objects=None, folder=None):
        self.display_path, self.policy = display_path, sandbox.policy
        self.process = sandbox.open_notebook(display_path, cells=cells, objects=objects, folder=folder)

    @classmethod
    def from_file(cls, sandbox, path, display_path=None, folder=None, restore=None):
        """Read and load a notebook file (NotebookUnreadable when it is not a notebook).

        `folder` holds the files it reads; `restore` the locked cells to put back (notebook.read_cells).
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

    def run(self, check, seed=None):
        """Run one check on this notebook; raises CheckFailure as the check would."""
        self.run_seeds(check, [seed])

    def run_seeds(self, check, seeds):
        """Run one check with each seed in turn, in one fresh check process; the first failure is raised, with its seed.

        After the first seed, parts of the check that do not depend on the seed (training end to end) are not repeated.
        """
        try:
            child = self.process.open_check()
        except remote.StudentProblem as problem:
            raise CheckFailure(messages.ENDED.format(name="your notebook", how=getattr(problem, "how", "it could not start")), messages.ENDED.id) from None
        with child:
            values = [self._value(child, check, name) for name in check.needs]
            for index, seed in enumerate(seeds):
                try:
                    check.function(*values, seed=seed, again=index > 0, policy=self.policy)
                except CheckFailure as failure:
                    failure.seed = seed
                    raise

    def value_of(self, name):
        """The value the notebook bound to `name` (plain data or a Remote), or a CheckFailure saying why it is missing."""
        child = self.process.open_check()
        return self._value(child, None, name), child

    def _value(self, child, check, name):
        try:
            found = child.lookup(name)
        except remote.StudentProblem as problem:
            raise CheckFailure(messages.ENDED.format(name=name, how=getattr(problem, "how", "it could not be read")), messages.ENDED.id) from None
        if found.get("missing") is True or "value" not in found:
            headline = notebook.missing_name(self.process.outcomes, name, self.display_path)
            raise CheckFailure(str(headline), messages.diagnosis_of(headline))
        origin = found.get("origin")
        module = origin[0] if type(origin) is list and origin and type(origin[0]) is str else ""
        if module == "checker" or module.startswith("checker."):
            raise CheckFailure(messages.FROM_CHECKER.format(name=name), messages.FROM_CHECKER.id)
        return found["value"]

    def close(self):
        self.process.close()
