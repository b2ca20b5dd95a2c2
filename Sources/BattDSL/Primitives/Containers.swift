extension Primitives {
    static let containers: [Primitive] = []
}
