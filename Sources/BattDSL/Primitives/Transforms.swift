extension Primitives {
    /// Rotations, mirrors and scalings of grids (and of patches, for the mirrors and `upscale`).
    static let transforms: [Primitive] = [
        Primitive("rot90", ["grid"], GridRotations.rot90),
        Primitive("rot180", ["grid"], GridRotations.rot180),
        Primitive("rot270", ["grid"], GridRotations.rot270),
        Primitive("hmirror", ["piece"], GridRotations.hmirror),
        Primitive("vmirror", ["piece"], GridRotations.vmirror),
        Primitive("dmirror", ["piece"], GridRotations.dmirror),
        Primitive("cmirror", ["piece"], GridRotations.cmirror),
        Primitive("hupscale", ["grid", "factor"], GridScaling.hupscale),
        Primitive("vupscale", ["grid", "factor"], GridScaling.vupscale),
        Primitive("upscale", ["element", "factor"], GridScaling.upscale),
        Primitive("downscale", ["grid", "factor"], GridScaling.downscale),
    ]
}
