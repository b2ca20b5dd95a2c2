def solve(S, I, C):
    x1 = replace(I, ONE, TWO)
    return x1
