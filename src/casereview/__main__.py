"""``python -m casereview``: see :mod:`casereview.cli`."""

import sys

from casereview.cli import main

if __name__ == "__main__":
    sys.exit(main())
