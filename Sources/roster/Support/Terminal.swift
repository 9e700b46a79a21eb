/// Text for a terminal: every control character (C0, DEL, C1; ESC included) of a value shown as a visible escape
/// such as `\u{1B}`, so a name from the store or a directory cannot recolour the terminal, move the cursor, set
/// the window title or forge lines. All human output goes through here; JSON output does not (JSON escapes its own
/// strings, and its values must stay exact).
enum Terminal {
    /// `text` with its control characters escaped; line breaks and tabs stay when `keepingLayout` (whole lines of
    /// output whose layout is ours), and are escaped too in single values.
    static func escaped(_ text: String, keepingLayout: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar), !(keepingLayout && (scalar == "\n" || scalar == "\t")) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: "\\u{\(hex.count < 2 ? "0" + hex : hex)}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Prints one or more lines of human output, control characters escaped.
    static func print(_ text: String) {
        Swift.print(escaped(text, keepingLayout: true))
    }
}

/// Every `print` of the executable is human output and goes through ``Terminal``; JSON is written with
/// `Swift.print` (see ``Output/json(_:)``).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(Terminal.escaped(items.map { "\($0)" }.joined(separator: separator), keepingLayout: true), terminator: terminator)
}
