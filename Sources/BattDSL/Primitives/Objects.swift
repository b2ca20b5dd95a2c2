extension Primitives {
    static let objects: [Primitive] = []
}
