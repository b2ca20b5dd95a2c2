extension Primitives {
    static let patches: [Primitive] = []
}
