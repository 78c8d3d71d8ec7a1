public import ImageCore

extension Mask {
    /// Makes a mask of exactly `size` from `shapes`.
    ///
    /// Shapes are resolved to the base's pixels (units, frame via `options.originalToBase`, curves flattened
    /// within `options.tolerance`), rasterized with exact area coverage and combined in order (add = union,
    /// subtract = difference), then grown, shrunk, feathered, hardened and inverted as `options` say, and
    /// encoded in `options.polarity`.
    ///
    /// Degenerate input never crashes and never yields a silently empty mask:
    /// - NaN/∞ values, rings with fewer than 3 distinct points, zero-area rectangles, ellipses or polygons,
    ///   added shapes wholly outside the base, shapes in the original frame without a transform, negative or
    ///   non-finite options, an empty shape list, and a result that edits no pixel all throw `ShapeError`.
    /// - Shapes partly outside the base are clipped (warning `clipped`); self-intersecting polygons are
    ///   filled by the fill rule (warning `self-intersecting`); subtracted shapes outside the base, holes
    ///   without area, a mask that edits every pixel, feather with hard edges, and rows where so many edges
    ///   cross that they were sampled rather than solved exactly (`approximate`) are warnings.
    ///
    /// - Throws: `ShapeError`.
    public static func render(shapes: [Shape], size: Size, options: RenderOptions = .init()) throws(ShapeError) -> Rendering {
        var warnings: [Warning] = []
        guard size.width > 0, size.height > 0 else {
            throw ShapeError(.invalidOption, message: "the base size \(size) is not positive")
        }
        for (name, value) in [("grow", options.grow), ("shrink", options.shrink), ("feather", options.feather),
                              ("tolerance", options.tolerance)] {
            guard value.isFinite else { throw ShapeError(.nonFinite, message: "\(name) is \(value)") }
            guard value >= 0 else { throw ShapeError(.invalidOption, message: "\(name) must be ≥ 0, got \(fmt(value))") }
        }
        guard options.tolerance > 0 else { throw ShapeError(.invalidOption, message: "tolerance must be > 0") }
        guard options.feather <= RenderOptions.maxFeather else {
            throw ShapeError(.invalidOption, message: "feather must be ≤ \(fmt(RenderOptions.maxFeather)) px, got \(fmt(options.feather))")
        }
        guard !shapes.isEmpty else { throw ShapeError(.noShapes, message: "no shapes were given") }
        guard shapes.contains(where: { $0.operation == .add }) || options.invert else {
            throw ShapeError(.emptyMask, message: "only subtracted shapes were given; nothing is added to the edit region")
        }
        let ctx = Shape.Context(baseSize: size, originalSize: options.originalSize, originalToBase: options.originalToBase,
                                defaultFillRule: options.fillRule, tolerance: options.tolerance)
        var outlines: [Outline] = []
        var vertices = 0
        for (i, shape) in shapes.enumerated() {
            let name = shape.label ?? "shape \(i + 1) (\(shape.geometry.kind))"
            let outline = try shape.outline(ctx, name: name, warnings: &warnings)
            vertices += outline.rings.reduce(0) { $0 + $1.count }
            guard vertices <= options.maxVertices else {
                throw ShapeError(.tooComplex, shape: name, message: "more than \(options.maxVertices) vertices after flattening")
            }
            outlines.append(outline)
        }
        var (coverage, sampled) = Rasterizer.coverageReport(outlines, width: size.width, height: size.height)
        if sampled > 0 {
            warnings.append(.init(code: "approximate", message: "\(sampled) pixels where very many edges cross were sampled on 32 exact lines each instead of solved exactly (error up to a few percent there)"))
        }
        if coverage.isEmpty {
            throw ShapeError(.emptyMask, message: "the shapes cover no pixel of the \(size) base",
                             details: "a shape smaller than 1/510 of a pixel, or subtracted away entirely")
        }
        coverage = coverage.grown(by: options.grow).shrunk(by: options.shrink).feathered(sigma: options.feather)
        if options.hard {
            if options.feather > 0 {
                warnings.append(.init(code: "feather-ignored", message: "hard edges after feathering keep only the feathered region's 50% line"))
            }
            coverage = coverage.hardened()
        }
        if options.invert { coverage = coverage.inverted() }
        let (any, full) = coverage.counts
        if any == 0 {
            throw ShapeError(.emptyMask, message: "after the operations the mask edits no pixel",
                             details: "shrink \(fmt(options.shrink)) px, invert \(options.invert)")
        }
        if full == size.width * size.height {
            warnings.append(.init(code: "full-mask", message: "the mask edits every pixel of the base; the edit API will regenerate the whole image"))
        }
        return Rendering(size: size, coverage: coverage, image: options.polarity.image(for: coverage),
                         polarity: options.polarity, warnings: warnings)
    }
}
