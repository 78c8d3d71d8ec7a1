import CWebP

/// What the RIFF container says besides the bitstream: ICC profile, EXIF block and frame count, read with
/// libwebp's demuxer. Metadata larger than `DecodeLimits.maxMetadataBytes` is dropped and named in `dropped`.
struct WebPContainer {
    var iccProfile: [UInt8]?
    var exif: [UInt8]?
    var frameCount = 1
    /// Chunks dropped for exceeding the metadata limit.
    var dropped: [String] = []

    /// Reads the container of a complete file; an unparsable container yields no metadata and one frame.
    init(_ bytes: UnsafeBufferPointer<UInt8>, maxMetadataBytes: Int) {
        var data = WebPData(bytes: bytes.baseAddress, size: bytes.count)
        guard let demux = WebPDemux(&data) else { return }
        defer { WebPDemuxDelete(demux) }
        frameCount = max(Int(WebPDemuxGetI(demux, WEBP_FF_FRAME_COUNT)), 1)
        func chunk(_ fourCC: String) -> [UInt8]? {
            var iterator = WebPChunkIterator()
            guard WebPDemuxGetChunk(demux, fourCC, 1, &iterator) != 0 else { return nil }
            defer { WebPDemuxReleaseChunkIterator(&iterator) }
            guard let start = iterator.chunk.bytes, iterator.chunk.size > 0 else { return nil }
            guard iterator.chunk.size <= maxMetadataBytes else {
                dropped.append("\(fourCC) (\(iterator.chunk.size) bytes)")
                return nil
            }
            return Array(UnsafeBufferPointer(start: start, count: iterator.chunk.size))
        }
        iccProfile = chunk("ICCP")
        if var exif = chunk("EXIF") {
            // Some writers keep JPEG's "Exif\0\0" prefix; ImageInfo.exif starts at the TIFF header.
            let prefix: [UInt8] = Array("Exif".utf8) + [0, 0]
            if exif.starts(with: prefix) { exif.removeFirst(prefix.count) }
            self.exif = exif.isEmpty ? nil : exif
        }
    }
}
