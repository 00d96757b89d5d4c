#if MuJoCo
import CMuJoCo
import Foundation

/// A compiled MuJoCo model (`mjModel`), immutable after loading and shared by every copy of a simulation.
final class MuJoCoModel: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<mjModel>

    /// Compiles MJCF text with MuJoCo's own parser (through a temporary file, which works on every MuJoCo version).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` with MuJoCo's message when the model does not compile.
    init(mjcf: String, name: String) throws(EnvironmentError) {
        MuJoCoSupport.installWarningHandler()
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftrl-\(name)-\(UUID().uuidString).xml")
        do {
            try mjcf.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw .unsupported("\(name): cannot write the MJCF model to \(url.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        var message = [CChar](repeating: 0, count: 1024)
        let loaded = url.path.withCString { path in mj_loadXML(path, nil, &message, Int32(message.count)) }
        guard let loaded else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .invalidOption("\(name): MuJoCo could not compile the model: \(text)")
        }
        pointer = loaded
    }

    deinit { mj_deleteModel(pointer) }
}

/// One `mjData` owned by a class so that ``MuJoCoSimulation`` can copy it on write.
final class MuJoCoData: @unchecked Sendable {
    let model: MuJoCoModel
    let pointer: UnsafeMutablePointer<mjData>

    init(model: MuJoCoModel) throws(EnvironmentError) {
        guard let data = mj_makeData(model.pointer) else {
            throw .unsupported("MuJoCo could not allocate mjData (out of memory?)")
        }
        self.model = model
        pointer = data
    }

    func copy() -> MuJoCoData {
        // mj_makeData only fails when out of memory; the copy then keeps sharing (the caller mutates in place).
        guard let data = try? MuJoCoData(model: model) else { return self }
        mj_copyData(data.pointer, model.pointer, pointer)
        return data
    }

    deinit { mj_deleteData(pointer) }
}

/// A MuJoCo model and its simulation state with value semantics (the state is copied when a shared copy is
/// mutated). Thin: every physics computation is MuJoCo's (`mj_step`, `mj_forward`, `mj_rnePostConstraint`).
struct MuJoCoSimulation: Sendable {
    private var data: MuJoCoData

    /// Loads `mjcf` and allocates its data at the model's reference configuration (`qpos0`, zero velocity).
    init(mjcf: String, name: String) throws(EnvironmentError) {
        data = try MuJoCoData(model: try MuJoCoModel(mjcf: mjcf, name: name))
    }

    private var model: UnsafeMutablePointer<mjModel> { data.model.pointer }

    var positionCount: Int { Int(model.pointee.nq) }
    var velocityCount: Int { Int(model.pointee.nv) }
    var actuatorCount: Int { Int(model.pointee.nu) }
    var bodyCount: Int { Int(model.pointee.nbody) }
    var timestep: Double { model.pointee.opt.timestep }

    /// `actuator_ctrlrange` as (low, high) per actuator.
    var controlRanges: [(low: Double, high: Double)] {
        let range = model.pointee.actuator_ctrlrange!
        return (0..<actuatorCount).map { (range[2 * $0], range[2 * $0 + 1]) }
    }

    /// The model's reference configuration `qpos0`.
    var referencePositions: [Double] { Array(UnsafeBufferPointer(start: model.pointee.qpos0, count: positionCount)) }

    var qpos: [Double] { Array(UnsafeBufferPointer(start: data.pointer.pointee.qpos, count: positionCount)) }
    var qvel: [Double] { Array(UnsafeBufferPointer(start: data.pointer.pointee.qvel, count: velocityCount)) }

    /// `cfrc_ext`, row-major (`nbody × 6`).
    var externalContactForces: [Double] {
        Array(UnsafeBufferPointer(start: data.pointer.pointee.cfrc_ext, count: 6 * bodyCount))
    }

    /// A body frame's world position (`xpos[body]`).
    func bodyPosition(_ body: Int) -> SIMD3<Double> {
        let xpos = data.pointer.pointee.xpos!
        return SIMD3(xpos[3 * body], xpos[3 * body + 1], xpos[3 * body + 2])
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&data) { data = data.copy() }
    }

    /// `mj_resetData`: time 0, `qpos0`, zero velocity, controls and forces.
    mutating func resetData() {
        makeUnique()
        mj_resetData(model, data.pointer)
    }

    /// Gymnasium's `set_state`: writes `qpos`/`qvel` and runs `mj_forward`.
    mutating func setState(qpos: [Double], qvel: [Double]) {
        makeUnique()
        let d = data.pointer.pointee
        for index in 0..<min(qpos.count, positionCount) { d.qpos[index] = qpos[index] }
        for index in 0..<min(qvel.count, velocityCount) { d.qvel[index] = qvel[index] }
        mj_forward(model, data.pointer)
    }

    /// Gymnasium's `do_simulation`: sets `ctrl`, runs `mj_step` `frames` times, then `mj_rnePostConstraint`
    /// (which fills `cfrc_ext`).
    mutating func step(control: [Double], frames: Int) {
        makeUnique()
        let d = data.pointer.pointee
        for index in 0..<min(control.count, actuatorCount) { d.ctrl[index] = control[index] }
        for _ in 0..<frames { mj_step(model, data.pointer) }
        mj_rnePostConstraint(model, data.pointer)
    }
}

extension MuJoCoSupport {
    static var linked: Bool { true }
    static var linkedVersion: Int? { Int(mj_version()) }

    /// MuJoCo's warnings go to standard error instead of a `MUJOCO_LOG.TXT` in the working directory; the
    /// deprecation notice for `settotalmass` (HalfCheetah's model, kept for Gymnasium's exact masses) is dropped.
    static func installWarningHandler() { _ = warningHandlerInstalled }

    private static let warningHandlerInstalled: Bool = {
        swiftrl_mujoco_set_warning_handler { message in
            guard let message else { return }
            let text = String(cString: message)
            if text.contains("settotalmass") { return }
            FileHandle.standardError.write(Data("MuJoCo warning: \(text)\n".utf8))
        }
        return true
    }()
}
#else
/// Stand-in when the package is built without the `MuJoCo` trait: creating it throws the install hint.
struct MuJoCoSimulation: Sendable {
    init(mjcf: String, name: String) throws(EnvironmentError) {
        throw .unsupported(MuJoCoSupport.unavailableReason(id: name) ?? name)
    }
    var positionCount: Int { 0 }
    var velocityCount: Int { 0 }
    var actuatorCount: Int { 0 }
    var bodyCount: Int { 0 }
    var timestep: Double { 0 }
    var controlRanges: [(low: Double, high: Double)] { [] }
    var referencePositions: [Double] { [] }
    var qpos: [Double] { [] }
    var qvel: [Double] { [] }
    var externalContactForces: [Double] { [] }
    func bodyPosition(_ body: Int) -> SIMD3<Double> { .zero }
    mutating func resetData() {}
    mutating func setState(qpos: [Double], qvel: [Double]) {}
    mutating func step(control: [Double], frames: Int) {}
}

extension MuJoCoSupport {
    static var linked: Bool { false }
    static var linkedVersion: Int? { nil }
}
#endif

/// Whether this build has MuJoCo, and how to get it.
public enum MuJoCoSupport {
    /// True when the package was built with the `MuJoCo` trait (and so links libmujoco).
    public static var isAvailable: Bool { linked }

    /// `mj_version()` of the linked library (e.g. 4000001 for 4.0.1), or nil without the trait.
    public static var version: Int? { linkedVersion }

    /// How to enable the MuJoCo environments.
    public static let installHint =
        "build with the MuJoCo trait: `pip install mujoco` into a venv, `source Scripts/mujoco-wheel.sh <venv>`, "
        + "then `swift build --traits MuJoCo` (or `apt-get install libmujoco-dev`, MuJoCo 2.2.2, then the same "
        + "build command); see Docs/MuJoCo.md"

    /// Nil when MuJoCo is linked; otherwise why `id` cannot be made and how to fix it.
    public static func unavailableReason(id: String) -> String? {
        isAvailable ? nil : "\(id) needs the MuJoCo physics library, which this build does not link: \(installHint)"
    }
}
