extension Primitives {
    static let transforms: [Primitive] = []
}
