// MaskBench: a 1536×1024 mask from a 10,000-vertex polygon.
//
// Times ImageMasks' exact-area rasterizer in-process (median of many runs) against Pillow's
// ImageDraw.polygon at 4× supersampling plus a box downscale (the usual anti-aliasing workaround; timed
// inside Python, so interpreter start-up is excluded), and prints each one's coverage error against an
// analytic reference (per-pixel area of the polygon clipped to the pixel, Sutherland–Hodgman).
//
// Run: swift run -c release MaskBench [runs]
import Foundation
import ImageCore
import ImageMasks
import ImagePrep

let width = 1536, height = 1024, vertexCount = 10_000
let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 200 : 200

// A smooth, wavy, star-shaped (hence simple) polygon filling most of the frame.
let ring: [Point] = (0..<vertexCount).map { k in
    let t = Double(k) / Double(vertexCount) * 2 * Double.pi
    let r = 420 * (1 + 0.15 * sin(5 * t) + 0.05 * sin(23 * t + 1) + 0.01 * sin(211 * t))
    return Point(x: 768.3 + 1.4 * r * cos(t), y: 511.7 + r * sin(t))
}
let outline = Mask.Outline(rings: [ring])

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }

// --- ImageMasks, in-process.
var mask: [UInt8] = []
var times: [Double] = []
for i in 0..<(runs + 5) {
    let t0 = now()
    mask = Mask.Rasterizer.mask([outline], width: width, height: height)
    let t1 = now()
    if i >= 5 { times.append(Double(t1 - t0) / 1e6) }
}
let ours = median(times)
// --- The whole library path, for context: Mask.render (validation, self-intersection check, float
// coverage, transparent-polarity RGBA image) and the PNG encode under the 4,000,000-byte cap.
if ProcessInfo.processInfo.environment["MASKBENCH_PROFILE_RENDER"] != nil {
    // For `perf record`: the render path alone.
    for _ in 0..<100 { _ = try Mask.render(shapes: [Mask.Shape(.polygon(Mask.Polygon(exterior: ring)))], size: Size(width: width, height: height)) }
    exit(0)
}
var renderTimes: [Double] = [], pngTimes: [Double] = []
var pngSize = 0
for i in 0..<(max(10, runs / 10) + 2) {
    let t0 = now()
    let rendering = try Mask.render(shapes: [Mask.Shape(.polygon(Mask.Polygon(exterior: ring)))],
                                    size: Size(width: width, height: height))
    let t1 = now()
    let png = (try? rendering.pngBytes().bytes) ?? []
    let t2 = now()
    pngSize = png.count
    if i >= 2 { renderTimes.append(Double(t1 - t0) / 1e6); pngTimes.append(Double(t2 - t1) / 1e6) }
}

// --- Analytic reference: clip the polygon to each pixel row, then each row piece to each pixel.
func clip(_ r: [Point], keep: (Point) -> Bool, cross: (Point, Point) -> Point) -> [Point] {
    var out: [Point] = []
    guard !r.isEmpty else { return out }
    var prev = r[r.count - 1]
    for cur in r {
        let a = keep(prev), b = keep(cur)
        if b { if !a { out.append(cross(prev, cur)) }; out.append(cur) } else if a { out.append(cross(prev, cur)) }
        prev = cur
    }
    return out
}
func atX(_ x: Double) -> (Point, Point) -> Point { { a, b in Point(x: x, y: a.y + (x - a.x) / (b.x - a.x) * (b.y - a.y)) } }
func atY(_ y: Double) -> (Point, Point) -> Point { { a, b in Point(x: a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x), y: y) } }
func area(_ r: [Point]) -> Double {
    guard r.count >= 3 else { return 0 }
    var s = 0.0
    var p = r[r.count - 1]
    for q in r { s += p.x * q.y - q.x * p.y; p = q }
    return abs(s) / 2
}
var reference = [Double](repeating: 0, count: width * height)
for y in 0..<height {
    let y0 = Double(y), y1 = y0 + 1
    let strip = clip(clip(ring, keep: { $0.y >= y0 }, cross: atY(y0)), keep: { $0.y <= y1 }, cross: atY(y1))
    guard strip.count >= 3 else { continue }
    let lo = Int(strip.map(\.x).min()!.rounded(.down)), hi = Int(strip.map(\.x).max()!.rounded(.up))
    // Interior pixels of the strip are full: only clip near its edges' x ranges (cheap enough to clip all).
    var x = max(0, lo)
    while x < min(width, hi) {
        let x0 = Double(x), x1 = x0 + 1
        let cell = clip(clip(strip, keep: { $0.x >= x0 }, cross: atX(x0)), keep: { $0.x <= x1 }, cross: atX(x1))
        reference[y * width + x] = area(cell)
        x += 1
    }
}
@MainActor func errors(_ m: [UInt8]) -> (max: Double, mean: Double) {
    var worst = 0.0, sum = 0.0
    for i in 0..<(width * height) {
        let e = abs(Double(m[i]) / 255 - reference[i])
        worst = max(worst, e); sum += e
    }
    return (worst, sum / Double(width * height))
}
let oursError = errors(mask)

// --- Pillow, 4× supersampling + box downscale, timed inside Python.
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-\(getpid())")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: dir) }
let pointsFile = dir.appendingPathComponent("points.txt"), outFile = dir.appendingPathComponent("pillow.raw")
try ring.map { "\($0.x) \($0.y)" }.joined(separator: "\n").write(to: pointsFile, atomically: true, encoding: .utf8)
let script = """
import sys, time
from PIL import Image, ImageDraw
W, H, S = \(width), \(height), 4
pts = [tuple(float(v) * S for v in line.split()) for line in open(sys.argv[1])]
runs = int(sys.argv[3])
times = []
for i in range(runs + 2):
    t0 = time.perf_counter()
    big = Image.new('L', (W * S, H * S), 0)
    ImageDraw.Draw(big).polygon(pts, fill=255)
    small = big.resize((W, H), Image.BOX)
    t1 = time.perf_counter()
    if i >= 2: times.append((t1 - t0) * 1000)
times.sort()
open(sys.argv[2], 'wb').write(small.tobytes())
print(times[len(times) // 2], Image.__version__ if hasattr(Image, '__version__') else '')
"""
let pillowRuns = max(5, runs / 10)
var pillowOutput = ""
for python in ["/usr/bin/python3", "/usr/bin/env"] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = (python.hasSuffix("env") ? ["python3"] : []) + ["-c", script, pointsFile.path, outFile.path, String(pillowRuns)]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { continue }
    p.waitUntilExit()
    if p.terminationStatus == 0 {
        pillowOutput = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        break
    }
}

print("MaskBench: \(width)x\(height) mask, \(vertexCount)-vertex polygon")
print(String(format: "  ImageMasks exact-area:        %8.3f ms (median of %d)   max error %.5f (%.3f/255), mean %.2e",
             ours, runs, oursError.max, oursError.max * 255, oursError.mean))
let parts = pillowOutput.split(separator: " ")
if let first = parts.first, let pillow = Double(first.trimmingCharacters(in: .whitespacesAndNewlines)),
   let data = try? Data(contentsOf: outFile), data.count == width * height {
    let pillowError = errors([UInt8](data))
    let version = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : "?"
    print(String(format: "  Pillow %@ 4x SSAA + box:    %8.3f ms (median of %d)   max error %.5f (%.3f/255), mean %.2e",
                 version, pillow, pillowRuns, pillowError.max, pillowError.max * 255, pillowError.mean))
    print(String(format: "  ratio Pillow / ImageMasks:     %8.1fx", pillow / ours))
} else {
    print("  Pillow: not available (python3 with PIL not found)")
}
print(String(format: "  Mask.render (full, RGBA):      %8.3f ms;  PNG encode %8.3f ms, %d bytes", median(renderTimes), median(pngTimes), pngSize))
