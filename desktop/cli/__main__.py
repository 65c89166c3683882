"""`python -m desktop.cli …`: the same as the `itplan` command."""

import sys

from desktop.cli import main

sys.exit(main())
