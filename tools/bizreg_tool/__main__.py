import sys

from bizreg_tool.cli import main

sys.exit(main())
