"""Allow ``python -m svccheck``; the same entry point as the console script."""

import sys

from svccheck.cli.entry import main

if __name__ == "__main__":
    sys.exit(main())
