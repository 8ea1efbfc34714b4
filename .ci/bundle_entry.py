"""The standalone folder's entry point (.ci/bundle): `casefile` as pip installs it.

freeze_support first: the import runs its extraction workers with the "spawn" start method,
which in a frozen program re-runs this executable; the call makes those runs workers.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
