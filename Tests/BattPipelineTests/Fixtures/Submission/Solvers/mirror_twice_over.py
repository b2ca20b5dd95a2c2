def solve(I):
    return vmirror(vmirror(vmirror(I)))
