# Search output without a task in its name or folder.
def solve(S, I, C):
    x1 = vmirror(I)
    return x1
