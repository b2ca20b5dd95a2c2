/// Object primitives: colours of grids and objects, objects read off grids, repeated patterns.
/// Implementations live in `PatchSupport/`.
extension Primitives {
    static let objects: [Primitive] = colors + extraction + patterns

    private static let colors: [Primitive] = [
        Primitive("mostcolor", ["element"]) { element, context in
            try ObjectColors.extremeColor(element, most: true, context)
        },
        Primitive("leastcolor", ["element"]) { element, context in
            try ObjectColors.extremeColor(element, most: false, context)
        },
        Primitive("colorcount", ["element", "value"]) { element, value, context in
            try ObjectColors.colorCount(element, value, context)
        },
        Primitive("colorfilter", ["objs", "value"]) { objs, value, context in
            try ObjectColors.colorFilter(objs, value, context)
        },
        Primitive("palette", ["element"]) { element, context in try ObjectColors.palette(element, context) },
        Primitive("numcolors", ["element"]) { element, context in try ObjectColors.colorTotal(element, context) },
        Primitive("color", ["obj"]) { obj, _ in try ObjectColors.color(obj) },
    ]

    private static let extraction: [Primitive] = [
        Primitive("toobject", ["patch", "grid"]) { patch, grid, context in
            try ObjectExtraction.toObject(patch, grid, context)
        },
        Primitive("asobject", ["grid"]) { grid, context in try ObjectExtraction.asObject(grid, context) },
        Primitive("objects", ["grid", "univalued", "diagonal", "without_bg"]) {
            grid, univalued, diagonal, withoutBackground, context in
            try ObjectFloodFill.objects(
                grid, univalued: univalued, diagonal: diagonal, withoutBackground: withoutBackground, context)
        },
        Primitive("partition", ["grid"]) { grid, context in
            try ObjectExtraction.partition(grid, withoutBackground: false, context)
        },
        Primitive("fgpartition", ["grid"]) { grid, context in
            try ObjectExtraction.partition(grid, withoutBackground: true, context)
        },
        Primitive("asindices", ["grid"]) { grid, context in try ObjectExtraction.asIndices(grid, context) },
        Primitive("ofcolor", ["grid", "value"]) { grid, value, context in
            try ObjectExtraction.ofColor(grid, value, context)
        },
        Primitive("frontiers", ["grid"]) { grid, context in try ObjectExtraction.frontiers(grid, context) },
    ]

    private static let patterns: [Primitive] = [
        Primitive("occurrences", ["grid", "obj"]) { grid, obj, context in
            try ObjectPatterns.occurrences(grid, obj, context)
        },
        Primitive("hperiod", ["obj"]) { obj, context in try ObjectPatterns.period(obj, horizontal: true, context) },
        Primitive("vperiod", ["obj"]) { obj, context in try ObjectPatterns.period(obj, horizontal: false, context) },
    ]
}
