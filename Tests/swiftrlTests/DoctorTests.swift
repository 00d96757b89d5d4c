import Tensor
import Testing

@testable import swiftrl

/// `swiftrl doctor` reports what runs, and the slow-path hint appears exactly when the built-in GEMM runs.
@Suite struct DoctorTests {
    @Test func reportDescribesTheRunningBackend() throws {
        let report = DoctorCommand.report()
        #expect(report.gemm_backend == GEMM.backend.rawValue)
        #expect(report.cores >= 1)
        #expect(report.openblas_available == GEMM.isOpenBLASAvailable)
        #expect(report.hints.isEmpty == (GEMM.backend == .openBLAS))
        _ = try DoctorCommand.parse(["--json"])
    }
}
