"""One BLAS thread per process, asked for through the environment before NumPy is first imported."""

import os

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread(unless_set=False):
    """Ask OpenBLAS, OpenMP and MKL for one thread here and in the processes started from here.

    `unless_set`: keep a number the environment sets already (a choice of the staff's, not a need of the sandbox's).
    """
    for variable in THREAD_VARIABLES:
        if not (unless_set and variable in os.environ):
            os.environ[variable] = "1"
