import Foundation
import ImageCore

extension Mask.Shape {
    /// The kinds of shape the text grammar writes, named as the command line's options are.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `x,y,w,h`: a rectangle from its top-left corner.
        case rect
        /// `cx,cy,rx,ry[,rotation]`: an ellipse from its centre and radii, rotated clockwise in degrees.
        case ellipse
        /// `x,y x,y x,y …`: a polygon of at least 3 points, separated by spaces, tabs or `;`.
        case polygon

        /// The grammar of this kind, as error messages spell it.
        public var grammar: String {
            switch self {
            case .rect: "x,y,w,h"
            case .ellipse: "cx,cy,rx,ry[,rotation]"
            case .polygon: "x,y x,y x,y"
            }
        }
    }

    /// Parses a shape written as text, as `imageprep mask --rect/--ellipse/--polygon` takes it: numbers are
    /// finite decimals separated by commas (spaces around them allowed), in `units` (default pixels) of
    /// `frame` (default the base image). `label` names the shape in warnings and errors (default: the text).
    ///
    /// - Throws: `Mask.ShapeError` `.syntax` naming the text when it does not follow `kind.grammar`.
    public init(parsing text: String, as kind: Kind, units: Mask.Units = .px, frame: Mask.Frame = .base,
                label: String? = nil) throws(Mask.ShapeError) {
        let geometry: Mask.Geometry
        switch kind {
        case .rect:
            let v = try Self.numbers(text, kind: kind, count: 4...4)
            geometry = .rect(Rect(x: v[0], y: v[1], width: v[2], height: v[3]))
        case .ellipse:
            let v = try Self.numbers(text, kind: kind, count: 4...5)
            geometry = .ellipse(center: Point(x: v[0], y: v[1]), radiusX: v[2], radiusY: v[3], rotation: v.count > 4 ? v[4] : 0)
        case .polygon:
            var points: [Point] = []
            for pair in text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\t" }) {
                let v = try Self.numbers(String(pair), kind: kind, count: 2...2, whole: text)
                points.append(Point(x: v[0], y: v[1]))
            }
            guard points.count >= 3 else {
                throw Mask.ShapeError(.syntax, shape: "\"\(text)\"", message: "needs at least 3 points \"x,y x,y x,y\"")
            }
            geometry = .polygon(Mask.Polygon(exterior: points))
        }
        self.init(geometry, units: units, frame: frame, label: label ?? "\(kind.rawValue) \(text)")
    }

    /// Parses `kind:numbers`, the one-string form (`rect:10,10,200,100`, `ellipse:50,50,20,10,30`,
    /// `polygon:0,0 10,0 10,10`), for callers that keep shapes as single strings.
    ///
    /// - Throws: `Mask.ShapeError` `.syntax` when the kind is unknown or the numbers do not follow its grammar.
    public init(parsing text: String, units: Mask.Units = .px, frame: Mask.Frame = .base) throws(Mask.ShapeError) {
        guard let colon = text.firstIndex(of: ":"),
              let kind = Kind(rawValue: text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw Mask.ShapeError(.syntax, shape: "\"\(text)\"",
                                  message: "expected rect:x,y,w,h, ellipse:cx,cy,rx,ry[,rotation] or polygon:x,y x,y x,y")
        }
        try self.init(parsing: String(text[text.index(after: colon)...]), as: kind, units: units, frame: frame)
    }

    /// Comma-separated finite numbers, `count` of them.
    static func numbers(_ text: String, kind: Kind, count: ClosedRange<Int>, whole: String? = nil) throws(Mask.ShapeError) -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard count.contains(parts.count), parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            let grammar = kind == .polygon ? "x,y" : kind.grammar
            throw Mask.ShapeError(.syntax, shape: "\"\(whole ?? text)\"", message: "expected \(grammar) as finite numbers")
        }
        return parts.map { $0! }
    }
}
