/// Where a source goes in an exact-size output: the source window to resample, the size it is resampled to,
/// where that lands on the canvas, and the affine map from source coordinates to canvas coordinates.
///
/// Coordinates are continuous pixel coordinates (origin at the top-left corner, pixel centres at +0.5).
public struct FitGeometry: Sendable, Hashable {
    /// The source size the geometry was computed for.
    public let source: Size
    /// The output (canvas) size.
    public let canvas: Size
    /// The source window that is resampled (the whole source for contain; the kept part for cover).
    public let sourceRect: Rect
    /// The size the window is resampled to (the canvas for cover; the fitted image for contain).
    public let contentSize: Size
    /// Where the resampled content's top-left corner sits on the canvas (0,0 for cover).
    public let contentOrigin: (x: Int, y: Int)
    /// Whether any axis is enlarged (source pixels per output pixel < 1).
    public let isUpscaling: Bool
    /// The map from source coordinates to canvas coordinates.
    public let transform: AffineTransform

    /// Computes the geometry of fitting `source` into `canvas` with `fit` and `gravity`.
    public init(source: Size, canvas: Size, fit: FitMode, gravity: Gravity = .centre) {
        precondition(source.width > 0 && source.height > 0 && canvas.width > 0 && canvas.height > 0, "sizes must be positive")
        self.source = source
        self.canvas = canvas
        let sw = Double(source.width), sh = Double(source.height)
        let cw = Double(canvas.width), ch = Double(canvas.height)
        switch fit {
        case .cover:
            let scale = max(cw / sw, ch / sh)
            let ww = min(sw, cw / scale), wh = min(sh, ch / scale)
            var x0: Double, y0: Double
            if case .focus(let fx, let fy) = gravity {
                x0 = min(max(min(max(fx, 0), 1) * sw - ww / 2, 0), sw - ww)
                y0 = min(max(min(max(fy, 0), 1) * sh - wh / 2, 0), sh - wh)
            } else {
                let a = gravity.anchor
                x0 = (sw - ww) * a.x
                y0 = (sh - wh) * a.y
            }
            sourceRect = Rect(x: x0, y: y0, width: ww, height: wh)
            contentSize = canvas
            contentOrigin = (0, 0)
            isUpscaling = scale > 1
            transform = AffineTransform.translation(-x0, -y0).then(.scale(cw / ww, ch / wh))
        case .contain:
            let scale = min(cw / sw, ch / sh)
            let w = min(canvas.width, max(1, Int((sw * scale).rounded())))
            let h = min(canvas.height, max(1, Int((sh * scale).rounded())))
            let a = gravity.anchor
            let ox = Int((Double(canvas.width - w) * a.x).rounded(.down))
            let oy = Int((Double(canvas.height - h) * a.y).rounded(.down))
            sourceRect = Rect(x: 0, y: 0, width: sw, height: sh)
            contentSize = Size(width: w, height: h)
            contentOrigin = (ox, oy)
            isUpscaling = scale > 1
            transform = AffineTransform.scale(Double(w) / sw, Double(h) / sh).then(.translation(Double(ox), Double(oy)))
        }
    }

    public static func == (l: FitGeometry, r: FitGeometry) -> Bool {
        l.source == r.source && l.canvas == r.canvas && l.sourceRect == r.sourceRect && l.contentSize == r.contentSize
            && l.contentOrigin == r.contentOrigin && l.isUpscaling == r.isUpscaling && l.transform == r.transform
    }

    public func hash(into h: inout Hasher) {
        h.combine(source); h.combine(canvas); h.combine(sourceRect); h.combine(contentSize)
        h.combine(contentOrigin.x); h.combine(contentOrigin.y); h.combine(transform)
    }
}
