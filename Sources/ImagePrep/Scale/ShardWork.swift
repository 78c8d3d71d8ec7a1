import Foundation
import ImageBatch
import ImageCodecs
import ImageCore
public import ImageMasks
import SystemIO

/// The work a `ShardRunner` does per manifest item, for `normalize` and `prepare` (issue 15).
public enum ShardWork {
    /// The extensions a normalized output can have (the format is known only after encoding when it is `auto`).
    public static let normalizeOutput = OutputKind.file(extensions: ["jpg", "png", "webp"])

    /// Normalizes the item's bytes with `options` and writes `<destination>.<ext>` atomically (its folder made
    /// first). Runs off the cooperative pool, one thread per image.
    public static func normalize(_ options: NormalizeOptions) -> ShardRunner.Work {
        var options = options
        options.threadsPerImage = 1
        let normalizer = Normalizer(options)
        return { item, bytes, destination in
            try await OffPool.run {
                let result = try normalizer.normalizeNow(bytes, name: item.path)
                let path = destination + "." + result.format.fileExtension
                try LocalFile.makeDirectories(LocalFile.parentDirectory(of: path))
                try ImageFile.writeAtomically(result.bytes, to: path)
                return path
            }
        }
    }

    /// Prepares the item (base, mask from `shapes`, preview, bundle) into a temporary folder beside
    /// `destination` and renames it into place, so a folder that exists is a whole bundle.
    public static func prepare(_ options: PrepareOptions, shapes: [Mask.Shape]) -> ShardRunner.Work {
        { item, _, destination in
            let parent = LocalFile.parentDirectory(of: destination)
            try LocalFile.makeDirectories(parent)
            let temporary = parent + "/." + (destination as NSString).lastPathComponent + ".tmp-\(getpid())-\(UUID().uuidString.prefix(8))"
            do {
                _ = try await Preparer(options).prepare(photo: item.path, shapes: shapes, into: temporary)
                try LocalFile.rename(temporary, to: destination)
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw error
            }
            return destination
        }
    }
}
