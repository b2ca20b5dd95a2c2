extension Primitives {
    static let arithmetic: [Primitive] = []
}
