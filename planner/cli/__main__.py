"""``python -m planner.cli`` runs the ``planner`` command."""

import sys

from planner.cli import main

if __name__ == "__main__":  # worker processes (sweep) re-import this module: run nothing then
    sys.exit(main())
