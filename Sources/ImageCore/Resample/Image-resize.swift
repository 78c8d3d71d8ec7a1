extension Image {
    /// The image resized to `size` with `kernel` (default Lanczos3), alpha premultiplied while filtering,
    /// at 8 bits unless `depth` says otherwise (nil keeps the input's depth).
    public func resized(to size: Size, kernel: Resampler.Kernel = .lanczos3, depth: SampleDepth? = .eight) -> Image {
        let plan = Resampler.Plan(source: self.size, output: size, kernel: kernel)
        return Resampler.resample(self, plan: plan, options: .init(outputDepth: depth))
    }

    /// The region `sourceRect` (continuous pixel coordinates, may be fractional) resampled onto `size` pixels:
    /// a crop and a resize in one pass. Pixels just outside the region still feed the kernel.
    public func resampled(from sourceRect: Rect, to size: Size, kernel: Resampler.Kernel = .lanczos3,
                          depth: SampleDepth? = .eight) -> Image {
        let plan = Resampler.Plan(source: self.size, sourceRect: sourceRect, output: size, kernel: kernel)
        return Resampler.resample(self, plan: plan, options: .init(outputDepth: depth))
    }
}
