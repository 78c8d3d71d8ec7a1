import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// `JPEGDecoder.decodeUnits(planes: true)`: RGB rows made from libjpeg's YCbCr planes (`YCbCrStrips.rgbRow`,
/// the C kernel at this CPU's level) are byte for byte the rows libjpeg's own upsampling and colour conversion
/// make, for every JPEG of the corpus; frames the planes cannot carry come a row a unit.
@Suite struct JPEGPlanesTests {
    /// Every unit filled in order, then every row taken, as `RowPipeline` does on two threads.
    static func image(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions(), planes: Bool) throws -> (image: Image, units: RowUnits?, warnings: [CodecWarning]) {
        var seen: RowUnits?
        var strayUnits = 0
        let decoded = try JPEGDecoder.decodeUnits(bytes, options: options, planes: planes) { size, layout, units in
            seen = units
            let store = UnsafeMutablePointer<UInt8>.allocate(capacity: units.count * units.unitBytes)
            defer { store.deallocate() }
            for u in 0..<units.count { try units.fill(store + u * units.unitBytes) }
            return Image(width: size.width, height: size.height, layout: layout) { d in
                let stride = size.width * layout.channels
                for y in 0..<size.height {
                    let own = y / units.rowsPerUnit
                    units.take(y, { unit in
                        if abs(unit - own) > units.context || unit < 0 || unit >= units.count { strayUnits += 1 }
                        return UnsafePointer(store + unit * units.unitBytes)
                    }, d.baseAddress! + y * stride)
                }
            }
        }
        #expect(strayUnits == 0, "take read units beyond its context")
        return (decoded.image, seen, decoded.warnings)
    }

    /// Whether the units are strips of planes rather than rows.
    static func isPlanes(_ units: RowUnits?) -> Bool { (units?.rowsPerUnit ?? 1) > 1 }

    @Test func rowsFromPlanesAreLibjpegsRowsForEveryCorpusJPEG() throws {
        var planesCount = 0, compared = 0
        for entry in JPEGTestSupport.entries(expecting: "decode") {
            let bytes = try ImageFile.read(entry.path)
            guard let rows = try? Self.image(bytes, planes: false) else { continue }  // 12-bit and the like: decode's tests
            let planes = try Self.image(bytes, planes: true)
            #expect(planes.image == rows.image, "\(entry)")
            #expect(planes.warnings == rows.warnings, "\(entry)")
            if Self.isPlanes(planes.units) { planesCount += 1 }
            compared += 1
        }
        print("JPEGPlanesTests: \(compared) JPEGs compared, \(planesCount) as planes")
        #expect(compared >= 35)  // the repository's corpus alone holds 39, 34 of them as planes
        #expect(planesCount >= 30)
    }

    @Test(arguments: [("testorig-444.jpg", 8), ("testorig-422.jpg", 8), ("testorig-422p.jpg", 8),
                      ("testorig-420-restart.jpg", 16), ("testorig-440.jpg", 1)])
    func eachSamplingTakesThePathItCan(file: String, rowsPerUnit: Int) throws {
        let bytes = try ImageFile.read(Corpus.repositoryDirectory + "/jpeg-sampling/" + file)
        let planes = try Self.image(bytes, planes: true), rows = try Self.image(bytes, planes: false)
        #expect(planes.units?.rowsPerUnit == rowsPerUnit)  // 4:4:0 is not one the kernel makes: rows
        #expect(planes.image == rows.image)
        #expect(planes.image.size == Size(width: 227, height: 149))
    }

    /// Gray, CMYK and scaled decodes have no planes to hand out.
    @Test func grayCMYKAndScaledDecodesComeAsRows() throws {
        let gray = try ImageFile.read(Corpus.repositoryDirectory + "/libjpeg-turbo-testimages/testimggray.jpg")
        let cmyk = try ImageFile.read(Corpus.samplesDirectory + "/cmyk.jpg")
        let colour = try ImageFile.read(Corpus.repositoryDirectory + "/libjpeg-turbo-testimages/testorig.jpg")
        for (bytes, shrink) in [(gray, 1), (cmyk, 1), (colour, 2)] {
            let options = DecodeOptions(shrink: shrink)
            let planes = try Self.image(bytes, options: options, planes: true)
            #expect(!Self.isPlanes(planes.units))
            #expect(planes.image == (try Self.image(bytes, options: options, planes: false)).image)
        }
    }

    /// A truncated file fails the same way, and when lenient, warns and gives the same rows.
    @Test func truncatedFilesFailAndWarnAsRowsDo() throws {
        let bytes = try ImageFile.read(Corpus.repositoryDirectory + "/libjpeg-turbo-testimages/testorig.jpg")
        let truncated = Array(bytes.prefix(bytes.count * 2 / 3))
        let rowsError = #expect(throws: DecodeError.self) { try Self.image(truncated, planes: false) }
        let planesError = #expect(throws: DecodeError.self) { try Self.image(truncated, planes: true) }
        #expect(rowsError?.message == planesError?.message)
        let lenient = DecodeOptions(strictness: .lenient)
        let rows = try Self.image(truncated, options: lenient, planes: false)
        let planes = try Self.image(truncated, options: lenient, planes: true)
        #expect(Self.isPlanes(planes.units))
        #expect(planes.image == rows.image && planes.warnings == rows.warnings && !rows.warnings.isEmpty)
    }
}
