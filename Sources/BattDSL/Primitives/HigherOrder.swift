extension Primitives {
    static let higherOrder: [Primitive] = []
}
