import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A minimal client of the Ray Jobs REST API (the dashboard's `/api/jobs/`): submit, status, logs, stop.
/// No Python is needed on the client; the API is documented at
/// https://docs.ray.io/en/latest/cluster/running-applications/job-submission/rest.html.
public struct RayJobsClient: Sendable {
    /// The dashboard address, e.g. `http://127.0.0.1:8265`.
    public var address: URL
    /// Seconds before a request gives up.
    public var timeout: Double

    /// A client for `address` (`http://HOST:8265`; a bare `HOST:PORT` gets `http://`).
    /// - Throws: ``ScaleOutError/ray(_:)`` if the address is not a URL.
    public init(address: String, timeout: Double = 30) throws(ScaleOutError) {
        let text = address.contains("://") ? address : "http://" + address
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text), url.host != nil else {
            throw .ray("'\(address)' is not an address; give the dashboard URL, e.g. --ray-address http://HOST:8265")
        }
        self.address = url
        self.timeout = timeout
    }

    /// What Ray reports about a job.
    public struct JobInfo: Decodable, Sendable {
        /// PENDING, RUNNING, STOPPED, SUCCEEDED or FAILED.
        public var status: String
        /// Ray's explanation (failure reason).
        public var message: String?
        /// The entrypoint's exit code, once it exited (recent Ray versions).
        public var driverExitCode: Int?

        enum CodingKeys: String, CodingKey {
            case status, message
            case driverExitCode = "driver_exit_code"
        }
    }

    /// The server's Ray version (checks that the address is a Ray dashboard).
    public func version() throws(ScaleOutError) -> String {
        guard let data = try request("GET", "/api/version") else { return "unknown" }
        struct Version: Decodable { var ray_version: String? }
        return (try? JSONDecoder().decode(Version.self, from: data))?.ray_version ?? "unknown"
    }

    /// Submits `entrypoint` (a shell command line) as job `submissionID`.
    public func submit(
        entrypoint: String, submissionID: String, cpus: Double?, runtimeEnvironment: [String: Any],
        metadata: [String: String]
    ) throws(ScaleOutError) {
        var body: [String: Any] = ["entrypoint": entrypoint, "submission_id": submissionID, "metadata": metadata]
        if let cpus { body["entrypoint_num_cpus"] = cpus }
        if !runtimeEnvironment.isEmpty { body["runtime_env"] = runtimeEnvironment }
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: body) } catch {
            throw .ray("cannot encode the job request: \(error)")
        }
        _ = try request("POST", "/api/jobs/", body: json)
    }

    /// The job's status, or nil if Ray does not know the id (404).
    public func info(_ submissionID: String) throws(ScaleOutError) -> JobInfo? {
        guard let data = try request("GET", "/api/jobs/\(submissionID)", allowNotFound: true) else { return nil }
        do { return try JSONDecoder().decode(JobInfo.self, from: data) } catch {
            throw .ray("unreadable status of job \(submissionID): \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
    }

    /// The job's log text so far ("" if Ray does not know it).
    public func logs(_ submissionID: String) throws(ScaleOutError) -> String {
        guard let data = try request("GET", "/api/jobs/\(submissionID)/logs", allowNotFound: true) else { return "" }
        struct Logs: Decodable { var logs: String }
        return (try? JSONDecoder().decode(Logs.self, from: data))?.logs ?? ""
    }

    /// Asks Ray to stop the job; true if it was running and is being stopped.
    @discardableResult
    public func stop(_ submissionID: String) throws(ScaleOutError) -> Bool {
        let answer = try request("POST", "/api/jobs/\(submissionID)/stop", allowNotFound: true)
        guard let data = answer else { return false }
        struct Stopped: Decodable { var stopped: Bool }
        return (try? JSONDecoder().decode(Stopped.self, from: data))?.stopped ?? false
    }

    @discardableResult
    private func request(
        _ method: String, _ path: String, body: Data? = nil, allowNotFound: Bool = false
    ) throws(ScaleOutError) -> Data? {
        guard let url = URL(string: address.absoluteString + path) else { throw .ray("bad request path \(path)") }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data, (response as? HTTPURLResponse)?.statusCode, error)
            done.signal()
        }.resume()
        done.wait()
        let (data, status, error) = box.get()
        if let error {
            throw .ray("\(method) \(url.absoluteString) failed: \(error.localizedDescription); is the Ray head running "
                + "with its dashboard (ray start --head --dashboard-host 0.0.0.0) and is the address right?")
        }
        if status == 404 && allowNotFound { return nil }
        guard let status, (200..<300).contains(status) else {
            let text = String(decoding: (data ?? Data()).prefix(300), as: UTF8.self)
            throw .ray("\(method) \(path) answered HTTP \(status.map(String.init) ?? "?"): \(text)")
        }
        return data ?? Data()
    }
}

/// Carries a response out of URLSession's callback.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, Int?, (any Error)?) = (nil, nil, nil)
    func set(_ data: Data?, _ status: Int?, _ error: (any Error)?) { lock.withLock { value = (data, status, error) } }
    func get() -> (Data?, Int?, (any Error)?) { lock.withLock { value } }
}
