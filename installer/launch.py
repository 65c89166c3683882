"""Frozen entry point of both programs: the GUI (ITPlanMonitor) and the
command line (itplan). The name it was started by decides which: on Windows
they are two executables (a console one and a windowed one) built from this
script; elsewhere `itplan` is a link to the one executable.
"""

import os
import sys

from desktop.frozen import prepare_frozen

prepare_frozen()

if os.path.splitext(os.path.basename(sys.argv[0]))[0].lower() == "itplan":
    from desktop.cli import main
else:
    from desktop.__main__ import main

sys.exit(main())
