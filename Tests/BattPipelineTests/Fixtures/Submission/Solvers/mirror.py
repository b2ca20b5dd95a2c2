def solve(I):
    return vmirror(I)
