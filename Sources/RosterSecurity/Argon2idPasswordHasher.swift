import CSodium
import RosterCore

/// argon2id password hashes through libsodium's `crypto_pwhash_str` (PHC strings, constant-time verification).
public struct Argon2idPasswordHasher: PasswordHasher {
    /// Cost presets. `interactive` (64 MiB, t=2) costs about 80 ms per hash on this machine class.
    public enum Strength: String, Sendable, CaseIterable {
        case interactive
        case moderate
        case sensitive
        /// libsodium's minimum cost. Only for tests that create many accounts; never configurable.
        case testingOnly
    }

    public let strength: Strength

    public init(strength: Strength = .interactive) {
        _ = Sodium.ready
        self.strength = strength
    }

    private var limits: (ops: UInt64, mem: Int) {
        switch strength {
        case .interactive: (UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
        case .moderate: (UInt64(crypto_pwhash_OPSLIMIT_MODERATE), Int(crypto_pwhash_MEMLIMIT_MODERATE))
        case .sensitive: (UInt64(crypto_pwhash_OPSLIMIT_SENSITIVE), Int(crypto_pwhash_MEMLIMIT_SENSITIVE))
        case .testingOnly: (UInt64(crypto_pwhash_OPSLIMIT_MIN), Int(crypto_pwhash_MEMLIMIT_MIN))
        }
    }

    public func hash(_ password: String) throws -> String {
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let (ops, mem) = limits
        let bytes = Array(password.utf8).map { CChar(bitPattern: $0) }
        let rc = crypto_pwhash_str_alg(&output, bytes, UInt64(bytes.count), ops, mem, crypto_pwhash_ALG_ARGON2ID13)
        guard rc == 0 else {
            throw RosterError(.cryptoFailure, "argon2id hashing failed (out of memory?)")
        }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func verify(_ password: String, against hash: String) -> Bool {
        let bytes = Array(password.utf8).map { CChar(bitPattern: $0) }
        return hash.withCString { stored in
            crypto_pwhash_str_verify(stored, bytes, UInt64(bytes.count)) == 0
        }
    }

    /// Whether a stored hash was made with other parameters than this hasher's (rehash at next login).
    public func needsRehash(_ hash: String) -> Bool {
        let (ops, mem) = limits
        return hash.withCString { crypto_pwhash_str_needs_rehash($0, ops, mem) } != 0
    }
}
