def solve(I):
    return hconcat(vmirror(I), vmirror(I))
