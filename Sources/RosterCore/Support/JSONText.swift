/// JSON text building shared by the hand-written encoders on hot paths (audit snapshots, run reports).
public enum JSONText {
    /// Appends `value` as a JSON string literal (RFC 8259 escaping).
    public static func appendString(_ value: String, to out: inout String) {
        out += "\""
        // Most values need no escape at all: appended whole (a scan of the UTF-8 bytes, no per-scalar appends).
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
