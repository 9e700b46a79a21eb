/// Hashes and verifies passwords (argon2id in production). Implementations compare in constant time.
public protocol PasswordHasher: Sendable {
    /// A self-describing hash string (PHC format).
    func hash(_ password: String) throws -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) -> Bool
}
