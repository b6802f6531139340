"""``python -m pipeline`` is ``deckpipe``."""

import sys

from .cli import main

sys.exit(main())
