"""`batt` on PATH: hands the command line to the bundled binary."""

import os
import sys

from . import binary


def main():
    path = binary()
    os.execv(path, [path, *sys.argv[1:]])


if __name__ == "__main__":
    main()
