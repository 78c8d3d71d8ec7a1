extension ImageAPIClient {
    /// Polls `GET /v1/tasks/{id}` until the task is completed, failed or cancelled (or another terminal
    /// status), calling `onUpdate` with every answer.
    ///
    /// Transient failures of a single poll (network, 429/5xx after the client's own retries) do not end the
    /// wait; the next poll follows. Returns the terminal task whatever its status.
    ///
    /// - Throws: `ClientError` `.pollTimeout` when `options.timeout` passes first (the task may still
    ///   finish), `APIError` for a permanent error such as 404 or 401.
    public func waitForTask(id: String, options: PollingOptions = PollingOptions(),
                            onUpdate: @Sendable (TaskObject) async -> Void = { _ in }) async throws -> TaskObject {
        let deadline = sleeper.elapsed() + options.timeout
        var wait = options.firstDelay
        var lastError: (any Error)?
        while true {
            guard sleeper.elapsed() + wait <= deadline else {
                throw ClientError(.pollTimeout, message: "the task did not finish within \(Int(options.timeout.secondsValue)) s",
                                  details: lastError.map { "last poll: \($0)" } ?? "resume with `imageprep tasks wait \(id)`",
                                  taskID: id)
            }
            try await sleeper.sleep(for: wait)
            do {
                let task = try await task(id: id)
                lastError = nil
                await onUpdate(task)
                if task.status.isTerminal { return task }
            } catch let error as APIError where error.isTransient {
                lastError = error
            } catch let error as TransportError {
                lastError = error
            }
            let spread = options.maxInterval - options.minInterval
            wait = options.minInterval + .secondsValue(spread.secondsValue * random())
        }
    }
}
