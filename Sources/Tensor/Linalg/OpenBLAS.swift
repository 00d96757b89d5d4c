import Foundation

/// CBLAS entry points resolved at run time from a shared BLAS library (OpenBLAS preferred), so building SwiftRL
/// needs no system library and a machine without BLAS still runs (on the built-in kernel).
struct OpenBLAS: @unchecked Sendable {  // immutable C function pointers and an opaque library handle
    typealias SGEMM =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
            UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void
    typealias DGEMM =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
            UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32
        ) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void

    /// CBLAS enumerators (`CblasRowMajor`, `CblasNoTrans`, `CblasTrans`).
    static let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112

    /// Library names tried in order; the first that loads and exports `cblas_sgemm` and `cblas_dgemm` wins.
    /// `libblas.so.3` (Debian's alternatives link) counts only when it is OpenBLAS underneath (it exports
    /// `openblas_set_num_threads`): the reference BLAS behind that name is slower than the built-in kernel.
    /// On Apple platforms Accelerate's BLAS (same CBLAS interface, AMX/NEON kernels) comes first; this path cannot
    /// be tested on the Linux CI machines, so it is kept to this one line.
    static let candidates = appleBLAS + ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libblas.so.3"]

    #if canImport(Accelerate)
        static let appleBLAS = ["/System/Library/Frameworks/Accelerate.framework/Accelerate"]
    #else
        static let appleBLAS: [String] = []
    #endif

    /// The file name that was loaded.
    let name: String
    let sgemm: SGEMM
    let dgemm: DGEMM
    /// `openblas_set_num_threads`, absent in non-OpenBLAS libraries.
    let setThreads: SetThreads?

    /// The library, loaded and pinned to one thread on first use; `nil` when none of ``candidates`` is usable.
    static let shared: OpenBLAS? = load()

    private static func load() -> OpenBLAS? {
        for name in candidates {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let sgemmSymbol = dlsym(handle, "cblas_sgemm"), let dgemmSymbol = dlsym(handle, "cblas_dgemm") else {
                dlclose(handle)
                continue
            }
            let setThreads = dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreads.self) }
            if name == "libblas.so.3" && setThreads == nil {
                dlclose(handle)
                continue
            }
            setThreads?(1)  // one thread by default: two threads collapse when another process holds the other core
            return OpenBLAS(
                name: name, sgemm: unsafeBitCast(sgemmSymbol, to: SGEMM.self),
                dgemm: unsafeBitCast(dgemmSymbol, to: DGEMM.self), setThreads: setThreads)
        }
        return nil
    }
}
