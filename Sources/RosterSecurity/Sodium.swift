import CSodium

/// One-time libsodium initialisation (thread-safe and idempotent inside libsodium).
enum Sodium {
    /// Calls `sodium_init()`; traps only if libsodium cannot initialise at all (no usable randomness source).
    static let ready: Bool = {
        let rc = sodium_init()
        precondition(rc >= 0, "libsodium could not be initialised")
        return true
    }()

    /// `count` cryptographically secure random bytes.
    static func randomBytes(_ count: Int) -> [UInt8] {
        _ = ready
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
        }
        return bytes
    }

    /// A uniform random integer in `0..<upperBound`.
    static func uniform(_ upperBound: UInt32) -> UInt32 {
        _ = ready
        return randombytes_uniform(upperBound)
    }
}
