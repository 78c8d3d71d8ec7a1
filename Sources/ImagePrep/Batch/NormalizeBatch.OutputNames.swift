import Foundation
public import ImageCodecs

extension NormalizeBatch {
    /// Picks unique output names in a folder: `photo.jpg`, then `photo-2.jpg` when two inputs share a stem (an
    /// input without a stem is named `image`). Safe to use from many threads.
    public final class OutputNames: @unchecked Sendable {
        private let lock = NSLock()
        private var used: Set<String> = []

        public init() {}

        /// Claims the name for `input` encoded as `format` in `folder` and returns its path.
        public func claim(folder: String, input: String, format: ImageFormat) -> String {
            let base = (input as NSString).lastPathComponent
            let stem = (base as NSString).deletingPathExtension.isEmpty ? "image" : (base as NSString).deletingPathExtension
            let dir = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            return lock.withLock {
                var n = 1
                while true {
                    let name = n == 1 ? "\(stem).\(format.fileExtension)" : "\(stem)-\(n).\(format.fileExtension)"
                    if !used.contains(name) {
                        used.insert(name)
                        return dir + "/" + name
                    }
                    n += 1
                }
            }
        }
    }
}
