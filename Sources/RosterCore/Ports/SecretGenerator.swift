/// Random secrets: temporary passwords and bearer tokens, with the one-way hash stored for tokens.
public protocol SecretGenerator: Sendable {
    /// A temporary password of `length` characters from an unambiguous alphabet.
    func temporaryPassword(length: Int) -> String
    /// A random 256-bit bearer token, printable (URL-safe base64, no padding).
    func token() -> String
    /// SHA-256 of a token, which is what the store keeps.
    func tokenHash(_ token: String) -> [UInt8]
}
