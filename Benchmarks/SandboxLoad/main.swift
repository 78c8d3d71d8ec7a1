// SandboxLoad: a load benchmark (not a test) for the sandbox (issue 7).
//
// Starts a sandbox in-process on a free loopback port, then runs N concurrent clients; each creates a
// task, polls it every poll interval until it is completed, and repeats for the given rounds. Every
// request's latency is recorded; any non-200 answer or transport error counts as an unexpected error.
// Prints p50/p99 latency, requests per second and the error count; exits 1 when there were errors.
//
//   swift run -c release SandboxLoad [--clients 200] [--rounds 3] [--task-duration 1] [--poll 0.1]
import AsyncHTTPClient
import Foundation
import ImageSandbox
import NIOCore
import NIOHTTP1
import Synchronization

struct Options {
    var clients = 200
    var rounds = 3
    var taskDuration = 1.0
    var poll = 0.1

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--clients": clients = Int(value) ?? clients
            case "--rounds": rounds = Int(value) ?? rounds
            case "--task-duration": taskDuration = Double(value) ?? taskDuration
            case "--poll": poll = Double(value) ?? poll
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}

final class Recorder: Sendable {
    private let latencies = Mutex<[Double]>([])
    private let errors = Mutex<[String]>([])

    func record(_ seconds: Double) { latencies.withLock { $0.append(seconds) } }
    func fail(_ message: String) { errors.withLock { $0.append(message) } }
    var allLatencies: [Double] { latencies.withLock { $0 } }
    var allErrors: [String] { errors.withLock { $0 } }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let sandbox = try await Sandbox.start(SandboxConfiguration(taskDuration: options.taskDuration, initialCredits: 1e9))
var clientConfiguration = HTTPClient.Configuration()
clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.clients)
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
let recorder = Recorder()
let createBody = ByteBuffer(string: #"{"model":"gpt-4o-image","prompt":"load test","size":"1:1","n":1}"#)

/// One request; returns the JSON body on 200, records latency or error.
func call(_ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil) async -> [String: Any]? {
    var request = HTTPClientRequest(url: sandbox.baseURL + path)
    request.method = method
    request.headers.add(name: "Authorization", value: "Bearer \(sandbox.apiKey)")
    if let body {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(body)
    }
    let start = ContinuousClock.now
    do {
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let elapsed = start.duration(to: .now)
        recorder.record(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        guard response.status == .ok else {
            recorder.fail("\(method) \(path): HTTP \(response.status.code)")
            return nil
        }
        return (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any]
    } catch {
        recorder.fail("\(method) \(path): \(error)")
        return nil
    }
}

let wallStart = ContinuousClock.now
await withTaskGroup(of: Void.self) { group in
    for _ in 0..<options.clients {
        group.addTask {
            for _ in 0..<options.rounds {
                guard let created = await call(.POST, "/v1/images/generations", body: createBody),
                      let id = created["id"] as? String else { return }
                var status = created["status"] as? String ?? ""
                while status != "completed" {
                    try? await Task.sleep(for: .seconds(options.poll))
                    guard let task = await call(.GET, "/v1/tasks/\(id)") else { return }
                    status = task["status"] as? String ?? ""
                    if status == "failed" { recorder.fail("task \(id) failed") ; return }
                }
            }
        }
    }
}
let wall = wallStart.duration(to: .now)
let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18
try await client.shutdown()
try await sandbox.shutdown()

let sorted = recorder.allLatencies.sorted()
func percentile(_ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}
let errors = recorder.allErrors
print("clients \(options.clients), rounds \(options.rounds), task duration \(options.taskDuration) s, poll \(options.poll) s")
print("requests \(sorted.count) in \(String(format: "%.2f", wallSeconds)) s: \(String(format: "%.0f", Double(sorted.count) / wallSeconds)) requests/s")
print("latency p50 \(String(format: "%.2f", percentile(0.5) * 1000)) ms, p99 \(String(format: "%.2f", percentile(0.99) * 1000)) ms, max \(String(format: "%.2f", (sorted.last ?? 0) * 1000)) ms")
print("unexpected errors \(errors.count)")
for error in errors.prefix(5) { print("  \(error)") }
exit(errors.isEmpty ? 0 : 1)
