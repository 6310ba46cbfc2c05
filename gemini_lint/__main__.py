"""``python -m gemini_lint``."""

import sys

from gemini_lint.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess
    sys.exit(main())
