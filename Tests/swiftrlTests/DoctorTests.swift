import Foundation
import Tensor
import Testing

@testable import swiftrl

/// `swiftrl doctor` reports what runs, and the slow-path hint appears exactly when a slower GEMM path runs
/// (the portable C path, or the built-in kernel forced while OpenBLAS is installed).
@Suite struct DoctorTests {
    @Test func reportDescribesTheRunningBackend() throws {
        let report = DoctorCommand.report()
        #expect(report.gemm_backend == GEMM.backend.rawValue)
        #expect(report.cores >= 1)
        #expect(report.openblas_available == GEMM.isOpenBLASAvailable)
        #expect(report.cpu_path == GEMM.cpuPath)
        let forced = GEMM.isOpenBLASAvailable && ProcessInfo.processInfo.environment["SWIFTRL_BLAS"] != nil
        let slow = GEMM.backend == .builtin && (GEMM.cpuPath == "baseline" || forced)
        #expect(report.hints.isEmpty == !slow)
        _ = try DoctorCommand.parse(["--json"])
    }
}
