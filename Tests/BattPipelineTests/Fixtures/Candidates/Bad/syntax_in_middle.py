def solve_a1a1a1a1(I):
    O = vmirror(I)
    return O


def solve_a1a1a1a1_1(I):
    x1 = vmirror(I
    return x1


def solve_b2b2b2b2(I):
    O = replace(I, ONE, TWO)
    return O
