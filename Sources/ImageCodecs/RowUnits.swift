public import ImageCore

/// The rows of a decode in progress, in the units the decoder makes them: `fill` decodes the next unit (a row,
/// or a strip of planes several rows are made from), and `take` makes a row out of the units it lies in. The
/// two may run on different threads, so the part of the work that is not the decoder's own (libjpeg's
/// upsampling and colour conversion when the units are YCbCr strips) leaves the decoding thread.
///
/// Valid only inside the `consume` closure it is handed to.
public struct RowUnits {
    /// Bytes of one unit.
    public let unitBytes: Int
    /// Units in the image.
    public let count: Int
    /// Rows made from one unit (the last unit may make fewer).
    public let rowsPerUnit: Int
    /// Taking a row reads this many units before and after its own too (0 or 1), those in the image.
    public let context: Int
    /// Decodes the next unit, top to bottom, into its argument (`unitBytes` bytes). One thread at a time.
    public let fill: (UnsafeMutablePointer<UInt8>) throws -> Void
    /// Writes row `row` into `dst` from the units `unit(i)` returns (`row / rowsPerUnit ± context`, those in
    /// the image, each filled before). Any thread, one at a time; not after `fill` failed.
    public let take: (_ row: Int, _ unit: (Int) -> UnsafePointer<UInt8>, _ dst: UnsafeMutablePointer<UInt8>) -> Void

    public init(unitBytes: Int, count: Int, rowsPerUnit: Int, context: Int,
                fill: @escaping (UnsafeMutablePointer<UInt8>) throws -> Void,
                take: @escaping (_ row: Int, _ unit: (Int) -> UnsafePointer<UInt8>, _ dst: UnsafeMutablePointer<UInt8>) -> Void) {
        self.unitBytes = unitBytes
        self.count = count
        self.rowsPerUnit = rowsPerUnit
        self.context = context
        self.fill = fill
        self.take = take
    }

    /// Units that are rows of `rowBytes` bytes: `take` copies one.
    public static func rows(count: Int, rowBytes: Int, fill: @escaping (UnsafeMutablePointer<UInt8>) throws -> Void) -> RowUnits {
        RowUnits(unitBytes: rowBytes, count: count, rowsPerUnit: 1, context: 0, fill: fill) { row, unit, dst in
            dst.update(from: unit(row), count: rowBytes)
        }
    }
}
