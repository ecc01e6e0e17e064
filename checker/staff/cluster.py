"""Grading on a Dask distributed cluster (`backprop-lab grade --scheduler ADDRESS`), with LocalWorkers' interface.

Dask reruns a task whose worker died, up to the scheduler's `distributed.scheduler.allowed-failures`,
then reports it lost (KilledWorker). That, or any other exception from a future, becomes the
submission's grader error: the batch goes on, and the next run grades it again.
"""

import logging

_log = logging.getLogger(__name__)


class DaskWorkers:
    """`work(task)` on the cluster's workers; `results(tasks)` yields (task, result) as each finishes, never raising."""

    def __init__(self, address, work, lost):
        self.address, self.work, self.lost = address, work, lost
        self.retried = 0  # Dask retries lost workers itself, uncounted here
        self._client, self._pending = None, set()

    def __enter__(self):
        from distributed import Client

        self._client = Client(self.address)
        return self

    def __exit__(self, *exc_info):
        # Stopping, perhaps early (Ctrl-C): what was not graded yet is not wanted any more.
        if self._pending:
            _quietly(self._client.cancel, list(self._pending))
        _quietly(self._client.close, timeout=1)

    def start(self):
        """Nothing to start: the cluster's workers run already."""

    def results(self, tasks):
        from distributed import as_completed

        futures = {self._client.submit(self.work, task, pure=False): task for task in tasks}
        self._pending = set(futures)
        for future in as_completed(list(futures)):
            self._pending.discard(future)
            task = futures[future]
            try:
                result = future.result()
            except Exception as error:  # the task's own exception, or KilledWorker: that submission's grader error
                _log.error("the cluster could not grade %s", task.get("display", task) if isinstance(task, dict) else task, exc_info=error)
                result = self.lost(task, f"the cluster could not grade it: {type(error).__name__}: {error}")
            yield task, result


def _quietly(action, *args, **kwargs):
    """Tell the cluster something whose failure changes nothing here (it is gone, or slow to answer; Dask's errors share no root)."""
    try:
        action(*args, **kwargs)
    except Exception:  # the cluster gone or slow: nothing to do here but note it
        _log.debug("the cluster did not take %s", action.__name__, exc_info=True)
