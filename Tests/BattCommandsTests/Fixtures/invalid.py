# One good candidate and one of each kind that cannot run; the run still completes.

def solve_a1a1a1a1(I):
    O = vmirror(I)
    return O


def solve_a1a1a1a1_1(I):
    O = flipside(I)
    return O


def solve_a1a1a1a1_2(I):
    x1 = vmirror(x9)
    return x1


def solve_a1a1a1a1_3(I):
    x1 = hmirror(x1)
    return x1


def solve_c3c3c3c3(I):
    O = vmirror(I)
    return O


def solve_a1a1a1a1(I):
    O = hmirror(I)
    return O
