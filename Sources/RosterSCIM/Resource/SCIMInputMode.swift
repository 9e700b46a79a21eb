/// How forgiving request parsing is.
///
/// Lenient (the default) takes what real clients send: Entra ID's `"Replace"`, `"True"`/`"False"` strings for
/// booleans, a single value where an array is expected, dotted keys in path-less PATCH values, `replace` on a
/// value path with no match adding the value, and unquoted filter values. Strict rejects each of those with the
/// RFC 7644 error a conformant client would expect.
public struct SCIMInputMode: Sendable, Hashable {
    public var lenient: Bool
    public init(lenient: Bool = true) { self.lenient = lenient }
    public static let lenient = SCIMInputMode(lenient: true)
    public static let strict = SCIMInputMode(lenient: false)
}
