"""Allow ``python -m svccheck``."""

from svccheck.cli import main

if __name__ == "__main__":
    main()
