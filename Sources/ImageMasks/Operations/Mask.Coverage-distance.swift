extension Mask.Coverage {
    /// The region grown outwards by `radius` pixels (Euclidean dilation with a disc; corners round).
    ///
    /// Pixels with coverage ≥ 0.5 count as inside. For every other pixel, the distance d to the nearest
    /// inside pixel centre (exact Euclidean distance transform) and that pixel's coverage cₙ place the
    /// original boundary at d − (cₙ − ½) from the pixel centre; the new coverage is
    /// `clamp(radius + cₙ − d, 0, 1)`, never less than before. Edges on whole pixels move by exactly
    /// `radius` pixels, and sub-pixel edge positions are kept. `radius` ≤ 0 returns the coverage unchanged.
    public func grown(by radius: Double) -> Mask.Coverage {
        guard radius > 0 else { return self }
        let (d2, nearest) = Mask.DistanceTransform.nearest(width: width, height: height) { values[$0] >= 0.5 }
        var out = values
        for i in out.indices where values[i] < 0.5 {
            let j = Int(nearest[i])
            guard j >= 0 else { continue }
            let c = Double(min(max(values[j], 0), 1))
            let grown = min(max(radius + c - d2[i].squareRoot(), 0), 1)
            out[i] = max(out[i], Float(grown))
        }
        return Mask.Coverage(width: width, height: height, values: out)
    }

    /// The region shrunk inwards by `radius` pixels: the complement grown by `radius`, complemented.
    public func shrunk(by radius: Double) -> Mask.Coverage {
        guard radius > 0 else { return self }
        return inverted().grown(by: radius).inverted()
    }
}
