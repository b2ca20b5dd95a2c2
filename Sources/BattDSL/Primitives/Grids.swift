extension Primitives {
    /// Cutting, joining, painting and recolouring grids.
    static let grids: [Primitive] = [
        Primitive("crop", ["grid", "start", "dims"], GridSlicing.crop),
        Primitive("subgrid", ["patch", "grid"], GridSlicing.subgrid),
        Primitive("fill", ["grid", "value", "patch"], GridPainting.fill),
        Primitive("paint", ["grid", "obj"], GridPainting.paint),
        Primitive("underfill", ["grid", "value", "patch"], GridPainting.underfill),
        Primitive("underpaint", ["grid", "obj"], GridPainting.underpaint),
        Primitive("cover", ["grid", "patch"], GridPainting.cover),
        Primitive("move", ["grid", "obj", "offset"], GridPainting.move),
        Primitive("index", ["grid", "loc"], GridCellMaps.index),
        Primitive("canvas", ["value", "dimensions"], GridCellMaps.canvas),
        Primitive("cellwise", ["a", "b", "fallback"], GridCellMaps.cellwise),
        Primitive("replace", ["grid", "replacee", "replacer"], GridCellMaps.replace),
        Primitive("switch", ["grid", "a", "b"], GridCellMaps.switchColors),
        Primitive("trim", ["grid"], GridSlicing.trim),
        Primitive("tophalf", ["grid"], GridSlicing.tophalf),
        Primitive("bottomhalf", ["grid"], GridSlicing.bottomhalf),
        Primitive("lefthalf", ["grid"], GridSlicing.lefthalf),
        Primitive("righthalf", ["grid"], GridSlicing.righthalf),
        Primitive("hconcat", ["a", "b"], GridSlicing.hconcat),
        Primitive("vconcat", ["a", "b"], GridSlicing.vconcat),
        Primitive("hsplit", ["grid", "n"], GridSlicing.hsplit),
        Primitive("vsplit", ["grid", "n"], GridSlicing.vsplit),
        Primitive("compress", ["grid"], GridSlicing.compress),
    ]
}
