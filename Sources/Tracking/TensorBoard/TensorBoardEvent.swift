/// Encodes the `tensorflow.Event` protobuf messages TensorBoard reads, by hand (no protobuf dependency).
///
/// Field numbers (from `tensorflow/core/util/event.proto` and `summary.proto`):
/// `Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }`,
/// `Summary { repeated Value value = 1; }`,
/// `Summary.Value { string tag = 1; float simple_value = 2; TensorProto tensor = 8; SummaryMetadata metadata = 9; }`,
/// `SummaryMetadata { PluginData plugin_data = 1; }`, `PluginData { string plugin_name = 1; bytes content = 2; }`,
/// `TensorProto { DataType dtype = 1; TensorShapeProto tensor_shape = 2; repeated bytes string_val = 8; }`,
/// `TensorShapeProto { repeated Dim dim = 2; }`, `Dim { int64 size = 1; }`.
public enum TensorBoardEvent {
    /// The version string of the first record of every event file.
    public static let fileVersion = "brain.Event:2"

    /// `DataType.DT_STRING` in `types.proto`.
    static let dtString: Int64 = 7

    /// The first record of an event file: `Event { wall_time, step: 0, file_version: "brain.Event:2" }`.
    public static func fileVersionRecord(wallTime: Double) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.int64(2, 0)
        event.string(3, fileVersion)
        return event.bytes
    }

    /// A scalar: `Event { wall_time, step, summary { value { tag, simple_value } } }`.
    /// TensorBoard stores scalars as 32-bit floats, so `value` is rounded to `Float`.
    public static func scalar(tag: String, value: Double, step: Int64, wallTime: Double) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.int64(2, step)
        event.message(5) { summary in
            summary.message(1) { entry in
                entry.string(1, tag)
                entry.float(2, Float(value))
            }
        }
        return event.bytes
    }

    /// A text summary, as the TensorBoard text plugin reads it: a rank-1 string tensor of one element with
    /// `plugin_name = "text"`. Markdown (tables included) is rendered by TensorBoard.
    public static func text(tag: String, text: String, step: Int64, wallTime: Double) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.int64(2, step)
        event.message(5) { summary in
            summary.message(1) { entry in
                entry.string(1, tag)
                entry.message(8) { tensor in
                    tensor.int64(1, dtString)
                    tensor.message(2) { shape in
                        shape.message(2) { dim in dim.int64(1, 1) }
                    }
                    tensor.bytesField(8, Array(text.utf8))
                }
                entry.message(9) { metadata in
                    metadata.message(1) { plugin in plugin.string(1, "text") }
                }
            }
        }
        return event.bytes
    }
}
