"""A tiny DSL for batt's tests: a few grid functions and some that misbehave on purpose."""
import os
import sys

from tinytypes import *

# A DSL may print when it is imported; the protocol must not see it.
print("tiny dsl loaded")

ZERO = 0
ONE = 1
TWO = 2


def identity(x):
    return x


def upside_down(grid):
    return grid[::-1]


def mirror(grid):
    return tuple(row[::-1] for row in grid)


def swap_colors(grid, a, b):
    return tuple(tuple(b if v == a else a if v == b else v for v in row) for row in grid)


def chatter(x):
    print("a candidate that prints", x)
    sys.stdout.flush()
    return x


def complain(x):
    raise ValueError("complain always fails")


def spin(x):
    while True:
        pass


def hoard(x):
    kept = []
    while True:
        kept.append(bytearray(50_000_000))


def leave(x):
    os._exit(3)


def quit_now(x):
    sys.exit(4)
