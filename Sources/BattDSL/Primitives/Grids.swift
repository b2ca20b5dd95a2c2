extension Primitives {
    static let grids: [Primitive] = []
}
