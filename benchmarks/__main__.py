"""``python -m benchmarks`` (``make bench``): run every ``benchmarks/*.py`` module's ``main()``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE))  # the modules import their shared helper, _results
    for path in sorted(HERE.glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"benchmarks_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "main"):
            print(f"== {path.name}", file=sys.stderr)
            module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
