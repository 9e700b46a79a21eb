/// Numbers as SCIM reads them: every conversion of a JSON number to an integer is checked, and every rendering of
/// one as text is total (issue 9: `Int(1e300)` trapped and ended the server).
extension JSONValue {
    /// The value as an `Int` when it is a number that is integral and within `Int`'s range; nil otherwise
    /// (`1.5`, `1e300`, a string).
    public var integerValue: Int? {
        guard case .number(let number) = self else { return nil }
        return Int(exactly: number)
    }

    /// JSON text for a number: integral values within `Int64` without a fraction (`42`), the others in Swift's
    /// shortest form that reads back to the same `Double` (`0.1`, `1e+300`); `null` for the non-finite values JSON
    /// cannot write (the parser never produces them). Never traps.
    public static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if let integer = Int64(exactly: number) { return String(integer) }
        return "\(number)"
    }
}
