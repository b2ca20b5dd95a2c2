extension Primitives {
    static let logic: [Primitive] = []
}
