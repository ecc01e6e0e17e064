"""The fork server: a clean process that imports the heavy libraries once and forks a notebook process per notebook.

Started by the judge as `python -m checker.sandbox.fork_server FD COURSE`, with the judge's end of a socket
pair as FD and what it needs of the course as JSON (checker.course.sandbox_needs). It never runs student
code and never imports the checker's checks or references; it imports NumPy, matplotlib and the data
loaders (what the notebooks import) and each assignment's beside.py, works out what a sandboxed process
may read, then answers the judge's requests: spawn a notebook process (with the socket it sends), reap
one, describe this machine's limits.
"""

import importlib
import json
import os
import site
import socket
import sys
import sysconfig

from checker.sandbox.blas import one_blas_thread

one_blas_thread()  # a forked child keeps only the thread that forked, and two workers share two cores
os.environ.setdefault("MPLBACKEND", "Agg")

SYSTEM_READABLE = ("/usr", "/lib", "/lib64", "/etc/ld.so.cache", "/etc/localtime", "/dev/null", "/dev/zero", "/dev/urandom")


def warm_up():
    """Import what notebooks use, so a forked child starts in milliseconds."""
    import math  # noqa: F401
    import random  # noqa: F401

    import matplotlib
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import numpy.linalg  # noqa: F401
    import numpy.random  # noqa: F401  (NumPy 2 imports these lazily, from files a sandboxed process cannot always read)

    import checker.datasets

    matplotlib.use("Agg")
    checker.datasets.warm_cache()


def import_beside(modules):
    """{module: the stand-ins it lends by name (its KINDS)} for each [module, the folder its top package is in].

    Imported before any notebook, from where the judge found them (the folder is searched last, and leaves sys.path
    again, so that what a notebook process may read, readable_paths, does not grow by it).
    """
    found = {}
    for name, root in modules:
        search_path = list(sys.path)
        sys.path.append(root)
        try:
            found[name] = dict(importlib.import_module(name).KINDS)
        finally:
            sys.path[:] = search_path
    return found


def readable_paths(excluded):
    """Paths a sandboxed process may read: the interpreter, its libraries and the system's, minus `excluded`."""
    roots = list(SYSTEM_READABLE) + [sys.prefix, sys.base_prefix]
    roots += [path for key in ("stdlib", "platstdlib", "purelib", "platlib") if (path := sysconfig.get_paths().get(key))]
    roots += site.getsitepackages()
    # Every folder Python imports from (a .pth file may add some), except where this server runs: the judge's work folder.
    roots += [path for path in sys.path if path and os.path.isdir(path) and os.path.realpath(path) != os.path.realpath(os.getcwd())]
    excluded = [os.path.realpath(path) for path in [*excluded, os.getcwd()]]
    readable, listable = set(), set()
    for root in dict.fromkeys(os.path.realpath(root) for root in roots if os.path.exists(root)):
        _split(root, excluded, readable, listable)
    return sorted(readable), sorted(listable - readable)


def _split(root, excluded, readable, listable):
    """Allow `root`, or, when an excluded path lies beneath it, its other entries (and listing it)."""
    if any(root == path or root.startswith(path + os.sep) for path in excluded):
        return
    if not any(path.startswith(root + os.sep) for path in excluded):
        readable.add(root)
        return
    listable.add(root)
    for entry in os.listdir(root):
        _split(os.path.join(root, entry), excluded, readable, listable)


def main():
    control = socket.socket(fileno=int(sys.argv[1]))
    course = json.loads(sys.argv[2])  # checker.course.sandbox_needs()
    from checker.sandbox import confine

    confine.die_with_parent(os.getppid())  # a judge killed without warning takes its fork server, and so every notebook, with it
    warm_up()
    import checker
    import checker.datasets
    from checker.sandbox import confine, exits, inside
    from checker.sandbox.channel import Channel

    checker_dir = os.path.dirname(os.path.abspath(checker.__file__))
    importable_files = [checker.__file__, checker.datasets.__file__]
    inside.BESIDE.update(import_beside(course["beside"]))
    inside.install_import_blocker([package for package, _ in course["hidden"]])
    filters, trouble = None, None
    if confine.seccomp_available():
        try:
            filters = confine.compile_filters()
        except confine.FilterRuleError as error:  # a weaker filter than the rules say: refuse to confine anything
            trouble = str(error)
    channel = Channel(control, "server", lambda ref: None, accept_fds=True)
    children = exits.Children()  # the judge may ask how a child ended after the server reaped it

    def spawn(message):
        if trouble:
            raise RuntimeError(trouble)
        fds = channel.take_fds()
        config = dict(message["config"])  # a schema.NotebookConfig, completed into the notebook process's ConfinementConfig
        read, listable = readable_paths([checker_dir, *(folder for _, folder in course["hidden"]), *config.pop("excluded")])
        config.update(read=read + importable_files + config["read"], list=listable, filters=filters)
        server = os.getpid()
        pid = children.fork()
        if pid == 0:
            try:
                confine.die_with_parent(server)
                control.close()
                inside.serve_notebook(socket.socket(fileno=fds[0]), config)
            finally:
                os._exit(0)
        os.close(fds[0])
        return pid

    def probe(message):
        found = confine.probe()
        return {**found, "error": trouble} if trouble else found

    channel.handlers.update(spawn=spawn, reap=children.how_ended, probe=probe)
    channel.serve_forever()


if __name__ == "__main__":
    main()
