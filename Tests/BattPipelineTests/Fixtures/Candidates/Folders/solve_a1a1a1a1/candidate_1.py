def solve(S, I, C):
    x1 = vmirror(I)
    return x1
