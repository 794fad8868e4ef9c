"""`python -m pledges`: the command line."""

import sys

from pledges import cli

sys.exit(cli.main())
