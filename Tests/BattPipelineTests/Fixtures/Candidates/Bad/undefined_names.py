def solve_a1a1a1a1(I):
    x1 = mirror_everything(I)
    return x1


def solve_a1a1a1a1_1(I):
    x1 = vmirror(x0)
    return x1


def solve_a1a1a1a1_2(I):
    x1 = vmirror(x1)
    return x1


def solve_a1a1a1a1_3(I):
    x1 = vmirror(x2)
    x2 = hmirror(I)
    return x1


def solve_a1a1a1a1_4(I):
    O = vmirror(I)
    return O
