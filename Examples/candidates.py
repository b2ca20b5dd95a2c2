# Example candidates for batt's embedded default run (`swift run batt run`).
# They cover what a search emits: correct solvers, near misses, the same body
# written again (exactly, with other names, with comments), programs that raise,
# and one that runs out of time. Task ids are in the function names.

from dsl import *
from constants import *


# 3c9b0459: the grid turned half a turn.
def solve_3c9b0459(I):
    x1 = rot180(I)
    return x1


def solve_3c9b0459_1(S, I, C):
    t1 = rot90(I)
    t2 = rot90(t1)
    return t2


def solve_3c9b0459_2(S, I, C):
    t1 = rot90(I)
    return t1


# 67a3c6ac: mirrored left to right.
def solve_67a3c6ac(I):
    x1 = vmirror(I)
    return x1


def solve_67a3c6ac_1(S, I, C):
    x1 = hmirror(I)
    return x1


# The same body as solve_67a3c6ac, laid out differently: one body hash.
def solve_67a3c6ac_2(I):
    # mirror it
    x1 = vmirror(  I )

    return x1


# 68b16354: mirrored top to bottom.
def solve_68b16354(I):
    x1 = hmirror(I)
    return x1


# Other variable names: another body, but the same inlined solver.
def solve_68b16354_1(I):
    flipped = hmirror(I)
    return flipped


# 74dd1130: transposed.
def solve_74dd1130(I):
    x1 = dmirror(I)
    return x1


def solve_74dd1130_1(S, I, C):
    t1 = rot90(I)
    t2 = vmirror(t1)
    return t2


# A type error: add of a grid and an int.
def solve_74dd1130_2(S, I, C):
    t1 = add(I, ONE)
    return t1


# a416b8f3: the grid twice, side by side.
def solve_a416b8f3(I):
    x1 = hconcat(I, I)
    return x1


def solve_a416b8f3_1(S, I, C):
    t1 = vconcat(I, I)
    return t1


# A function held in a variable and called.
def solve_a416b8f3_2(S, I, C):
    t1 = lbind(hconcat, I)
    t2 = t1(I)
    return t2


# c8f0f002: colour 7 becomes 5.
def solve_c8f0f002(I):
    x1 = replace(I, SEVEN, FIVE)
    return x1


def solve_c8f0f002_1(S, I, C):
    t1 = replace(I, SEVEN, FOUR)
    return t1


# Keyword arguments and a partition by colour.
def solve_c8f0f002_2(S, I, C):
    t1 = ofcolor(I, SEVEN)
    t2 = fill(grid=I, value=FIVE, patch=t1)
    return t2


# 6fa7a44f: the grid above its upside-down copy.
def solve_6fa7a44f(I):
    x1 = hmirror(I)
    x2 = vconcat(I, x1)
    return x2


def solve_6fa7a44f_1(S, I, C):
    t1 = hmirror(I)
    t2 = vconcat(t1, I)
    return t2


# An index error: the first row of the first row is an int, not a grid.
def solve_6fa7a44f_2(S, I, C):
    t1 = first(I)
    t2 = first(t1)
    t3 = vconcat(t2, I)
    return t3


# c59eb873: every cell scaled up two times.
def solve_c59eb873(I):
    x1 = upscale(I, TWO)
    return x1


def solve_c59eb873_1(S, I, C):
    t1 = upscale(I, THREE)
    return t1


# Slow: every placement of a large blank object on a large blank canvas.
def solve_c59eb873_2(S, I, C):
    t1 = canvas(ZERO, (40, 40))
    t2 = asobject(t1)
    t3 = canvas(ZERO, (1000, 1000))
    t4 = occurrences(t3, t2)
    t5 = size(t4)
    t6 = upscale(I, t5)
    return t6
