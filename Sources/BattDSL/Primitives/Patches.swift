/// Patch primitives: frozensets of locations or cells, their placement, extent and outlines.
/// Implementations live in `PatchSupport/`.
extension Primitives {
    static let patches: [Primitive] = access + measures + placement + outlines

    private static let access: [Primitive] = [
        Primitive("toindices", ["patch"]) { patch, context in try PatchAccess.toIndices(patch, context) },
        Primitive("recolor", ["value", "patch"]) { value, patch, context in
            try PatchAccess.recolor(value, patch, context)
        },
        Primitive("shift", ["patch", "directions"]) { patch, directions, context in
            try PatchAccess.shift(patch, directions, context)
        },
        Primitive("normalize", ["patch"]) { patch, context in try PatchAccess.normalize(patch, context) },
        Primitive("dneighbors", ["loc"]) { loc, context in try PatchAccess.neighbours(of: loc, .direct, context) },
        Primitive("ineighbors", ["loc"]) { loc, context in try PatchAccess.neighbours(of: loc, .diagonal, context) },
        Primitive("neighbors", ["loc"]) { loc, context in try PatchAccess.neighbours(of: loc, .all, context) },
    ]

    private static let measures: [Primitive] = [
        Primitive("uppermost", ["patch"]) { patch, context in
            try PatchMeasure.extreme(patch, .row, greatest: false, context)
        },
        Primitive("lowermost", ["patch"]) { patch, context in
            try PatchMeasure.extreme(patch, .row, greatest: true, context)
        },
        Primitive("leftmost", ["patch"]) { patch, context in
            try PatchMeasure.extreme(patch, .column, greatest: false, context)
        },
        Primitive("rightmost", ["patch"]) { patch, context in
            try PatchMeasure.extreme(patch, .column, greatest: true, context)
        },
        Primitive("ulcorner", ["patch"]) { patch, context in try PatchMeasure.corner(patch, .upperLeft, context) },
        Primitive("urcorner", ["patch"]) { patch, context in try PatchMeasure.corner(patch, .upperRight, context) },
        Primitive("llcorner", ["patch"]) { patch, context in try PatchMeasure.corner(patch, .lowerLeft, context) },
        Primitive("lrcorner", ["patch"]) { patch, context in try PatchMeasure.corner(patch, .lowerRight, context) },
        Primitive("height", ["piece"]) { piece, context in try PatchMeasure.height(piece, context) },
        Primitive("width", ["piece"]) { piece, context in try PatchMeasure.width(piece, context) },
        Primitive("shape", ["piece"]) { piece, context in
            .tuple([try PatchMeasure.height(piece, context), try PatchMeasure.width(piece, context)])
        },
        Primitive("portrait", ["piece"]) { piece, context in
            .bool(
                try Value.pythonGreater(try PatchMeasure.height(piece, context), try PatchMeasure.width(piece, context))
            )
        },
        Primitive("square", ["piece"]) { piece, context in .bool(try PatchMeasure.isSquare(piece, context)) },
        Primitive("vline", ["patch"]) { patch, context in .bool(try PatchMeasure.isLine(patch, vertical: true, context))
        },
        Primitive("hline", ["patch"]) { patch, context in
            .bool(try PatchMeasure.isLine(patch, vertical: false, context))
        },
        Primitive("hmatching", ["a", "b"]) { a, b, context in .bool(try PatchMeasure.sharesLine(a, b, .row, context)) },
        Primitive("vmatching", ["a", "b"]) { a, b, context in .bool(try PatchMeasure.sharesLine(a, b, .column, context))
        },
        Primitive("manhattan", ["a", "b"]) { a, b, context in try PatchMeasure.manhattan(a, b, context) },
        Primitive("adjacent", ["a", "b"]) { a, b, context in .bool(try PatchMeasure.manhattan(a, b, context) == .int(1))
        },
        Primitive("bordering", ["patch", "grid"]) { patch, grid, context in
            .bool(try PatchMeasure.isBordering(patch, grid, context))
        },
    ]

    private static let placement: [Primitive] = [
        Primitive("centerofmass", ["patch"]) { patch, context in try PatchPosition.centerOfMass(patch, context) },
        Primitive("center", ["patch"]) { patch, context in try PatchPosition.center(patch, context) },
        Primitive("position", ["a", "b"]) { a, b, context in try PatchPosition.position(a, b, context) },
        Primitive("gravitate", ["source", "destination"]) { source, destination, context in
            try PatchPosition.gravitate(source, destination, context)
        },
    ]

    private static let outlines: [Primitive] = [
        Primitive("corners", ["patch"]) { patch, context in try PatchOutline.corners(patch, context) },
        Primitive("connect", ["a", "b"]) { a, b, context in try PatchOutline.connect(a, b, context) },
        Primitive("shoot", ["start", "direction"]) { start, direction, context in
            try PatchOutline.shoot(start, direction, context)
        },
        Primitive("vfrontier", ["location"]) { location, context in
            try PatchOutline.frontier(through: location, vertical: true, context)
        },
        Primitive("hfrontier", ["location"]) { location, context in
            try PatchOutline.frontier(through: location, vertical: false, context)
        },
        Primitive("backdrop", ["patch"]) { patch, context in try PatchOutline.backdrop(patch, context) },
        Primitive("delta", ["patch"]) { patch, context in try PatchOutline.delta(patch, context) },
        Primitive("inbox", ["patch"]) { patch, context in try PatchOutline.ring(patch, .inner, context) },
        Primitive("outbox", ["patch"]) { patch, context in try PatchOutline.ring(patch, .outer, context) },
        Primitive("box", ["patch"]) { patch, context in try PatchOutline.ring(patch, .outline, context) },
    ]
}
