"""``python -m audiokit``: the same commands as the ``audiokit`` console script."""

from audiokit.cli import main

# Guarded: worker processes started with "spawn" (Dask) import this module again.
if __name__ == "__main__":
    main()
