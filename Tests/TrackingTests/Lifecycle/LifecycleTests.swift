import Foundation
import Testing

@testable import Tracking

@Suite("Run lifecycle", .serialized)
struct LifecycleTests {
    @Test("a NaN loss is reported with its name and step")
    func nanLoss() {
        #expect(throws: NonFiniteValueError(quantity: MetricTag.valueLoss, step: 42, value: .infinity)) {
            try NonFiniteValueError.check([MetricTag.policyLoss: 0.1, MetricTag.valueLoss: .infinity], step: 42)
        }
        #expect(throws: Never.self) { try NonFiniteValueError.check([MetricTag.entropy: 0.5], step: 1) }
    }

    @Test("a non-finite parameter element is reported with the parameter name")
    func nanParameter() {
        do {
            try NonFiniteValueError.check(parameter: "actor.head.weight", [Float(1), .nan, 2], step: 7)
            Issue.record("expected an error")
        } catch {
            #expect(error.quantity == "actor.head.weight")
            #expect(error.step == 7)
            #expect(error.description.contains("at step 7"))
        }
    }

    @Test("a watched signal sets the stop flag instead of killing the process (SIGUSR1 stands in for SIGINT)")
    func sigint() async throws {
        let monitor = InterruptMonitor(signals: [SIGUSR1])
        defer { monitor.stop() }
        #expect(!monitor.isRequested)
        kill(getpid(), SIGUSR1)
        for _ in 0..<200 where !monitor.isRequested { try await Task.sleep(nanoseconds: 5_000_000) }
        #expect(monitor.isRequested)
        #expect(monitor.signalNumber == SIGUSR1)
        monitor.stop()
        #expect(monitor.isRequested)  // the request survives stop()
    }

    @Test("a stop can be requested without a signal")
    func programmatic() {
        let monitor = InterruptMonitor(signals: [])
        monitor.request()
        #expect(monitor.isRequested)
        #expect(monitor.signalNumber == nil)
    }
}
