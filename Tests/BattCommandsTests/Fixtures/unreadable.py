def solve_a1a1a1a1(I):
    O = vmirror(I)
    return O


def solve_a1a1a1a1_1(I):
    x1 = vmirror(I
    return x1
